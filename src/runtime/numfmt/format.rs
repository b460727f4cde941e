//! `format(value, spec)` for int, float and str — a port of CPython 3.11's
//! `Python/formatter_unicode.c` (`format_long_internal`, `format_float_internal`,
//! `format_string_internal`, `calc_number_widths`, `fill_number`) with the `C` locale.

use num_bigint::{BigInt, Sign};

use super::arith::{bigint_to_f64, int_str_digits_ok, INT_STR_LIMIT_MSG};
use super::repr::{double_to_string, float_repr, DTSF_ADD_DOT_0, DTSF_ALT, DTSF_NO_NEG_0};
use super::spec::{parse_format_spec, FormatSpec};
use super::{NumError, MAX_FORMAT_WIDTH};

/// CPython's `unknown_presentation_type` error.
fn unknown_presentation_type(ty: char, type_name: &str) -> NumError {
    let t = ty as u32;
    if t > 32 && t < 128 {
        NumError::Value(format!(
            "Unknown format code '{}' for object of type '{}'",
            ty, type_name
        ))
    } else {
        NumError::Value(format!(
            "Unknown format code '\\x{:x}' for object of type '{}'",
            t, type_name
        ))
    }
}

/// Rejects widths too large to materialise (see [`MAX_FORMAT_WIDTH`]).
fn check_width(spec: &FormatSpec) -> Result<(), NumError> {
    if spec.width.unwrap_or(0) > MAX_FORMAT_WIDTH {
        return Err(NumError::Memory);
    }
    Ok(())
}

/// Port of `_PyUnicode_InsertThousandsGrouping`: groups `digits` (ASCII) from the right in
/// groups of `group` separated by `sep`, padding with `'0'` (separators included) up to
/// `min_width` characters.
fn group_digits(digits: &str, min_width: i64, sep: Option<(char, usize)>) -> String {
    let bytes = digits.as_bytes();
    let mut min_width = min_width.max(0);
    let mut remaining = bytes.len() as i64;
    let mut digits_pos = bytes.len();
    let mut rev: Vec<char> = Vec::with_capacity(bytes.len() + (min_width as usize) + 4);
    let mut use_sep = false;
    let mut broken = false;
    let mut put = |rev: &mut Vec<char>, n_chars: i64, n_zeros: i64, with_sep: Option<char>| {
        if let Some(c) = with_sep {
            rev.push(c);
        }
        for _ in 0..n_chars {
            digits_pos -= 1;
            rev.push(bytes[digits_pos] as char);
        }
        for _ in 0..n_zeros {
            rev.push('0');
        }
    };
    if let Some((sepc, group)) = sep {
        let group = group as i64;
        loop {
            let len = group.min(remaining.max(min_width).max(1));
            let n_zeros = (len - remaining).max(0);
            let n_chars = remaining.min(len).max(0);
            put(
                &mut rev,
                n_chars,
                n_zeros,
                if use_sep { Some(sepc) } else { None },
            );
            use_sep = true;
            remaining -= n_chars;
            min_width -= len;
            if remaining <= 0 && min_width <= 0 {
                broken = true;
                break;
            }
            min_width -= 1;
        }
    }
    if !broken {
        let len = remaining.max(min_width).max(1);
        let n_zeros = (len - remaining).max(0);
        let n_chars = remaining.min(len).max(0);
        let sepc = sep.map(|s| s.0).filter(|_| use_sep);
        put(&mut rev, n_chars, n_zeros, sepc);
    }
    rev.iter().rev().collect()
}

/// The pieces of a formatted number, as `calc_number_widths` sees them.
struct NumberParts<'a> {
    negative: bool,
    prefix: &'a str,
    digits: &'a str,
    has_decimal: bool,
    remainder: &'a str,
}

/// Port of `calc_number_widths` + `fill_number`.
fn render_number(
    p: &NumberParts<'_>,
    spec: &FormatSpec,
    sep: Option<(char, usize)>,
    toupper: bool,
) -> String {
    let sign = match spec.sign {
        Some('+') => Some(if p.negative { '-' } else { '+' }),
        Some(' ') => Some(if p.negative { '-' } else { ' ' }),
        _ => p.negative.then_some('-'),
    };
    let align = spec.effective_align('>');
    let fill = spec.fill;
    let width: i64 = spec.width.map(|w| w as i64).unwrap_or(-1);
    let n_remainder = p.remainder.chars().count() as i64;
    let n_non_digit =
        sign.is_some() as i64 + p.prefix.len() as i64 + p.has_decimal as i64 + n_remainder;
    let min_width = if fill == '0' && align == '=' {
        width - n_non_digit
    } else {
        0
    };
    let mut grouped = if p.digits.is_empty() {
        String::new()
    } else {
        group_digits(p.digits, min_width, sep)
    };
    if toupper {
        grouped = grouped.to_ascii_uppercase();
    }
    let n_grouped = grouped.chars().count() as i64;
    let n_padding = width - (n_non_digit + n_grouped);
    let (mut lpad, mut spad, mut rpad) = (0i64, 0i64, 0i64);
    if n_padding > 0 {
        match align {
            '<' => rpad = n_padding,
            '^' => {
                lpad = n_padding / 2;
                rpad = n_padding - lpad;
            }
            '=' => spad = n_padding,
            _ => lpad = n_padding,
        }
    }
    let mut out = String::with_capacity((n_non_digit + n_grouped + n_padding.max(0)) as usize);
    let pad = |out: &mut String, n: i64| {
        for _ in 0..n {
            out.push(fill);
        }
    };
    pad(&mut out, lpad);
    if let Some(s) = sign {
        out.push(s);
    }
    if toupper {
        out.push_str(&p.prefix.to_ascii_uppercase());
    } else {
        out.push_str(p.prefix);
    }
    pad(&mut out, spad);
    out.push_str(&grouped);
    if p.has_decimal {
        out.push('.');
    }
    out.push_str(p.remainder);
    pad(&mut out, rpad);
    out
}

/// `format(v, spec)` for an `int` (`int.__format__`), CPython 3.11 exactly.
///
/// `type_name` is the Python type name used in error messages (`"int"`, `"bool"`, ...).
/// An empty `spec` gives `str(v)` (callers must handle `bool`'s `True`/`False`
/// themselves). Float presentation types (`e E f F g G %`) convert `v` to float first
/// (`OverflowError: int too large to convert to float`). Decimal output of more than 4300
/// digits is the 3.11 `ValueError` ([`INT_STR_LIMIT_MSG`]).
pub fn format_int(v: &BigInt, spec: &str, type_name: &str) -> Result<String, NumError> {
    if spec.is_empty() {
        if !int_str_digits_ok(v) {
            return Err(NumError::Value(INT_STR_LIMIT_MSG.into()));
        }
        return Ok(v.to_string());
    }
    let spec = parse_format_spec(spec, type_name, Some('d'))?;
    match spec.ty.unwrap_or('d') {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => format_long_internal(v, &spec),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let x = bigint_to_f64(v)
                .ok_or_else(|| NumError::Overflow("int too large to convert to float".into()))?;
            format_float_internal(x, &spec)
        }
        t => Err(unknown_presentation_type(t, type_name)),
    }
}

/// [`format_int`] for a machine integer.
pub fn format_i64(v: i64, spec: &str, type_name: &str) -> Result<String, NumError> {
    if spec.is_empty() {
        return Ok(super::i64_to_decimal(v));
    }
    format_int(&BigInt::from(v), spec, type_name)
}

/// Port of `format_long_internal`: integer presentation types `b c d o x X n`.
fn format_long_internal(v: &BigInt, spec: &FormatSpec) -> Result<String, NumError> {
    if spec.precision.is_some() {
        return Err(NumError::Value(
            "Precision not allowed in integer format specifier".into(),
        ));
    }
    if spec.no_neg_zero {
        return Err(NumError::Value(
            "Negative zero coercion (z) not allowed in integer format specifier".into(),
        ));
    }
    check_width(spec)?;
    let ty = spec.ty.unwrap_or('d');
    if ty == 'c' {
        if spec.sign.is_some() {
            return Err(NumError::Value(
                "Sign not allowed with integer format specifier 'c'".into(),
            ));
        }
        if spec.alternate {
            return Err(NumError::Value(
                "Alternate form (#) not allowed with integer format specifier 'c'".into(),
            ));
        }
        let code: i64 = i64::try_from(v)
            .map_err(|_| NumError::Overflow("Python int too large to convert to C long".into()))?;
        let ch = u32::try_from(code)
            .ok()
            .filter(|&c| c <= 0x10FFFF)
            .and_then(char::from_u32)
            .or_else(|| {
                // Lone surrogates cannot live in a Rust string; CPython would produce one.
                (0xD800..=0xDFFF).contains(&code).then_some('\u{FFFD}')
            })
            .ok_or_else(|| NumError::Overflow("%c arg not in range(0x110000)".into()))?;
        let rem = ch.to_string();
        let parts = NumberParts {
            negative: false,
            prefix: "",
            digits: "",
            has_decimal: false,
            remainder: &rem,
        };
        return Ok(render_number(&parts, spec, None, false));
    }
    let (radix, prefix) = match ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' | 'X' => (16, "0x"),
        _ => (10, ""),
    };
    if radix == 10 && !int_str_digits_ok(v) {
        return Err(NumError::Value(INT_STR_LIMIT_MSG.into()));
    }
    let digits = v.magnitude().to_str_radix(radix);
    let sep = match spec.grouping {
        Some(',') => Some((',', 3)),
        Some('_') => Some(('_', if radix == 10 { 3 } else { 4 })),
        _ => None,
    };
    let parts = NumberParts {
        negative: v.sign() == Sign::Minus,
        prefix: if spec.alternate { prefix } else { "" },
        digits: &digits,
        has_decimal: false,
        remainder: "",
    };
    Ok(render_number(&parts, spec, sep, ty == 'X'))
}

/// `format(x, spec)` for a `float` (`float.__format__`), CPython 3.11 exactly.
///
/// Types `e E f F g G n %` and none (`''` is `str(x)`; a precision without type is like
/// `g` but keeps at least one digit after the point). `type_name` is used in the
/// "Unknown format code" message.
pub fn format_float(x: f64, spec: &str, type_name: &str) -> Result<String, NumError> {
    if spec.is_empty() {
        return Ok(float_repr(x));
    }
    let spec = parse_format_spec(spec, type_name, None)?;
    match spec.ty {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => {
            format_float_internal(x, &spec)
        }
        Some(t) => Err(unknown_presentation_type(t, type_name)),
    }
}

/// Port of `format_float_internal`: float presentation types and no type.
fn format_float_internal(x: f64, spec: &FormatSpec) -> Result<String, NumError> {
    if let Some(p) = spec.precision {
        if p > i32::MAX as usize {
            return Err(NumError::Value("precision too big".into()));
        }
        if p > MAX_FORMAT_WIDTH {
            return Err(NumError::Memory);
        }
    }
    check_width(spec)?;
    let mut flags = 0;
    if spec.alternate {
        flags |= DTSF_ALT;
    }
    if spec.no_neg_zero {
        flags |= DTSF_NO_NEG_0;
    }
    let mut ty = spec.ty.unwrap_or('\0');
    let mut default_precision = 6;
    if ty == '\0' {
        flags |= DTSF_ADD_DOT_0;
        ty = 'r';
        default_precision = 0;
    }
    if ty == 'n' {
        ty = 'g';
    }
    let mut val = x;
    let mut add_pct = false;
    if ty == '%' {
        ty = 'f';
        val *= 100.0;
        add_pct = true;
    }
    let precision = match spec.precision {
        None => default_precision,
        Some(p) => {
            if ty == 'r' {
                ty = 'g';
            }
            p
        }
    };
    let mut buf = double_to_string(val, ty, precision, flags)
        .ok_or_else(|| NumError::Value("precision too big".into()))?;
    if add_pct {
        buf.push('%');
    }
    let (negative, body) = match buf.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, buf.as_str()),
    };
    let ndig = body.bytes().take_while(|b| b.is_ascii_digit()).count();
    let digits = &body[..ndig];
    let has_decimal = body[ndig..].starts_with('.');
    let remainder = &body[ndig + has_decimal as usize..];
    let sep = spec.grouping.map(|c| (c, 3));
    let parts = NumberParts {
        negative,
        prefix: "",
        digits,
        has_decimal,
        remainder,
    };
    Ok(render_number(&parts, spec, sep, false))
}

/// `format(s, spec)` for a `str` (`str.__format__`), CPython 3.11 exactly: fill/align
/// (default left), width and precision counted in characters; errors for a sign, `z`, `#`
/// or `=` alignment. `type_name` is used in the "Unknown format code" message.
pub fn format_str(s: &str, spec: &str, type_name: &str) -> Result<String, NumError> {
    if spec.is_empty() {
        return Ok(s.to_string());
    }
    let spec = parse_format_spec(spec, type_name, Some('s'))?;
    match spec.ty {
        None | Some('s') => {}
        Some(t) => return Err(unknown_presentation_type(t, type_name)),
    }
    match spec.sign {
        Some(' ') => {
            return Err(NumError::Value(
                "Space not allowed in string format specifier".into(),
            ))
        }
        Some(_) => {
            return Err(NumError::Value(
                "Sign not allowed in string format specifier".into(),
            ))
        }
        None => {}
    }
    if spec.no_neg_zero {
        return Err(NumError::Value(
            "Negative zero coercion (z) not allowed in string format specifier".into(),
        ));
    }
    if spec.alternate {
        return Err(NumError::Value(
            "Alternate form (#) not allowed in string format specifier".into(),
        ));
    }
    let align = spec.effective_align('<');
    if align == '=' {
        return Err(NumError::Value(
            "'=' alignment not allowed in string format specifier".into(),
        ));
    }
    check_width(&spec)?;
    let mut len = s.chars().count();
    let body: &str = match spec.precision {
        Some(p) if p < len => {
            len = p;
            match s.char_indices().nth(p) {
                Some((i, _)) => &s[..i],
                None => s,
            }
        }
        _ => s,
    };
    let total = spec.width.map_or(len, |w| w.max(len));
    let lpad = match align {
        '>' => total - len,
        '^' => (total - len) / 2,
        _ => 0,
    };
    let rpad = total - len - lpad;
    let mut out = String::with_capacity(body.len() + (total - len) * spec.fill.len_utf8());
    out.extend(std::iter::repeat_n(spec.fill, lpad));
    out.push_str(body);
    out.extend(std::iter::repeat_n(spec.fill, rpad));
    Ok(out)
}
