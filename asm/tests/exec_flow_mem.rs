//! Execution tests for control flow and memory: loops with loop-carried and
//! loop-invariant values, loads and stores of 8/32/64 bits, indirect jumps
//! and reported label addresses.

mod common;

use basil_asm::{Assembler, Cond, Insn, Mem, Opnd, Target, Width};
use common::Jit;

const P0: Opnd = Opnd::Pinned(0);
const P1: Opnd = Opnd::Pinned(1);

#[test]
fn loops() {
    let mut jit = Jit::new();
    // sum of i*i for i in 0..n, with loop-carried vregs and a temp per iteration
    let mut a = Assembler::new();
    let i = a.mov_new(Opnd::Imm(0));
    let acc = a.mov_new(Opnd::Imm(0));
    let top = a.new_label();
    let done = a.new_label();
    a.bind(top);
    a.cmp(i, P0);
    a.jcc(Cond::Ge, Target::Label(done));
    let sq = a.mul(i, i);
    a.push(Insn::Add {
        dst: acc,
        a: acc,
        b: sq,
    });
    a.push(Insn::Add {
        dst: i,
        a: i,
        b: Opnd::Imm(1),
    });
    a.jmp(Target::Label(top));
    a.bind(done);
    a.leave(acc);
    let c = jit.compile(&a);
    for n in [0u64, 1, 2, 10, 1000] {
        let want: u64 = (0..n).map(|i| i * i).sum();
        assert_eq!(jit.run_at(c.start, [n, 0, 0]), want);
    }
    // A loop invariant whose last linear use is early in the loop body must
    // keep its register over the back edge (temps come after it).
    let mut a = Assembler::new();
    let k = a.mov_new(P1);
    let i = a.mov_new(Opnd::Imm(0));
    let acc = a.mov_new(Opnd::Imm(0));
    let top = a.new_label();
    a.bind(top);
    let x = a.mul(i, k);
    let t1 = a.add(x, Opnd::Imm(1));
    let t2 = a.xor(t1, Opnd::Imm(0x55));
    let t3 = a.add(t2, t1);
    let t4 = a.mul(t3, Opnd::Imm(3));
    a.push(Insn::Add {
        dst: acc,
        a: acc,
        b: t4,
    });
    a.push(Insn::Add {
        dst: i,
        a: i,
        b: Opnd::Imm(1),
    });
    a.cmp(i, P0);
    a.jcc(Cond::Lt, Target::Label(top));
    a.leave(acc);
    let c = jit.compile(&a);
    for (n, k) in [(1u64, 5u64), (10, 7), (100, 1 << 40)] {
        let mut want = 0u64;
        for i in 0..n {
            let t1 = i.wrapping_mul(k).wrapping_add(1);
            let t3 = (t1 ^ 0x55).wrapping_add(t1);
            want = want.wrapping_add(t3.wrapping_mul(3));
        }
        assert_eq!(
            jit.run_at(c.start, [n, k, 0]),
            want,
            "invariant n={n} k={k}"
        );
    }
    // nested loops with values defined before and used after
    let mut a = Assembler::new();
    let k = a.mov_new(Opnd::Imm(7));
    let acc = a.mov_new(Opnd::Imm(0));
    let i = a.mov_new(Opnd::Imm(0));
    let outer = a.new_label();
    let inner = a.new_label();
    a.bind(outer);
    let j = a.mov_new(Opnd::Imm(0));
    a.bind(inner);
    let x = a.xor(i, j);
    let y = a.mul(x, k);
    a.push(Insn::Add {
        dst: acc,
        a: acc,
        b: y,
    });
    a.push(Insn::Add {
        dst: j,
        a: j,
        b: Opnd::Imm(1),
    });
    a.cmp(j, P0);
    a.jcc(Cond::Lt, Target::Label(inner));
    a.push(Insn::Add {
        dst: i,
        a: i,
        b: Opnd::Imm(1),
    });
    a.cmp(i, P0);
    a.jcc(Cond::Lt, Target::Label(outer));
    let r = a.add(acc, k);
    a.leave(r);
    let c = jit.compile(&a);
    for n in [1u64, 3, 17] {
        let mut want = 0u64;
        for i in 0..n {
            for j in 0..n {
                want += (i ^ j) * 7;
            }
        }
        assert_eq!(jit.run_at(c.start, [n, 0, 0]), want + 7, "nested n={n}");
    }
}

#[test]
fn loads_and_stores() {
    let mut jit = Jit::new();
    let mut buf: [u64; 8] = [
        0xf1f2_f3f4_f5f6_f7f8,
        0x8877_6655_4433_2211,
        0,
        0,
        0,
        0,
        0,
        0xdead_beef_cafe_babe,
    ];
    // loads: zero-extension of 8/32-bit, unaligned offsets, negative displacement
    let mut a = Assembler::new();
    let b8 = a.load(Mem::new(P0, 1), Width::W8);
    let b32 = a.load(Mem::new(P0, 4), Width::W32);
    let b64 = a.load(Mem::new(P0, 8), Width::W64);
    let end = a.lea(Mem::new(P0, 64));
    let neg = a.load(Mem::new(end, -8), Width::W64);
    a.store(Mem::new(P0, 16), b8, Width::W64);
    a.store(Mem::new(P0, 24), b32, Width::W64);
    a.store(Mem::new(P0, 32), b64, Width::W64);
    a.store(Mem::new(P0, 40), neg, Width::W64);
    a.leave(Opnd::Imm(0));
    jit.run(&a, [buf.as_mut_ptr() as u64, 0, 0]);
    assert_eq!(buf[2], 0xf7);
    assert_eq!(buf[3], 0xf1f2_f3f4);
    assert_eq!(buf[4], 0x8877_6655_4433_2211);
    assert_eq!(buf[5], 0xdead_beef_cafe_babe);

    // stores of each width from registers and immediates write only their bytes
    let mut buf = [u64::MAX; 8];
    let mut a = Assembler::new();
    let v = a.mov_new(Opnd::Imm(0x1122_3344_5566_7788));
    a.store(Mem::new(P0, 0), v, Width::W8);
    a.store(Mem::new(P0, 8), v, Width::W32);
    a.store(Mem::new(P0, 16), v, Width::W64);
    a.store(Mem::new(P0, 24), Opnd::Imm(0x1ab), Width::W8);
    a.store(Mem::new(P0, 32), Opnd::Imm(-2), Width::W32);
    a.store(Mem::new(P0, 40), Opnd::Imm(-2), Width::W64);
    a.store(
        Mem::new(P0, 48),
        Opnd::Imm(0x0123_4567_89ab_cdef),
        Width::W64,
    );
    a.store(Mem::new(P0, 59), Opnd::Imm(0), Width::W8);
    a.leave(Opnd::Imm(0));
    jit.run(&a, [buf.as_mut_ptr() as u64, 0, 0]);
    assert_eq!(buf[0], 0xffff_ffff_ffff_ff88);
    assert_eq!(buf[1], 0xffff_ffff_5566_7788);
    assert_eq!(buf[2], 0x1122_3344_5566_7788);
    assert_eq!(buf[3], 0xffff_ffff_ffff_ffab);
    assert_eq!(buf[4], 0xffff_ffff_ffff_fffe);
    assert_eq!(buf[5], (-2i64) as u64);
    assert_eq!(buf[6], 0x0123_4567_89ab_cdef);
    assert_eq!(buf[7], 0xffff_ffff_00ff_ffff);

    // large displacements and a base in a vreg
    let mut big = vec![0u64; 1 << 14];
    let mut a = Assembler::new();
    let base = a.lea(Mem::new(P0, 8 * 10_000));
    a.store(Mem::new(base, 8 * 5000), P1, Width::W64);
    let x = a.load(Mem::new(base, -8 * 10_000), Width::W64);
    a.leave(x);
    big[0] = 99;
    assert_eq!(jit.run(&a, [big.as_mut_ptr() as u64, 1234, 0]), 99);
    assert_eq!(big[15_000], 1234);
}

#[test]
fn jmp_reg_and_labels_reported() {
    let mut jit = Jit::new();
    let mut a = Assembler::new();
    a.leave(Opnd::Imm(5));
    let target = jit.compile(&a);
    let mut a = Assembler::new();
    let l = a.new_label();
    let unused = a.new_label();
    let addr = a.mov_new(Opnd::Imm(target.start as i64));
    a.bind(l);
    a.jmp_reg(addr);
    let c = jit.compile(&a);
    assert_eq!(jit.run_at(c.start, [0; 3]), 5);
    let la = c.labels[l.0 as usize].expect("bound label has an address");
    assert!(la > c.start && la < c.inline_end());
    assert_eq!(c.labels[unused.0 as usize], None);
}
