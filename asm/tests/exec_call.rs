//! Execution tests for calls into Rust `extern "C"` helpers: 0 to 6
//! arguments in the right order, immediate and pinned arguments, values live
//! across calls (more than there are callee-saved registers), calls in loops,
//! nested calls and side effects.

mod common;

use basil_asm::{compile, AsmError, Assembler, Cond, Insn, Mem, Opnd, Target, Width};
use common::Jit;

const P0: Opnd = Opnd::Pinned(0);
const P1: Opnd = Opnd::Pinned(1);
const P2: Opnd = Opnd::Pinned(2);

extern "C" fn h0() -> u64 {
    42
}
extern "C" fn h1(a: u64) -> u64 {
    a.wrapping_mul(3).wrapping_add(1)
}
extern "C" fn h2(a: u64, b: u64) -> u64 {
    a * 10 + b
}
extern "C" fn h3(a: u64, b: u64, c: u64) -> u64 {
    (a * 10 + b) * 10 + c
}
extern "C" fn h4(a: u64, b: u64, c: u64, d: u64) -> u64 {
    ((a * 10 + b) * 10 + c) * 10 + d
}
extern "C" fn h5(a: u64, b: u64, c: u64, d: u64, e: u64) -> u64 {
    (((a * 10 + b) * 10 + c) * 10 + d) * 10 + e
}
extern "C" fn h6(a: u64, b: u64, c: u64, d: u64, e: u64, f: u64) -> u64 {
    ((((a * 10 + b) * 10 + c) * 10 + d) * 10 + e) * 10 + f
}
/// Writes through a pointer after a computation that uses many registers.
extern "C" fn h_store(p: *mut u64, v: u64) {
    let mut acc = v;
    for i in 0..64u64 {
        acc = acc.rotate_left(7) ^ i.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    std::hint::black_box(acc);
    // SAFETY: the tests pass a pointer to a live u64.
    unsafe { *p = v };
}
/// Returns 1 if the stack was 16-byte aligned at the call, as the ABIs
/// require: a local `u128` is placed on a 16-byte boundary relative to the
/// stack pointer the function assumes aligned.
extern "C" fn h_align() -> u64 {
    let x = 0u128;
    let p = std::hint::black_box(&x) as *const u128 as u64;
    let v: Vec<f64> = (0..16).map(|i| i as f64 * 1.5).collect();
    if std::hint::black_box(v.iter().sum::<f64>()) < 0.0 {
        return 100;
    }
    p.is_multiple_of(16) as u64
}

/// The address of a helper function.
macro_rules! addr {
    ($f:expr) => {
        $f as *const () as u64
    };
}

#[test]
fn argument_counts_and_order() {
    let mut jit = Jit::new();
    let funs: [u64; 7] = [
        addr!(h0),
        addr!(h1),
        addr!(h2),
        addr!(h3),
        addr!(h4),
        addr!(h5),
        addr!(h6),
    ];
    for (n, &f) in funs.iter().enumerate() {
        // arguments 1..=n as vregs loaded from memory (so they land in
        // whatever registers the allocator picks)
        let mut a = Assembler::new();
        let args: Vec<Opnd> = (0..n)
            .map(|i| a.load(Mem::new(P0, 8 * i as i32), Width::W64))
            .collect();
        let r = a.ccall(f, args);
        a.leave(r);
        let c = jit.compile(&a);
        let mem: Vec<u64> = (1..=6).collect();
        let got = jit.run_at(c.start, [mem.as_ptr() as u64, 0, 0]);
        let want = match n {
            0 => 42,
            1 => 4,
            _ => (1..=n as u64).fold(0, |acc, d| acc * 10 + d),
        };
        assert_eq!(got, want, "{n} args");
    }
}

#[test]
fn immediate_pinned_and_permuted_arguments() {
    let mut jit = Jit::new();
    // h6(p2, 7, v, p0, imm64-ish small, p1)
    let mut a = Assembler::new();
    let v = a.add(P0, P1);
    let r = a.ccall(addr!(h6), vec![P2, Opnd::Imm(7), v, P0, Opnd::Imm(0), P1]);
    a.leave(r);
    assert_eq!(jit.run(&a, [1, 2, 3]), 373_102);
    // The same vregs in every rotation, which forces register cycles in the
    // argument moves.
    for rot in 0..6 {
        let mut a = Assembler::new();
        let vs: Vec<Opnd> = (1..=6).map(|i| a.mov_new(Opnd::Imm(i))).collect();
        let mut args = vs.clone();
        args.rotate_left(rot);
        let r = a.ccall(addr!(h6), args.clone());
        a.leave(r);
        let want = args
            .iter()
            .map(|o| match o {
                _ if *o == vs[0] => 1,
                _ if *o == vs[1] => 2,
                _ if *o == vs[2] => 3,
                _ if *o == vs[3] => 4,
                _ if *o == vs[4] => 5,
                _ => 6,
            })
            .fold(0u64, |acc, d| acc * 10 + d);
        assert_eq!(jit.run(&a, [0; 3]), want, "rotation {rot}");
    }
    // Swapped pair of vregs that were computed last (likely in arg registers).
    let mut a = Assembler::new();
    let x = a.load(Mem::new(P0, 0), Width::W64);
    let y = a.load(Mem::new(P0, 8), Width::W64);
    let r = a.ccall(addr!(h2), vec![y, x]);
    let r2 = a.ccall(addr!(h2), vec![x, y]);
    let s = a.mul(r, Opnd::Imm(100));
    let t = a.add(s, r2);
    a.leave(t);
    let mem = [3u64, 4];
    assert_eq!(jit.run(&a, [mem.as_ptr() as u64, 0, 0]), 4334);
}

#[test]
fn values_live_across_calls() {
    let mut jit = Jit::new();
    // Seven values live across two calls: more than the callee-saved
    // registers, so some are saved in the frame around the calls.
    let mut a = Assembler::new();
    let vs: Vec<Opnd> = (0..7).map(|i| a.add(P0, Opnd::Imm(i * 1000))).collect();
    let r1 = a.ccall(addr!(h2), vec![vs[1], vs[2]]);
    let r2 = a.ccall(addr!(h0), vec![]);
    let mut acc = a.add(r1, r2);
    for v in &vs {
        acc = a.add(acc, *v);
    }
    a.leave(acc);
    let c = jit.compile(&a);
    for p in [0u64, 1, 77] {
        let vs: Vec<u64> = (0..7).map(|i| p + i * 1000).collect();
        let want = (vs[1] * 10 + vs[2]) + 42 + vs.iter().sum::<u64>();
        assert_eq!(jit.run_at(c.start, [p, 0, 0]), want);
    }
    // Pinned registers survive calls too.
    let mut a = Assembler::new();
    a.ccall_void(addr!(h0), vec![]);
    let s = a.add(P0, P1);
    let t = a.add(s, P2);
    a.leave(t);
    assert_eq!(jit.run(&a, [1, 20, 300]), 321);
}

#[test]
fn calls_in_a_loop_with_side_effects() {
    let mut jit = Jit::new();
    // acc = 0; for i in 0..n { acc = h1(acc) ^ i; h_store(&mem[0], acc) } ; return acc + mem[0]
    let mut a = Assembler::new();
    let i = a.mov_new(Opnd::Imm(0));
    let acc = a.mov_new(Opnd::Imm(0));
    let top = a.new_label();
    a.bind(top);
    let r = a.ccall(addr!(h1), vec![acc]);
    a.push(Insn::Xor {
        dst: acc,
        a: r,
        b: i,
    });
    a.ccall_void(addr!(h_store), vec![P0, acc]);
    a.push(Insn::Add {
        dst: i,
        a: i,
        b: Opnd::Imm(1),
    });
    a.cmp(i, P1);
    a.jcc(Cond::Lt, Target::Label(top));
    let m = a.load(Mem::new(P0, 0), Width::W64);
    let out = a.add(acc, m);
    a.leave(out);
    let c = jit.compile(&a);
    let mut mem = [0u64; 1];
    let n = 25u64;
    let mut acc = 0u64;
    for i in 0..n {
        acc = h1(acc) ^ i;
    }
    assert_eq!(
        jit.run_at(c.start, [mem.as_mut_ptr() as u64, n, 0]),
        acc.wrapping_add(acc)
    );
    assert_eq!(mem[0], acc);
}

#[test]
fn nested_calls_and_stack_alignment() {
    let mut jit = Jit::new();
    let mut a = Assembler::new();
    let r1 = a.ccall(addr!(h1), vec![P0]);
    let r2 = a.ccall(addr!(h2), vec![r1, P0]);
    let al = a.ccall(addr!(h_align), vec![]);
    let s = a.mul(r2, Opnd::Imm(10));
    let t = a.add(s, al);
    a.leave(t);
    assert_eq!(jit.run(&a, [5, 0, 0]), (16 * 10 + 5) * 10 + 1);
}

#[test]
fn running_out_of_registers_is_an_error() {
    let mut jit = Jit::new();
    let mut a = Assembler::new();
    let vs: Vec<Opnd> = (0..40).map(|i| a.add(P0, Opnd::Imm(i))).collect();
    let mut acc = a.mov_new(Opnd::Imm(0));
    for v in vs {
        acc = a.add(acc, v);
    }
    a.leave(acc);
    let before = jit.cm.pos(basil_asm::Zone::Inline);
    assert_eq!(
        compile(&a, &mut jit.cm, jit.arch),
        Err(AsmError::OutOfRegisters)
    );
    assert_eq!(
        jit.cm.pos(basil_asm::Zone::Inline),
        before,
        "nothing written on error"
    );
}
