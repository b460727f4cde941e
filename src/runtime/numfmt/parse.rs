//! `int(str, base)` and `float(str)` parsing, following CPython 3.11's
//! `PyLong_FromUnicodeObject`/`PyLong_FromString` and `PyFloat_FromString`.

use num_bigint::{BigInt, BigUint};
use num_traits::Zero;

use super::arith::INT_MAX_STR_DIGITS;
use super::spec::{unicode_decimal_value, unicode_is_space};

/// Why [`parse_int`] rejected its input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseIntError {
    /// The caller raises `ValueError("invalid literal for int() with base {base}: {repr(s):.200}")`.
    Invalid,
    /// `base` is not 0 or 2..=36: `ValueError("int() base must be >= 2 and <= 36, or 0")`.
    BadBase,
    /// More than 4300 digits in a non-power-of-two base: `ValueError("Exceeds the limit (4300
    /// digits) for integer string conversion: value has {n} digits; use
    /// sys.set_int_max_str_digits() to increase the limit")` with `n` the payload.
    TooManyDigits(usize),
}

impl ParseIntError {
    /// The full `ValueError` message CPython uses, given the original string and base.
    pub fn message(&self, s: &str, base: u32) -> String {
        match self {
            ParseIntError::Invalid => {
                format!("invalid literal for int() with base {}: {}", base, py_repr_200(s))
            }
            ParseIntError::BadBase => "int() base must be >= 2 and <= 36, or 0".into(),
            ParseIntError::TooManyDigits(n) => format!(
                "Exceeds the limit ({} digits) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit",
                INT_MAX_STR_DIGITS, n
            ),
        }
    }
}

/// A simplified `%.200R` of a str (quotes and escapes for the common cases), used in the
/// "invalid literal" message. Callers with a full `repr(str)` should prefer their own.
fn py_repr_200(s: &str) -> String {
    let use_double = s.contains('\'') && !s.contains('"');
    let q = if use_double { '"' } else { '\'' };
    let mut out = String::new();
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if (0x80..0xa0).contains(&(c as u32)) || c == '\u{ad}' => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out.chars().take(200).collect()
}

/// `_PyUnicode_TransformDecimalAndSpaceToASCII`: non-ASCII whitespace becomes `' '`,
/// non-ASCII decimal digits become ASCII digits; anything else non-ASCII ends the string
/// with an invalid marker `'?'`.
fn to_ascii(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        let cp = c as u32;
        if cp < 127 {
            out.push(cp as u8);
        } else if unicode_is_space(c) {
            out.push(b' ');
        } else if let Some(d) = unicode_decimal_value(c) {
            out.push(b'0' + d as u8);
        } else {
            out.push(b'?');
            break;
        }
    }
    out
}

/// ASCII whitespace as CPython's `Py_ISSPACE`.
fn is_py_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// Digit value as `_PyLong_DigitValue` (37 for non-digits).
fn digit_value(b: u8) -> u32 {
    match b {
        b'0'..=b'9' => (b - b'0') as u32,
        b'a'..=b'z' => (b - b'a') as u32 + 10,
        b'A'..=b'Z' => (b - b'A') as u32 + 10,
        _ => 37,
    }
}

/// `int(s, base)`: surrounding whitespace (Python's notion, incl. Unicode), a sign, the
/// `0x`/`0o`/`0b` prefix when it matches `base` (or `base == 0`, which also rejects leading
/// zeros such as `"012"`), single underscores between digits (and one right after a prefix),
/// Unicode decimal digits, and the 3.11 4300-digit limit for non-power-of-two bases.
pub fn parse_int(s: &str, base: u32) -> Result<BigInt, ParseIntError> {
    if base == 1 || base > 36 {
        return Err(ParseIntError::BadBase);
    }
    let buf = to_ascii(s);
    let mut i = 0usize;
    let at = |i: usize| buf.get(i).copied().unwrap_or(0);
    while is_py_space(at(i)) {
        i += 1;
    }
    let mut negative = false;
    if at(i) == b'+' {
        i += 1;
    } else if at(i) == b'-' {
        negative = true;
        i += 1;
    }
    let mut base = base;
    if base == 0 {
        base = if at(i) != b'0' {
            10
        } else {
            match at(i + 1) {
                b'x' | b'X' => 16,
                b'o' | b'O' => 8,
                b'b' | b'B' => 2,
                _ => 0, // old-style octal check below; parsed as base 10
            }
        };
    }
    let old_octal = base == 0;
    if old_octal {
        base = 10;
    }
    if at(i) == b'0'
        && ((base == 16 && matches!(at(i + 1), b'x' | b'X'))
            || (base == 8 && matches!(at(i + 1), b'o' | b'O'))
            || (base == 2 && matches!(at(i + 1), b'b' | b'B')))
    {
        i += 2;
        if at(i) == b'_' {
            i += 1;
        }
    }
    if at(i) == b'_' {
        return Err(ParseIntError::Invalid);
    }
    let start = i;
    let mut ndigits = 0usize;
    let mut prev = 0u8;
    while i < buf.len() && (digit_value(buf[i]) < base || buf[i] == b'_') {
        if buf[i] == b'_' {
            if prev == b'_' {
                return Err(ParseIntError::Invalid);
            }
        } else {
            ndigits += 1;
        }
        prev = buf[i];
        i += 1;
    }
    if prev == b'_' || ndigits == 0 {
        return Err(ParseIntError::Invalid);
    }
    if !base.is_power_of_two() && ndigits > INT_MAX_STR_DIGITS {
        return Err(ParseIntError::TooManyDigits(ndigits));
    }
    let body: Vec<u8> = buf[start..i]
        .iter()
        .copied()
        .filter(|&b| b != b'_')
        .collect();
    if old_octal && body.iter().any(|&b| b != b'0') {
        return Err(ParseIntError::Invalid);
    }
    while is_py_space(at(i)) {
        i += 1;
    }
    if i != buf.len() {
        return Err(ParseIntError::Invalid);
    }
    let mag = BigUint::parse_bytes(&body, base).ok_or(ParseIntError::Invalid)?;
    let v = BigInt::from(mag);
    Ok(if negative && !v.is_zero() { -v } else { v })
}

/// `float(s)`: surrounding whitespace (incl. Unicode), sign, `inf`/`infinity`/`nan` in any
/// case, decimal mantissa (`5.`, `.5`), exponent, Unicode decimal digits, and single
/// underscores only between digits. Returns `Err(())` where CPython raises
/// `ValueError("could not convert string to float: {repr(s)}")`. Overflowing literals give
/// `±inf` and underflowing ones `±0.0`, as in CPython.
#[allow(clippy::result_unit_err)]
pub fn parse_float(s: &str) -> Result<f64, ()> {
    let buf = to_ascii(s);
    let mut lo = 0;
    let mut hi = buf.len();
    while lo < hi && is_py_space(buf[lo]) {
        lo += 1;
    }
    while hi > lo && is_py_space(buf[hi - 1]) {
        hi -= 1;
    }
    let t = &buf[lo..hi];
    // Underscore rules of _Py_string_to_number_with_underscores.
    let mut clean: Vec<u8> = Vec::with_capacity(t.len());
    let mut prev = 0u8;
    for &b in t {
        if b == b'_' {
            if !prev.is_ascii_digit() {
                return Err(());
            }
        } else {
            if prev == b'_' && !b.is_ascii_digit() {
                return Err(());
            }
            clean.push(b);
        }
        prev = b;
    }
    if prev == b'_' {
        return Err(());
    }
    let mut j = 0;
    let mut negative = false;
    if let Some(&c @ (b'+' | b'-')) = clean.first() {
        negative = c == b'-';
        j = 1;
    }
    let rest = &clean[j..];
    let lower: Vec<u8> = rest.to_ascii_lowercase();
    let v = if lower == b"inf" || lower == b"infinity" {
        f64::INFINITY
    } else if lower == b"nan" {
        f64::NAN
    } else {
        // digits [. digits] [e [sign] digits], at least one mantissa digit.
        let mut k = 0;
        let mut mant_digits = 0;
        while k < rest.len() && rest[k].is_ascii_digit() {
            k += 1;
            mant_digits += 1;
        }
        if k < rest.len() && rest[k] == b'.' {
            k += 1;
            while k < rest.len() && rest[k].is_ascii_digit() {
                k += 1;
                mant_digits += 1;
            }
        }
        if mant_digits == 0 {
            return Err(());
        }
        if k < rest.len() && (rest[k] == b'e' || rest[k] == b'E') {
            k += 1;
            if k < rest.len() && (rest[k] == b'+' || rest[k] == b'-') {
                k += 1;
            }
            let e0 = k;
            while k < rest.len() && rest[k].is_ascii_digit() {
                k += 1;
            }
            if k == e0 {
                return Err(());
            }
        }
        if k != rest.len() {
            return Err(());
        }
        let text = std::str::from_utf8(rest).map_err(|_| ())?;
        text.parse::<f64>().map_err(|_| ())?
    };
    Ok(if negative { -v } else { v })
}
