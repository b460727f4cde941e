//! Execution tests for integer IR: moves, arithmetic with overflow and carry
//! at the 64-bit boundaries, comparisons, logic and shifts.
//! Each program is compiled for the host and run through the entry trampoline.

mod common;

use basil_asm::{Assembler, Cond, Insn, Mem, Opnd, Target, Width};
use common::{Jit, EDGES};

const P0: Opnd = Opnd::Pinned(0);
const P1: Opnd = Opnd::Pinned(1);
const P2: Opnd = Opnd::Pinned(2);

/// Deterministic pseudo-random values (xorshift), mixed with the edges.
fn values(n: usize) -> Vec<i64> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut out: Vec<i64> = EDGES.to_vec();
    for i in 0..n {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        // alternate full-range and small values
        out.push(if i % 2 == 0 {
            x as i64
        } else {
            (x % 2000) as i64 - 1000
        });
    }
    out
}

fn pairs() -> Vec<(i64, i64)> {
    let v = values(24);
    let mut out = Vec::new();
    for &a in &v {
        for &b in &v {
            out.push((a, b));
        }
    }
    out
}

#[test]
fn immediates_and_moves() {
    let mut jit = Jit::new();
    for v in EDGES
        .iter()
        .copied()
        .chain([-0x8000_0001, 0xffff_ffff_0000_0000u64 as i64])
    {
        let mut a = Assembler::new();
        a.leave(Opnd::Imm(v));
        assert_eq!(jit.run(&a, [0; 3]) as i64, v, "leave imm {v:#x}");
        let mut a = Assembler::new();
        let x = a.mov_new(Opnd::Imm(v));
        let y = a.mov_new(x);
        a.leave(y);
        assert_eq!(jit.run(&a, [0; 3]) as i64, v, "mov imm {v:#x}");
    }
}

#[test]
fn pinned_registers_carry_the_arguments() {
    let mut jit = Jit::new();
    let mut a = Assembler::new();
    let s = a.add(P0, P1);
    let d = a.sub(s, P2);
    a.leave(d);
    let c = jit.compile(&a);
    assert_eq!(jit.run_at(c.start, [100, 20, 3]), 117);
    // Pinned registers are writable and survive to Leave.
    let mut a = Assembler::new();
    a.push(Insn::Add {
        dst: P0,
        a: P0,
        b: P1,
    });
    a.mov(P1, Opnd::Imm(0));
    a.push(Insn::Add {
        dst: P2,
        a: P2,
        b: P0,
    });
    a.leave(P2);
    assert_eq!(jit.run(&a, [1, 2, 3]), 6);
}

/// `op(p0, b)`; returns the wrapped result in `[p2]` and the overflow flag,
/// observed three ways: Jcc to a label, SetCond, and a side exit.
fn check_overflow(
    jit: &mut Jit,
    name: &str,
    mk: fn(Opnd, Opnd, Opnd) -> Insn,
    b_imm: bool,
    reference: fn(i64, i64) -> (i64, bool),
) {
    let mut progs = Vec::new();
    for b in if b_imm { values(6) } else { vec![0] } {
        let bop = if b_imm { Opnd::Imm(b) } else { P1 };
        // 1. Jcc(Overflow) to a label
        let mut a = Assembler::new();
        let r = a.new_vreg();
        let ovf = a.new_label();
        a.push(mk(r, P0, bop));
        a.jcc(Cond::Overflow, Target::Label(ovf));
        a.store(Mem::new(P2, 0), r, Width::W64);
        a.leave(Opnd::Imm(0));
        a.bind(ovf);
        a.store(Mem::new(P2, 0), r, Width::W64);
        a.leave(Opnd::Imm(1));
        let c1 = jit.compile(&a);
        // 2. SetCond(Overflow) and Jcc(NoOverflow)
        let mut a = Assembler::new();
        let r = a.new_vreg();
        let fine = a.new_label();
        a.push(mk(r, P0, bop));
        let f = a.set_cond(Cond::Overflow);
        a.jcc(Cond::NoOverflow, Target::Label(fine));
        a.store(Mem::new(P2, 8), Opnd::Imm(1), Width::W64);
        a.bind(fine);
        a.store(Mem::new(P2, 0), r, Width::W64);
        a.leave(f);
        let c2 = jit.compile(&a);
        // 3. Side exit on overflow, reading the inline result
        let mut a = Assembler::new();
        let r = a.new_vreg();
        a.push(mk(r, P0, bop));
        let exit = a.side_exit(|a| {
            a.store(Mem::new(P2, 0), r, Width::W64);
            a.leave(Opnd::Imm(1));
        });
        a.jcc(Cond::Overflow, exit);
        a.store(Mem::new(P2, 0), r, Width::W64);
        a.leave(Opnd::Imm(0));
        let c3 = jit.compile(&a);
        assert!(c3.outlined_len > 0);
        progs.push((b, [c1.start, c2.start, c3.start]));
    }
    for (a, b) in pairs() {
        for &(bimm, starts) in &progs {
            let b = if b_imm { bimm } else { b };
            let (want, want_ovf) = reference(a, b);
            for (k, &start) in starts.iter().enumerate() {
                let mut buf = [0u64; 2];
                let got = jit.run_at(start, [a as u64, b as u64, buf.as_mut_ptr() as u64]);
                assert_eq!(got, want_ovf as u64, "{name}#{k}({a}, {b}) overflow flag");
                assert_eq!(buf[0] as i64, want, "{name}#{k}({a}, {b}) value");
                if k == 1 {
                    assert_eq!(
                        buf[1], want_ovf as u64,
                        "{name}: Jcc(NoOverflow) disagrees with SetCond"
                    );
                }
            }
        }
    }
}

#[test]
fn add_overflow() {
    let mut jit = Jit::new();
    let mk = |dst, a, b| Insn::Add { dst, a, b };
    check_overflow(&mut jit, "add", mk, false, |a, b| a.overflowing_add(b));
    check_overflow(&mut jit, "add-imm", mk, true, |a, b| a.overflowing_add(b));
}

#[test]
fn sub_overflow() {
    let mut jit = Jit::new();
    let mk = |dst, a, b| Insn::Sub { dst, a, b };
    check_overflow(&mut jit, "sub", mk, false, |a, b| a.overflowing_sub(b));
    check_overflow(&mut jit, "sub-imm", mk, true, |a, b| a.overflowing_sub(b));
}

#[test]
fn mul_overflow() {
    let mut jit = Jit::new();
    let mk = |dst, a, b| Insn::MulOverflow { dst, a, b };
    check_overflow(&mut jit, "mul", mk, false, |a, b| a.overflowing_mul(b));
    check_overflow(&mut jit, "mul-imm", mk, true, |a, b| a.overflowing_mul(b));
    // Mul without overflow check: just the low bits.
    let mut a = Assembler::new();
    let r = a.mul(P0, P1);
    a.leave(r);
    let c = jit.compile(&a);
    for (x, y) in pairs() {
        assert_eq!(
            jit.run_at(c.start, [x as u64, y as u64, 0]) as i64,
            x.wrapping_mul(y)
        );
    }
}

#[test]
fn add_carry() {
    let mut jit = Jit::new();
    let mut a = Assembler::new();
    a.add(P0, P1);
    let c = a.set_cond(Cond::Carry);
    let nc = a.set_cond(Cond::NoCarry);
    let nc2 = a.shl(nc, Opnd::Imm(1));
    let r = a.or(c, nc2);
    a.leave(r);
    let prog = jit.compile(&a);
    for (x, y) in pairs() {
        let carry = (x as u64).overflowing_add(y as u64).1;
        let want = if carry { 1 } else { 2 };
        assert_eq!(
            jit.run_at(prog.start, [x as u64, y as u64, 0]),
            want,
            "carry {x} + {y}"
        );
    }
}

const INT_CONDS: [Cond; 10] = [
    Cond::Eq,
    Cond::Ne,
    Cond::Lt,
    Cond::Le,
    Cond::Gt,
    Cond::Ge,
    Cond::Below,
    Cond::BelowEq,
    Cond::Above,
    Cond::AboveEq,
];

fn int_cond(c: Cond, a: i64, b: i64) -> bool {
    let (ua, ub) = (a as u64, b as u64);
    match c {
        Cond::Eq => a == b,
        Cond::Ne => a != b,
        Cond::Lt => a < b,
        Cond::Le => a <= b,
        Cond::Gt => a > b,
        Cond::Ge => a >= b,
        Cond::Below => ua < ub,
        Cond::BelowEq => ua <= ub,
        Cond::Above => ua > ub,
        Cond::AboveEq => ua >= ub,
        _ => unreachable!(),
    }
}

#[test]
fn compare_conditions_setcond_jcc_csel() {
    let mut jit = Jit::new();
    for cond in INT_CONDS {
        // SetCond after Cmp
        let mut a = Assembler::new();
        a.cmp(P0, P1);
        let r = a.set_cond(cond);
        a.leave(r);
        let set = jit.compile(&a);
        // Jcc after Sub (same flags as Cmp), to a label
        let mut a = Assembler::new();
        let yes = a.new_label();
        a.sub(P0, P1);
        a.jcc(cond, Target::Label(yes));
        a.leave(Opnd::Imm(0));
        a.bind(yes);
        a.leave(Opnd::Imm(1));
        let jcc = jit.compile(&a);
        // CSel after Cmp, picking between the operands
        let mut a = Assembler::new();
        a.cmp(P0, P1);
        let r = a.csel(cond, P0, P1);
        a.leave(r);
        let csel = jit.compile(&a);
        for (x, y) in pairs() {
            let want = int_cond(cond, x, y);
            let p = [x as u64, y as u64, 0];
            assert_eq!(
                jit.run_at(set.start, p),
                want as u64,
                "setcond {cond:?} {x} {y}"
            );
            assert_eq!(
                jit.run_at(jcc.start, p),
                want as u64,
                "jcc {cond:?} {x} {y}"
            );
            let sel = if want { x } else { y };
            assert_eq!(
                jit.run_at(csel.start, p) as i64,
                sel,
                "csel {cond:?} {x} {y}"
            );
        }
        // Cmp against immediates (small and large)
        for imm in values(4) {
            let mut a = Assembler::new();
            a.cmp(P0, Opnd::Imm(imm));
            let r = a.set_cond(cond);
            a.leave(r);
            let c = jit.compile(&a);
            for x in values(8) {
                let want = int_cond(cond, x, imm);
                assert_eq!(
                    jit.run_at(c.start, [x as u64, 0, 0]),
                    want as u64,
                    "cmp imm {cond:?} {x} {imm}"
                );
            }
        }
    }
}

#[test]
fn test_instruction() {
    let mut jit = Jit::new();
    let mut a = Assembler::new();
    a.test(P0, P1);
    let z = a.set_cond(Cond::Eq);
    let nz = a.set_cond(Cond::Ne);
    let nz2 = a.shl(nz, Opnd::Imm(1));
    let r = a.or(z, nz2);
    a.leave(r);
    let c = jit.compile(&a);
    let mut a = Assembler::new();
    a.test(P0, Opnd::Imm(0xff00));
    let z = a.set_cond(Cond::Eq);
    a.leave(z);
    let ci = jit.compile(&a);
    for (x, y) in pairs() {
        let want = if x & y == 0 { 1 } else { 2 };
        assert_eq!(jit.run_at(c.start, [x as u64, y as u64, 0]), want);
        assert_eq!(
            jit.run_at(ci.start, [x as u64, 0, 0]),
            (x & 0xff00 == 0) as u64
        );
    }
}

#[test]
fn logic_shifts_neg_not() {
    let mut jit = Jit::new();
    type Build = fn(&mut Assembler, Opnd, Opnd) -> Opnd;
    type Reference = fn(i64, i64) -> i64;
    let ops: Vec<(&str, Build, Reference)> = vec![
        ("and", |a, x, y| a.and(x, y), |x, y| x & y),
        ("or", |a, x, y| a.or(x, y), |x, y| x | y),
        ("xor", |a, x, y| a.xor(x, y), |x, y| x ^ y),
        (
            "shl",
            |a, x, y| a.shl(x, y),
            |x, y| x.wrapping_shl(y as u32 & 63),
        ),
        (
            "sar",
            |a, x, y| a.sar(x, y),
            |x, y| x.wrapping_shr(y as u32 & 63),
        ),
        (
            "shr",
            |a, x, y| a.shr(x, y),
            |x, y| ((x as u64) >> (y & 63)) as i64,
        ),
        ("neg", |a, x, _| a.neg(x), |x, _| x.wrapping_neg()),
        ("not", |a, x, _| a.not(x), |x, _| !x),
        ("add", |a, x, y| a.add(x, y), |x, y| x.wrapping_add(y)),
        ("sub", |a, x, y| a.sub(x, y), |x, y| x.wrapping_sub(y)),
    ];
    for (name, build, reference) in ops {
        let mut a = Assembler::new();
        let r = build(&mut a, P0, P1);
        a.leave(r);
        let c = jit.compile(&a);
        for (x, y) in pairs() {
            assert_eq!(
                jit.run_at(c.start, [x as u64, y as u64, 0]) as i64,
                reference(x, y),
                "{name}({x}, {y})"
            );
        }
        // Immediate second operand (incl. ones that do not fit 32 bits) and
        // an immediate first operand.
        for imm in values(3).into_iter().chain([0, 1, 31, 32, 63, 64, 65]) {
            let mut a = Assembler::new();
            let r = build(&mut a, P0, Opnd::Imm(imm));
            a.leave(r);
            let c = jit.compile(&a);
            let mut a = Assembler::new();
            let r = build(&mut a, Opnd::Imm(imm), P0);
            a.leave(r);
            let c2 = jit.compile(&a);
            for x in values(6) {
                assert_eq!(
                    jit.run_at(c.start, [x as u64, 0, 0]) as i64,
                    reference(x, imm),
                    "{name}({x}, imm {imm})"
                );
                assert_eq!(
                    jit.run_at(c2.start, [x as u64, 0, 0]) as i64,
                    reference(imm, x),
                    "{name}(imm {imm}, {x})"
                );
            }
        }
    }
}

#[test]
fn destination_aliases_a_source() {
    let mut jit = Jit::new();
    type Mk = fn(Opnd, Opnd, Opnd) -> Insn;
    type Reference = fn(i64, i64) -> i64;
    let ops: Vec<(&str, Mk, Reference)> = vec![
        (
            "sub",
            |d, a, b| Insn::Sub { dst: d, a, b },
            i64::wrapping_sub,
        ),
        (
            "add",
            |d, a, b| Insn::Add { dst: d, a, b },
            i64::wrapping_add,
        ),
        (
            "mul",
            |d, a, b| Insn::Mul { dst: d, a, b },
            i64::wrapping_mul,
        ),
        ("and", |d, a, b| Insn::And { dst: d, a, b }, |x, y| x & y),
        (
            "shl",
            |d, a, b| Insn::Shl {
                dst: d,
                a,
                amount: b,
            },
            |x, y| x.wrapping_shl(y as u32 & 63),
        ),
        (
            "shr",
            |d, a, b| Insn::Shr {
                dst: d,
                a,
                amount: b,
            },
            |x, y| ((x as u64) >> (y & 63)) as i64,
        ),
    ];
    for (name, mk, reference) in ops {
        // y = x op y
        let mut a = Assembler::new();
        let x = a.mov_new(P0);
        let y = a.mov_new(P1);
        a.push(mk(y, x, y));
        let s = a.add(x, y); // keep x alive past the op
        let r = a.sub(s, x);
        a.leave(r);
        let c = jit.compile(&a);
        // x = x op x
        let mut a = Assembler::new();
        let x = a.mov_new(P0);
        a.push(mk(x, x, x));
        a.leave(x);
        let c2 = jit.compile(&a);
        // pinned destination aliasing the second source
        let mut a = Assembler::new();
        a.push(mk(P1, P0, P1));
        a.leave(P1);
        let c3 = jit.compile(&a);
        for (x, y) in pairs() {
            let p = [x as u64, y as u64, 0];
            assert_eq!(
                jit.run_at(c.start, p) as i64,
                reference(x, y),
                "{name} y=x op y ({x}, {y})"
            );
            assert_eq!(
                jit.run_at(c2.start, p) as i64,
                reference(x, x),
                "{name} x=x op x ({x})"
            );
            assert_eq!(
                jit.run_at(c3.start, p) as i64,
                reference(x, y),
                "{name} p1=p0 op p1 ({x}, {y})"
            );
        }
    }
}

#[test]
fn every_register_in_use_with_variable_shifts() {
    // Eight loaded values stay live while each is shifted by the next one, so
    // the allocator hands out (nearly) every register, including the x86
    // shift-count register rcx.
    let mut jit = Jit::new();
    for kind in 0..3 {
        let mut a = Assembler::new();
        let vs: Vec<Opnd> = (0..8)
            .map(|i| a.load(Mem::new(P0, 8 * i), Width::W64))
            .collect();
        let mut acc = a.mov_new(Opnd::Imm(0));
        for i in 0..8 {
            let (x, n) = (vs[i], vs[(i + 1) % 8]);
            let t = match kind {
                0 => a.shl(x, n),
                1 => a.sar(x, n),
                _ => a.shr(x, n),
            };
            let m = a.mul(acc, Opnd::Imm(31));
            acc = a.xor(m, t);
        }
        for v in &vs {
            acc = a.add(acc, *v);
        }
        a.leave(acc);
        let c = jit.compile(&a);
        let mem: [u64; 8] = [
            0x8000_0000_0000_0001,
            3,
            0xffff_0000_ffff_0000,
            63,
            0x1234_5678_9abc_def0,
            64 + 5,
            u64::MAX,
            17,
        ];
        let mut want = 0u64;
        for i in 0..8 {
            let (x, n) = (mem[i], (mem[(i + 1) % 8] & 63) as u32);
            let t = match kind {
                0 => x << n,
                1 => ((x as i64) >> n) as u64,
                _ => x >> n,
            };
            want = want.wrapping_mul(31) ^ t;
        }
        for v in mem {
            want = want.wrapping_add(v);
        }
        assert_eq!(
            jit.run_at(c.start, [mem.as_ptr() as u64, 0, 0]),
            want,
            "shift kind {kind}"
        );
    }
}
