//! Random IR programs (straight-line code with forward branches and side
//! exits), run on the host and checked against a
//! reference interpreter of the IR. They stress register allocation (vregs
//! re-assigned, destinations equal to sources, values live across calls) and
//! every integer lowering with random operands and immediates.
//!
//! The programs are generated from seeds; a failure prints the seed and the
//! program.

mod common;

use basil_asm::disasm::disasm;
use basil_asm::{lower, Arch, Assembler, Cond, Insn, Label, Mem, Opnd, Target, Width};
use common::{Jit, EDGES};
use std::collections::HashMap;

const BUF: usize = 16;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn value(&mut self) -> i64 {
        match self.below(3) {
            0 => EDGES[self.below(EDGES.len())],
            1 => (self.next() % 200) as i64 - 100,
            _ => self.next() as i64,
        }
    }
}

extern "C" fn h3(a: u64, b: u64, c: u64) -> u64 {
    a.wrapping_mul(31).wrapping_add(b).rotate_left(5) ^ c
}
extern "C" fn h6(a: u64, b: u64, c: u64, d: u64, e: u64, f: u64) -> u64 {
    [a, b, c, d, e, f]
        .iter()
        .fold(7u64, |acc, x| acc.wrapping_mul(1_000_003).wrapping_add(*x))
}

const CONDS: [Cond; 10] = [
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

/// Generate a program: `Pinned(0)` points to a `[u64; BUF]` buffer,
/// `Pinned(1)`, `Pinned(2)` are inputs.
fn generate(seed: u64, len: usize) -> Assembler {
    let mut r = Rng(seed);
    let mut a = Assembler::new();
    let buf = Opnd::Pinned(0);
    let mut pool: Vec<Opnd> = vec![Opnd::Pinned(1), Opnd::Pinned(2)];
    // A forward branch in flight: its label, steps until it is bound, and the
    // pool before the branch (vregs first defined in the skipped part must
    // not be read after the join).
    let mut pending: Option<(Label, usize, Vec<Opnd>)> = None;
    for _ in 0..len {
        if let Some((l, left, before)) = pending.as_mut() {
            if *left == 0 {
                a.bind(*l);
                pool.retain(|o| before.contains(o));
                pending = None;
            } else {
                *left -= 1;
            }
        }
        let pick = |r: &mut Rng, pool: &[Opnd]| pool[r.below(pool.len())];
        let src = |r: &mut Rng, pool: &[Opnd]| {
            if r.below(4) == 0 {
                Opnd::Imm(r.value())
            } else {
                pool[r.below(pool.len())]
            }
        };
        // destination: a fresh vreg, or re-assign one from the pool
        let dst = |r: &mut Rng, a: &mut Assembler, pool: &[Opnd]| {
            let vregs: Vec<Opnd> = pool
                .iter()
                .copied()
                .filter(|o| o.vreg().is_some())
                .collect();
            if !vregs.is_empty() && r.below(3) == 0 {
                (vregs[r.below(vregs.len())], false)
            } else {
                (a.new_vreg(), true)
            }
        };
        let (d, fresh) = dst(&mut r, &mut a, &pool);
        let mut defined = true;
        match r.below(14) {
            0..=3 => {
                let (x, y) = (pick(&mut r, &pool), src(&mut r, &pool));
                let insn = match r.below(9) {
                    0 => Insn::Add { dst: d, a: x, b: y },
                    1 => Insn::Sub { dst: d, a: x, b: y },
                    2 => Insn::Mul { dst: d, a: x, b: y },
                    3 => Insn::And { dst: d, a: x, b: y },
                    4 => Insn::Or { dst: d, a: x, b: y },
                    5 => Insn::Xor { dst: d, a: x, b: y },
                    6 => Insn::Shl {
                        dst: d,
                        a: x,
                        amount: y,
                    },
                    7 => Insn::Sar {
                        dst: d,
                        a: x,
                        amount: y,
                    },
                    _ => Insn::Shr {
                        dst: d,
                        a: x,
                        amount: y,
                    },
                };
                a.push(insn);
            }
            4 => {
                let x = src(&mut r, &pool);
                a.push(match r.below(3) {
                    0 => Insn::Neg { dst: d, src: x },
                    1 => Insn::Not { dst: d, src: x },
                    _ => Insn::Mov { dst: d, src: x },
                });
            }
            5 => {
                let slot = r.below(BUF) as i32;
                let w = [Width::W8, Width::W32, Width::W64][r.below(3)];
                let off = if w == Width::W8 { r.below(8) as i32 } else { 0 };
                a.push(Insn::Load {
                    dst: d,
                    mem: Mem::new(buf, 8 * slot + off),
                    width: w,
                });
            }
            6 => {
                let slot = r.below(BUF) as i32;
                let w = [Width::W8, Width::W32, Width::W64][r.below(3)];
                a.store(Mem::new(buf, 8 * slot), src(&mut r, &pool), w);
                defined = false;
            }
            7 => {
                let (x, y) = (pick(&mut r, &pool), src(&mut r, &pool));
                a.cmp(x, y);
                let c = CONDS[r.below(CONDS.len())];
                if r.below(2) == 0 {
                    a.push(Insn::SetCond { dst: d, cond: c });
                } else {
                    let (t, f) = (src(&mut r, &pool), src(&mut r, &pool));
                    a.push(Insn::CSel {
                        dst: d,
                        cond: c,
                        t,
                        f,
                    });
                }
            }
            8 => {
                let (x, y) = (pick(&mut r, &pool), src(&mut r, &pool));
                a.push(match r.below(3) {
                    0 => Insn::Add { dst: d, a: x, b: y },
                    1 => Insn::Sub { dst: d, a: x, b: y },
                    _ => Insn::MulOverflow { dst: d, a: x, b: y },
                });
                // fold the overflow flag into a second value
                let (e, _) = (a.new_vreg(), ());
                a.push(Insn::SetCond {
                    dst: e,
                    cond: Cond::Overflow,
                });
                pool.push(e);
            }
            9 => {
                let x = pick(&mut r, &pool);
                a.test(x, src(&mut r, &pool));
                let c = if r.below(2) == 0 { Cond::Eq } else { Cond::Ne };
                a.push(Insn::SetCond { dst: d, cond: c });
            }
            10 => {
                let (fun, n) = if r.below(2) == 0 {
                    (h3 as *const () as u64, 3)
                } else {
                    (h6 as *const () as u64, 6)
                };
                let args = (0..n).map(|_| src(&mut r, &pool)).collect();
                a.push(Insn::CCall {
                    fun,
                    args,
                    out: Some(d),
                    saves: vec![],
                });
            }
            12 if pending.is_none() => {
                // forward conditional branch over the next few steps
                let l = a.new_label();
                let (x, y) = (pick(&mut r, &pool), src(&mut r, &pool));
                a.cmp(x, y);
                a.jcc(CONDS[r.below(CONDS.len())], Target::Label(l));
                pending = Some((l, 1 + r.below(5), pool.clone()));
                defined = false;
            }
            13 => {
                // side exit that reads inline values
                let slot = r.below(BUF) as i32;
                let (v1, v2) = (pick(&mut r, &pool), pick(&mut r, &pool));
                let store_first = r.below(2) == 0;
                let slot2 = r.below(BUF) as i32;
                let exit = a.side_exit(|a| {
                    if store_first {
                        a.store(Mem::new(buf, 8 * slot), v1, Width::W64);
                        let t = a.add(v2, Opnd::Imm(1));
                        a.leave(t);
                    } else {
                        // an exit-local value that dies before an inline
                        // value is read must not take its register
                        let t = a.xor(v2, Opnd::Imm(0x5a5a));
                        a.store(Mem::new(buf, 8 * slot2), t, Width::W64);
                        a.store(Mem::new(buf, 8 * slot), v1, Width::W64);
                        a.leave(Opnd::Imm(7));
                    }
                });
                let (x, y) = (pick(&mut r, &pool), src(&mut r, &pool));
                a.cmp(x, y);
                a.jcc(CONDS[r.below(CONDS.len())], exit);
                defined = false;
            }
            _ => {
                // int -> float -> compare with another converted value
                let x = pick(&mut r, &pool);
                let y = pick(&mut r, &pool);
                let fx = a.int_to_float(x);
                let fy = a.int_to_float(y);
                a.fcmp(fx, fy);
                let c = [
                    Cond::FEq,
                    Cond::FNe,
                    Cond::FLt,
                    Cond::FLe,
                    Cond::FGt,
                    Cond::FGe,
                ][r.below(6)];
                a.push(Insn::SetCond { dst: d, cond: c });
            }
        }
        if defined && fresh {
            pool.push(d);
        }
        // keep the pool small so that register pressure stays bounded
        while pool.len() > 6 {
            pool.remove(r.below(pool.len()));
        }
    }
    if let Some((l, _, before)) = pending {
        a.bind(l);
        pool.retain(|o| before.contains(o));
    }
    // result: fold the pool
    let mut acc = a.mov_new(Opnd::Imm(0));
    for o in pool {
        let t = a.mul(acc, Opnd::Imm(0x100_0000_01b3));
        acc = a.xor(t, o);
    }
    a.leave(acc);
    a
}

/// Flags state for the reference interpreter.
#[derive(Clone, Copy)]
enum Flags {
    Cmp(i64, i64),
    Add(i64, i64),
    Sub(i64, i64),
    Mul(i64, i64),
    Test(i64, i64),
    FCmp(f64, f64),
}

fn cond_holds(f: Flags, c: Cond) -> bool {
    use Cond::*;
    let cmp = |a: i64, b: i64| match c {
        Eq => a == b,
        Ne => a != b,
        Lt => a < b,
        Le => a <= b,
        Gt => a > b,
        Ge => a >= b,
        Below => (a as u64) < b as u64,
        BelowEq => (a as u64) <= b as u64,
        Above => (a as u64) > b as u64,
        AboveEq => (a as u64) >= b as u64,
        _ => unreachable!("{c:?}"),
    };
    match f {
        Flags::Cmp(a, b) => cmp(a, b),
        Flags::Sub(a, b) => match c {
            Overflow => a.overflowing_sub(b).1,
            NoOverflow => !a.overflowing_sub(b).1,
            _ => cmp(a, b),
        },
        Flags::Add(a, b) => match c {
            Overflow => a.overflowing_add(b).1,
            NoOverflow => !a.overflowing_add(b).1,
            Carry => (a as u64).overflowing_add(b as u64).1,
            NoCarry => !(a as u64).overflowing_add(b as u64).1,
            _ => unreachable!(),
        },
        Flags::Mul(a, b) => match c {
            Overflow => a.overflowing_mul(b).1,
            NoOverflow => !a.overflowing_mul(b).1,
            _ => unreachable!(),
        },
        Flags::Test(a, b) => match c {
            Eq => a & b == 0,
            Ne => a & b != 0,
            _ => unreachable!(),
        },
        Flags::FCmp(a, b) => match c {
            FEq => a == b,
            FNe => a != b,
            FLt => a < b,
            FLe => a <= b,
            FGt => a > b,
            FGe => a >= b,
            _ => unreachable!(),
        },
    }
}

/// Interpret a program (forward branches to labels and side exits).
fn interpret(a: &Assembler, p: [u64; 3], buf: &mut [u64; BUF]) -> u64 {
    let mut regs: HashMap<Opnd, i64> = HashMap::new();
    regs.insert(Opnd::Pinned(1), p[1] as i64);
    regs.insert(Opnd::Pinned(2), p[2] as i64);
    let mut flags = Flags::Cmp(0, 0);
    let get = |regs: &HashMap<Opnd, i64>, o: Opnd| match o {
        Opnd::Imm(v) => v,
        _ => regs[&o],
    };
    let bytes =
        |buf: &mut [u64; BUF]| -> Vec<u8> { buf.iter().flat_map(|w| w.to_le_bytes()).collect() };
    let label_pos: HashMap<Label, usize> = a
        .insns()
        .iter()
        .enumerate()
        .filter_map(|(i, insn)| match insn {
            Insn::Bind(l) => Some((*l, i)),
            _ => None,
        })
        .collect();
    let mut stream: &[Insn] = a.insns();
    let mut pc = 0;
    loop {
        let insn = &stream[pc];
        pc += 1;
        let g = |o| get(&regs, o);
        let (d, v) = match insn {
            Insn::Mov { dst, src } => (*dst, g(*src)),
            Insn::Neg { dst, src } => (*dst, g(*src).wrapping_neg()),
            Insn::Not { dst, src } => (*dst, !g(*src)),
            Insn::Add { dst, a, b } => {
                flags = Flags::Add(g(*a), g(*b));
                (*dst, g(*a).wrapping_add(g(*b)))
            }
            Insn::Sub { dst, a, b } => {
                flags = Flags::Sub(g(*a), g(*b));
                (*dst, g(*a).wrapping_sub(g(*b)))
            }
            Insn::Mul { dst, a, b } => (*dst, g(*a).wrapping_mul(g(*b))),
            Insn::MulOverflow { dst, a, b } => {
                flags = Flags::Mul(g(*a), g(*b));
                (*dst, g(*a).wrapping_mul(g(*b)))
            }
            Insn::And { dst, a, b } => (*dst, g(*a) & g(*b)),
            Insn::Or { dst, a, b } => (*dst, g(*a) | g(*b)),
            Insn::Xor { dst, a, b } => (*dst, g(*a) ^ g(*b)),
            Insn::Shl { dst, a, amount } => (*dst, g(*a).wrapping_shl(g(*amount) as u32 & 63)),
            Insn::Sar { dst, a, amount } => (*dst, g(*a).wrapping_shr(g(*amount) as u32 & 63)),
            Insn::Shr { dst, a, amount } => (*dst, ((g(*a) as u64) >> (g(*amount) & 63)) as i64),
            Insn::Cmp { a, b } => {
                flags = Flags::Cmp(g(*a), g(*b));
                continue;
            }
            Insn::Test { a, b } => {
                flags = Flags::Test(g(*a), g(*b));
                continue;
            }
            Insn::FCmp { a, b } => {
                flags = Flags::FCmp(f64::from_bits(g(*a) as u64), f64::from_bits(g(*b) as u64));
                continue;
            }
            Insn::IntToFloat { dst, src } => (*dst, (g(*src) as f64).to_bits() as i64),
            Insn::SetCond { dst, cond } => (*dst, cond_holds(flags, *cond) as i64),
            Insn::CSel { dst, cond, t, f } => (
                *dst,
                if cond_holds(flags, *cond) {
                    g(*t)
                } else {
                    g(*f)
                },
            ),
            Insn::Load { dst, mem, width } => {
                let b = bytes(buf);
                let at = mem.disp as usize;
                let n = width.bytes() as usize;
                let mut w = [0u8; 8];
                w[..n].copy_from_slice(&b[at..at + n]);
                (*dst, i64::from_le_bytes(w))
            }
            Insn::Store { mem, src, width } => {
                let mut b = bytes(buf);
                let at = mem.disp as usize;
                let n = width.bytes() as usize;
                b[at..at + n].copy_from_slice(&g(*src).to_le_bytes()[..n]);
                for (i, w) in buf.iter_mut().enumerate() {
                    *w = u64::from_le_bytes(b[8 * i..8 * i + 8].try_into().unwrap());
                }
                continue;
            }
            Insn::CCall { fun, args, out, .. } => {
                let v: Vec<u64> = args.iter().map(|o| g(*o) as u64).collect();
                let r = if *fun == h3 as *const () as u64 {
                    h3(v[0], v[1], v[2])
                } else {
                    h6(v[0], v[1], v[2], v[3], v[4], v[5])
                };
                (
                    out.expect("calls in random programs have a result"),
                    r as i64,
                )
            }
            Insn::Leave(o) => return g(*o) as u64,
            Insn::Bind(_) => continue,
            Insn::Jcc(c, t) => {
                if cond_holds(flags, *c) {
                    match t {
                        Target::Label(l) => pc = label_pos[l],
                        Target::SideExit(e) => {
                            stream = &a.exit_bodies()[e.0 as usize];
                            pc = 0;
                        }
                        other => unreachable!("not generated: {other:?}"),
                    }
                }
                continue;
            }
            other => unreachable!("not generated: {other:?}"),
        };
        regs.insert(d, v);
    }
}

#[test]
fn random_programs_match_the_interpreter() {
    let mut jit = Jit::with_size(8 << 20);
    let mut rng = Rng(12345);
    for seed in 0..1500u64 {
        let prog = generate(seed, 8 + (seed as usize % 40));
        let c = jit.compile(&prog);
        // Both backends lower every program (whatever the host), and the
        // result disassembles cleanly.
        for arch in [Arch::X86_64, Arch::Aarch64] {
            let low = lower(&prog, arch, 0x10_0000, 0x80_0000)
                .unwrap_or_else(|e| panic!("seed {seed}: {arch:?} lowering failed: {e}"));
            for (code, base) in [(&low.inline, 0x10_0000), (&low.outlined, 0x80_0000)] {
                for line in disasm(arch, code, base) {
                    assert!(
                        !line.text.contains("(bad)") && !line.text.starts_with(".word"),
                        "seed {seed}: {arch:?} emitted undecodable {line:?}"
                    );
                }
            }
        }
        for _ in 0..4 {
            let init: [u64; BUF] = std::array::from_fn(|_| rng.next());
            let (x, y) = (rng.value() as u64, rng.value() as u64);
            let mut want_buf = init;
            let want = interpret(&prog, [0, x, y], &mut want_buf);
            let mut got_buf = init;
            let got = jit.run_at(c.start, [got_buf.as_mut_ptr() as u64, x, y]);
            assert!(
                got == want && got_buf == want_buf,
                "seed {seed}, inputs ({x:#x}, {y:#x}): got {got:#x}, want {want:#x}\n\
                 buffers equal: {}\nprogram:\n{}",
                got_buf == want_buf,
                prog.insns()
                    .iter()
                    .map(|i| format!("  {i:?}\n"))
                    .collect::<String>()
            );
        }
    }
}
