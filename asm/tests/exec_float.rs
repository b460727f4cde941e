//! Execution tests for float IR on 64-bit bit patterns: arithmetic,
//! comparisons with Python/IEEE NaN semantics through every consumer,
//! and int/float conversions.

mod common;

use basil_asm::{Assembler, Cond, Opnd, Target};
use common::{Jit, EDGES};

const P0: Opnd = Opnd::Pinned(0);
const P1: Opnd = Opnd::Pinned(1);

fn floats() -> Vec<f64> {
    vec![
        0.0,
        -0.0,
        1.0,
        -1.0,
        1.5,
        -2.25,
        0.1,
        1e300,
        -1e300,
        5e-324,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        -f64::NAN,
        f64::MAX,
        f64::MIN_POSITIVE,
    ]
}

fn same(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits()
}

#[test]
fn arithmetic() {
    let mut jit = Jit::new();
    type Build = fn(&mut Assembler, Opnd, Opnd) -> Opnd;
    type Reference = fn(f64, f64) -> f64;
    let ops: Vec<(&str, Build, Reference)> = vec![
        ("fadd", |a, x, y| a.fadd(x, y), |x, y| x + y),
        ("fsub", |a, x, y| a.fsub(x, y), |x, y| x - y),
        ("fmul", |a, x, y| a.fmul(x, y), |x, y| x * y),
        ("fdiv", |a, x, y| a.fdiv(x, y), |x, y| x / y),
    ];
    for (name, build, reference) in ops {
        let mut a = Assembler::new();
        let r = build(&mut a, P0, P1);
        a.leave(r);
        let c = jit.compile(&a);
        // immediate operand (a float constant as its bit pattern)
        let mut a = Assembler::new();
        let r = build(&mut a, P0, Opnd::Imm(2.5f64.to_bits() as i64));
        a.leave(r);
        let ci = jit.compile(&a);
        for x in floats() {
            for y in floats() {
                let got = f64::from_bits(jit.run_at(c.start, [x.to_bits(), y.to_bits(), 0]));
                assert!(same(got, reference(x, y)), "{name}({x}, {y}) = {got}");
            }
            let got = f64::from_bits(jit.run_at(ci.start, [x.to_bits(), 0, 0]));
            assert!(same(got, reference(x, 2.5)), "{name}({x}, 2.5) = {got}");
        }
    }
}

/// 2^63, the first float past i64::MAX.
const TWO_63: f64 = 9_223_372_036_854_775_808.0;

const FCONDS: [Cond; 6] = [
    Cond::FEq,
    Cond::FNe,
    Cond::FLt,
    Cond::FLe,
    Cond::FGt,
    Cond::FGe,
];

fn fcond(c: Cond, a: f64, b: f64) -> bool {
    match c {
        Cond::FEq => a == b,
        Cond::FNe => a != b,
        Cond::FLt => a < b,
        Cond::FLe => a <= b,
        Cond::FGt => a > b,
        Cond::FGe => a >= b,
        _ => unreachable!(),
    }
}

#[test]
fn comparisons_through_every_consumer() {
    let mut jit = Jit::new();
    for cond in FCONDS {
        let mut a = Assembler::new();
        a.fcmp(P0, P1);
        let r = a.set_cond(cond);
        a.leave(r);
        let set = jit.compile(&a);

        let mut a = Assembler::new();
        let yes = a.new_label();
        a.fcmp(P0, P1);
        a.jcc(cond, Target::Label(yes));
        a.leave(Opnd::Imm(0));
        a.bind(yes);
        a.leave(Opnd::Imm(1));
        let jcc = jit.compile(&a);

        let mut a = Assembler::new();
        a.fcmp(P0, P1);
        let r = a.csel(cond, Opnd::Imm(10), Opnd::Imm(20));
        a.leave(r);
        let csel = jit.compile(&a);

        let mut a = Assembler::new();
        a.fcmp(P0, P1);
        let exit = a.side_exit(|a| a.leave(Opnd::Imm(1)));
        a.jcc(cond, exit);
        a.leave(Opnd::Imm(0));
        let exit = jit.compile(&a);

        for x in floats() {
            for y in floats() {
                let want = fcond(cond, x, y);
                let p = [x.to_bits(), y.to_bits(), 0];
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
                assert_eq!(
                    jit.run_at(csel.start, p),
                    if want { 10 } else { 20 },
                    "csel {cond:?} {x} {y}"
                );
                assert_eq!(
                    jit.run_at(exit.start, p),
                    want as u64,
                    "exit {cond:?} {x} {y}"
                );
            }
        }
    }
}

#[test]
fn several_consumers_of_one_fcmp() {
    // lt | gt << 1 | eq << 2 | ne << 3 | le << 4 | ge << 5, all from one FCmp
    let mut jit = Jit::new();
    let mut a = Assembler::new();
    a.fcmp(P0, P1);
    let bits: Vec<Opnd> = FCONDS.iter().map(|&c| a.set_cond(c)).collect();
    let mut acc = a.mov_new(Opnd::Imm(0));
    for (i, b) in bits.into_iter().enumerate() {
        let s = a.shl(b, Opnd::Imm(i as i64));
        acc = a.or(acc, s);
    }
    a.leave(acc);
    let c = jit.compile(&a);
    for x in floats() {
        for y in floats() {
            let want: u64 = FCONDS
                .iter()
                .enumerate()
                .map(|(i, &cd)| (fcond(cd, x, y) as u64) << i)
                .sum();
            assert_eq!(
                jit.run_at(c.start, [x.to_bits(), y.to_bits(), 0]),
                want,
                "{x} ? {y}"
            );
        }
    }
}

#[test]
fn conversions() {
    let mut jit = Jit::new();
    let mut a = Assembler::new();
    let f = a.int_to_float(P0);
    a.leave(f);
    let i2f = jit.compile(&a);
    for v in EDGES.iter().copied().chain([3, -3, 1 << 53, (1 << 53) + 1]) {
        let got = jit.run_at(i2f.start, [v as u64, 0, 0]);
        assert_eq!(got, (v as f64).to_bits(), "int_to_float({v})");
    }
    let mut a = Assembler::new();
    let i = a.float_to_int(P0);
    a.leave(i);
    let f2i = jit.compile(&a);
    for v in [
        0.0, -0.0, 1.5, -1.5, 2.999, -2.999, 1e18, -1e18, -TWO_63, 12345.678,
    ] {
        let got = jit.run_at(f2i.start, [f64::to_bits(v), 0, 0]) as i64;
        assert_eq!(got, v as i64, "float_to_int({v})");
    }
    // The documented range check before FloatToInt: |x| < 2^63 via FCmp,
    // which also rejects NaN.
    let mut a = Assembler::new();
    let bad = a.side_exit(|a| a.leave(Opnd::Imm(-1)));
    a.fcmp(P0, Opnd::Imm(TWO_63.to_bits() as i64));
    a.jcc(Cond::FGe, bad);
    a.fcmp(P0, Opnd::Imm((-TWO_63).to_bits() as i64));
    let ok = a.new_label();
    a.jcc(Cond::FGe, Target::Label(ok));
    a.jmp(bad);
    a.bind(ok);
    let i = a.float_to_int(P0);
    a.leave(i);
    let checked = jit.compile(&a);
    for (v, want) in [
        (1.5, 1),
        (f64::NAN, -1),
        (f64::INFINITY, -1),
        (f64::NEG_INFINITY, -1),
        (9.3e18, -1),
        (-9.3e18, -1),
        (-TWO_63, i64::MIN),
    ] {
        assert_eq!(
            jit.run_at(checked.start, [f64::to_bits(v), 0, 0]) as i64,
            want,
            "checked({v})"
        );
    }
}

#[test]
fn csel_destination_is_an_arm() {
    // dst == f and dst == t for the two-flag float conditions.
    let mut jit = Jit::new();
    for cond in FCONDS {
        for dst_is_t in [false, true] {
            let mut a = Assembler::new();
            let t = a.mov_new(Opnd::Imm(10));
            let f = a.mov_new(Opnd::Imm(20));
            a.fcmp(P0, P1);
            let d = if dst_is_t { t } else { f };
            a.push(basil_asm::Insn::CSel { dst: d, cond, t, f });
            a.leave(d);
            let c = jit.compile(&a);
            for x in floats() {
                for y in [1.0, f64::NAN, -0.0] {
                    let want = if fcond(cond, x, y) { 10 } else { 20 };
                    let got = jit.run_at(c.start, [x.to_bits(), f64::to_bits(y), 0]);
                    assert_eq!(got, want, "{cond:?} {x} {y} dst_is_t={dst_is_t}");
                }
            }
        }
    }
}
