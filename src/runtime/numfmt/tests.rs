//! Table-driven tests against CPython 3.11 results (tables in `cases/*.txt`, produced by
//! `gen_cases.py` with python3, read by `cases.rs`), plus a few hand-written checks.

use super::*;
use num_bigint::BigInt;
use std::str::FromStr;

use super::cases::*;

/// Canonical bit pattern used by the tables for any nan.
const NAN_BITS: u64 = 0x7ff8_0000_0000_0000;

/// Parses a table integer.
fn big(s: &str) -> BigInt {
    BigInt::from_str(s).expect("table integer")
}

/// Encodes a result like the generator: `=value` or `!Class: message`.
fn enc(r: Result<String, NumError>) -> String {
    match r {
        Ok(s) => format!("={}", s),
        Err(e) => format!("!{}: {}", e.class_name(), e.message()),
    }
}

/// Bits of `x`, with every nan mapped to [`NAN_BITS`].
fn fbits(x: f64) -> u64 {
    if x.is_nan() {
        NAN_BITS
    } else {
        x.to_bits()
    }
}

/// Bitwise equality, all nans equal.
fn same_bits(a: u64, b: u64) -> bool {
    let fa = f64::from_bits(a);
    let fb = f64::from_bits(b);
    a == b || (fa.is_nan() && fb.is_nan())
}

/// Fails the test listing the first failures.
fn report(area: &str, failures: &[String], total: usize) {
    assert!(
        failures.is_empty(),
        "{}: {} of {} cases failed:\n{}",
        area,
        failures.len(),
        total,
        failures
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// `repr(float)` against CPython.
#[test]
fn repr_table() {
    let mut fails = vec![];
    for &(b, want) in REPR.iter() {
        let got = float_repr(f64::from_bits(b));
        if got != want {
            fails.push(format!(
                "{:#x} ({:e}): got {} want {}",
                b,
                f64::from_bits(b),
                got,
                want
            ));
        }
    }
    report("repr", &fails, REPR.len());
}

/// `format(float, spec)` against CPython.
#[test]
fn format_float_table() {
    let mut fails = vec![];
    for &(b, spec, want) in FORMAT_FLOAT.iter() {
        let got = enc(format_float(f64::from_bits(b), spec, "float"));
        if got != want {
            fails.push(format!(
                "format({:?}, {:?}): got {:?} want {:?}",
                f64::from_bits(b),
                spec,
                got,
                want
            ));
        }
    }
    report("format_float", &fails, FORMAT_FLOAT.len());
}

/// `format(int, spec)` against CPython.
#[test]
fn format_int_table() {
    let mut fails = vec![];
    for &(v, spec, want) in FORMAT_INT.iter() {
        let got = enc(format_int(&big(v), spec, "int"));
        if got != want {
            let short: String = v.chars().take(30).collect();
            fails.push(format!(
                "format({}, {:?}): got {:.80?} want {:.80?}",
                short, spec, got, want
            ));
        }
    }
    report("format_int", &fails, FORMAT_INT.len());
}

/// `format(str, spec)` against CPython.
#[test]
fn format_str_table() {
    let mut fails = vec![];
    for &(s, spec, want) in FORMAT_STR.iter() {
        let got = enc(format_str(s, spec, "str"));
        if got != want {
            fails.push(format!(
                "format({:?}, {:?}): got {:?} want {:?}",
                s, spec, got, want
            ));
        }
    }
    report("format_str", &fails, FORMAT_STR.len());
}

/// `round(float, n)` and `round(float)` against CPython.
#[test]
fn round_table() {
    let mut fails = vec![];
    for &(b, n, want) in ROUND.iter() {
        let got = enc(round_float(f64::from_bits(b), n).map(|x| format!("0x{:016x}", fbits(x))));
        let ok = got == want
            || (want.starts_with("=0x")
                && got.starts_with("=0x")
                && u64::from_str_radix(&want[3..], 16)
                    .ok()
                    .zip(u64::from_str_radix(&got[3..], 16).ok())
                    .is_some_and(|(a, b)| same_bits(a, b)));
        if !ok {
            fails.push(format!(
                "round({:?}, {}): got {} want {}",
                f64::from_bits(b),
                n,
                got,
                want
            ));
        }
    }
    for &(b, want) in ROUND_INT.iter() {
        let got = enc(float_round_to_int(f64::from_bits(b)).map(|v| v.to_string()));
        if got != want {
            fails.push(format!(
                "round({:?}): got {} want {}",
                f64::from_bits(b),
                got,
                want
            ));
        }
    }
    report("round", &fails, ROUND.len() + ROUND_INT.len());
}

/// `int(str, base)` against CPython.
#[test]
fn parse_int_table() {
    let mut fails = vec![];
    for &(s, base, want) in PARSE_INT.iter() {
        let got = match parse_int(s, base) {
            Ok(v) => format!("={}", v),
            Err(ParseIntError::Invalid) => "!invalid".to_string(),
            Err(ParseIntError::BadBase) => "!base".to_string(),
            Err(ParseIntError::TooManyDigits(n)) => format!("!limit {}", n),
        };
        if got != want {
            let short: String = s.chars().take(30).collect();
            fails.push(format!(
                "int({:?}, {}): got {:.60} want {:.60}",
                short, base, got, want
            ));
        }
    }
    report("parse_int", &fails, PARSE_INT.len());
}

/// `float(str)` against CPython.
#[test]
fn parse_float_table() {
    let mut fails = vec![];
    for &(s, want) in PARSE_FLOAT.iter() {
        let got = parse_float(s).ok().map(fbits);
        if got != want {
            fails.push(format!("float({:?}): got {:?} want {:?}", s, got, want));
        }
    }
    report("parse_float", &fails, PARSE_FLOAT.len());
}

/// Float `divmod`, `//`, `%` against CPython.
#[test]
fn divmod_table() {
    let mut fails = vec![];
    for &(a, b, q, r) in DIVMOD.iter() {
        let (x, y) = (f64::from_bits(a), f64::from_bits(b));
        let (gq, gr) = float_floor_div_mod(x, y);
        let gm = float_mod(x, y);
        let gf = float_floor_div(x, y);
        if !same_bits(fbits(gq), q)
            || !same_bits(fbits(gr), r)
            || !same_bits(fbits(gm), r)
            || !same_bits(fbits(gf), q)
        {
            fails.push(format!(
                "divmod({:?}, {:?}): got ({:?}, {:?}) mod {:?} want ({:?}, {:?})",
                x,
                y,
                gq,
                gr,
                gm,
                f64::from_bits(q),
                f64::from_bits(r)
            ));
        }
    }
    report("divmod", &fails, DIVMOD.len());
}

/// `int / int` against CPython.
#[test]
fn int_true_div_table() {
    let mut fails = vec![];
    for &(a, b, want) in INT_TRUE_DIV.iter() {
        let got = enc(int_true_div(&big(a), &big(b)).map(|x| format!("0x{:016x}", fbits(x))));
        if got != want {
            fails.push(format!("{:.40} / {:.40}: got {} want {}", a, b, got, want));
        }
    }
    report("int_true_div", &fails, INT_TRUE_DIV.len());
}

/// `float(int)` and `int(float)` against CPython.
#[test]
fn int_float_conversion_tables() {
    let mut fails = vec![];
    for &(v, want) in INT_TO_FLOAT.iter() {
        let got = match bigint_to_f64(&big(v)) {
            Some(x) => format!("=0x{:016x}", x.to_bits()),
            None => "!OverflowError: int too large to convert to float".to_string(),
        };
        if got != want {
            fails.push(format!("float({:.40}): got {} want {}", v, got, want));
        }
    }
    for &(b, want) in FLOAT_TO_INT.iter() {
        let got = match float_to_bigint(f64::from_bits(b)) {
            Some(v) => format!("={}", v),
            None => "!".to_string(),
        };
        if got != want {
            fails.push(format!(
                "int({:?}): got {} want {}",
                f64::from_bits(b),
                got,
                want
            ));
        }
    }
    report(
        "int<->float",
        &fails,
        INT_TO_FLOAT.len() + FLOAT_TO_INT.len(),
    );
}

/// `bin`/`oct`/`hex`/`str` of ints and the digit limit against CPython.
#[test]
fn radix_table() {
    let mut fails = vec![];
    for &(v, b, o, h, ok) in RADIX.iter() {
        let n = big(v);
        let got = (
            int_to_prefixed_string(&n, 2),
            int_to_prefixed_string(&n, 8),
            int_to_prefixed_string(&n, 16),
            int_str_digits_ok(&n),
        );
        let radix_ok = b.is_empty() || (got.0 == b && got.1 == o && got.2 == h);
        if !radix_ok || got.3 != ok || int_to_string_radix(&n, 10) != v {
            fails.push(format!(
                "radix({:.40}) wrong (str ok: got {} want {})",
                v, got.3, ok
            ));
        }
    }
    report("radix", &fails, RADIX.len());
}

/// Spot checks of the examples in the module docs.
#[test]
fn hand_written() {
    assert_eq!(float_repr(0.1 + 0.2), "0.30000000000000004");
    assert_eq!(float_repr(1e16), "1e+16");
    assert_eq!(float_repr(-0.0), "-0.0");
    assert_eq!(format_float(1234.5, ".4", "float").unwrap(), "1.234e+03");
    assert_eq!(
        format_int(&BigInt::from(1234), "010,", "int").unwrap(),
        "00,001,234"
    );
    assert_eq!(format_i64(255, "#X", "int").unwrap(), "0XFF");
    assert_eq!(round_float(2.675, 2).unwrap(), 2.67);
    assert_eq!(round_float(1234.5678, -2).unwrap(), 1200.0);
    assert!(matches!(
        round_float(1.7e308, -308),
        Err(NumError::Overflow(_))
    ));
    assert_eq!(
        int_true_div(&BigInt::from(10).pow(400u32), &BigInt::from(10).pow(399u32)).unwrap(),
        10.0
    );
    assert_eq!(parse_int("0x_1f", 0).unwrap(), BigInt::from(31));
    assert_eq!(
        ParseIntError::Invalid.message("abc", 10),
        "invalid literal for int() with base 10: 'abc'"
    );
    assert_eq!(parse_float("  -1_0.5e1_0 "), Ok(-10.5e10));
    assert_eq!(unicode_decimal_value('\u{0663}'), Some(3));
    assert!(unicode_is_space('\u{3000}'));
    assert_eq!(
        double_to_string(1.5, 'e', 3, DTSF_SIGN).unwrap(),
        "+1.500e+00"
    );
    assert_eq!(double_to_string(0.5, 'g', 0, DTSF_ALT).unwrap(), "0.5");
    assert_eq!(
        parse_format_spec("*^+z#012_.3f", "float", None).unwrap(),
        FormatSpec {
            fill: '*',
            align: Some('^'),
            sign: Some('+'),
            no_neg_zero: true,
            alternate: true,
            zero_pad: false,
            width: Some(12),
            grouping: Some('_'),
            precision: Some(3),
            ty: Some('f'),
        }
    );
}

/// Odd inputs must not panic.
#[test]
fn no_panic_on_odd_specs() {
    let specs = [
        "",
        "\u{0}",
        "%%",
        "<<<",
        "0",
        "00000",
        ".0",
        "9999999999999999999",
        "1000000000000",
        ".1000000000000f",
        "\u{10FFFF}<5",
        "\u{663}\u{660}",
        ",_",
        "_,",
        "z#0",
        "++",
        "#x#",
    ];
    for s in specs {
        let _ = format_float(1.5, s, "float");
        let _ = format_int(&BigInt::from(-7), s, "int");
        let _ = format_str("ab", s, "str");
    }
    for s in ["", "-", "0x", "\u{10FFFF}", "1e", "_", "٣٣", "0b_", "- 1"] {
        for b in [0, 2, 10, 16, 36, 37, 1000] {
            let _ = parse_int(s, b);
        }
        let _ = parse_float(s);
    }
}

#[test]
fn i64_decimal_text_is_exact() {
    for v in [
        0,
        7,
        -7,
        10,
        -10,
        1234567890,
        i64::MAX,
        i64::MIN,
        -1,
        99,
        100,
    ] {
        let s = super::i64_to_decimal(v);
        assert_eq!(s, v.to_string());
        assert_eq!(s.capacity(), s.len());
    }
}

#[test]
fn fixed_precision_fast_path_matches_the_general_one() {
    let mut xs = vec![
        0.0,
        0.5,
        1.0,
        2.5,
        12.0,
        0.25,
        0.125,
        1e15,
        2f64.powi(60),
        3.75,
        1e-300,
    ];
    for i in 0..2000 {
        xs.push(i as f64 * 0.5);
        xs.push(i as f64 * 0.125);
        xs.push(i as f64 * 0.1);
        xs.push(i as f64 / 3.0);
    }
    for &x in &xs {
        for p in [0usize, 1, 2, 3, 6, 17] {
            assert_eq!(
                super::double_to_string(x, 'f', p, 0).unwrap(),
                format!("{:.*}", p, x),
                "{x} .{p}f"
            );
        }
    }
}
