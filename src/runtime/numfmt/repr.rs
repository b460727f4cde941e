//! Float to string conversion: `repr(float)` and a port of CPython's `PyOS_double_to_string`
//! (`Python/pystrtod.c`, `format_float_short`). Digits come from Rust's float formatting,
//! which is shortest-round-trip for `{:e}` and correctly rounded (ties to even on the exact
//! binary value) for `{:.N}` / `{:.Ne}` — the same digits as David Gay's `_Py_dg_dtoa`.

/// Flag for [`double_to_string`]: always emit a sign (`Py_DTSF_SIGN`).
pub const DTSF_SIGN: u32 = 0x01;
/// Flag for [`double_to_string`]: add `.0` to integral values in `r`/`g` (`Py_DTSF_ADD_DOT_0`).
pub const DTSF_ADD_DOT_0: u32 = 0x02;
/// Flag for [`double_to_string`]: alternate form, `#` (`Py_DTSF_ALT`).
pub const DTSF_ALT: u32 = 0x04;
/// Flag for [`double_to_string`]: print negative zero results without sign, `z` (`Py_DTSF_NO_NEG_0`).
pub const DTSF_NO_NEG_0: u32 = 0x08;

/// `repr(x)` / `str(x)` for a Python float, exactly as CPython 3.11 (`1.0`, `0.1`, `1e+16`,
/// `1e-05`, `inf`, `-inf`, `nan`, `-0.0`).
pub fn float_repr(x: f64) -> String {
    double_to_string(x, 'r', 0, DTSF_ADD_DOT_0).unwrap_or_default()
}

/// Splits Rust's `{:e}` rendering (`d.ddde±N`) of a non-negative finite value into
/// (digits without trailing zeros, decimal point position), like `_Py_dg_dtoa`.
/// Zero gives `("0", 1)`.
fn split_exp(s: &str) -> (String, i64) {
    let (mant, exp) = match s.split_once('e') {
        Some(p) => p,
        None => (s, "0"),
    };
    let mut digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let exp: i64 = exp.parse().unwrap_or(0);
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
    }
    if digits == "0" {
        return (digits, 1);
    }
    (digits, exp + 1)
}

/// Shortest round-trip digits of a finite non-negative `ax`, as `_Py_dg_dtoa` mode 0:
/// among the shortest strings that round-trip, the one nearest to `ax` (ties to even).
/// Rust's `{:e}` already gives a shortest string but may pick another candidate of the same
/// length when several round-trip (only possible from 16 digits on), so that case is
/// re-derived from the correctly rounded digits of that length.
fn shortest_digits(ax: f64) -> (String, i64) {
    let (digits, decpt) = split_exp(&format!("{:e}", ax));
    if digits.len() < 16 {
        return (digits, decpt);
    }
    let nearest = format!("{:.*e}", digits.len() - 1, ax);
    if nearest.parse::<f64>() == Ok(ax) {
        return split_exp(&nearest);
    }
    (digits, decpt)
}

/// Port of `PyOS_double_to_string(val, format_code, precision, flags, NULL)`.
///
/// `code` is one of `e E f F g G r`; `precision` is ignored for `r`. `flags` is a combination
/// of [`DTSF_SIGN`], [`DTSF_ADD_DOT_0`], [`DTSF_ALT`], [`DTSF_NO_NEG_0`]. Returns `None` for an
/// unknown code or a precision above `i32::MAX` (CPython's "precision too big" is checked by
/// the callers).
/// `ax` (finite, not negative) with `precision` digits after the point,
/// when `ax * 10**precision` is an integer that fits in a `u128` (a number
/// with few binary fraction digits, such as `2.5` or `12.0`): then it is
/// exact and needs no rounding, and integer arithmetic gives it at once.
/// None otherwise (the general algorithm serves).
fn fixed_exact(ax: f64, precision: usize) -> Option<String> {
    if precision > 17 {
        return None;
    }
    let bits = ax.to_bits();
    let (biased, frac) = ((bits >> 52) as i64, bits & ((1 << 52) - 1));
    let (mut m, mut e) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | 1 << 52, biased - 1075)
    };
    if m != 0 {
        let tz = m.trailing_zeros();
        m >>= tz;
        e += tz as i64;
    }
    // ax * 10**p = m * 5**p * 2**(e + p).
    let shift = e + precision as i64;
    if shift < 0 {
        return None;
    }
    let v = (m as u128).checked_mul(5u128.pow(precision as u32))?;
    if shift >= 128 || v.leading_zeros() as i64 <= shift {
        return None;
    }
    let digits = (v << shift).to_string();
    if precision == 0 {
        return Some(digits);
    }
    let digits = format!("{digits:0>width$}", width = precision + 1);
    let (int, fracs) = digits.split_at(digits.len() - precision);
    Some(format!("{int}.{fracs}"))
}

pub fn double_to_string(x: f64, code: char, precision: usize, flags: u32) -> Option<String> {
    if precision > i32::MAX as usize {
        return None;
    }
    let upper = matches!(code, 'E' | 'F' | 'G');
    let lcode = code.to_ascii_lowercase();
    if !matches!(lcode, 'e' | 'f' | 'g' | 'r') || (code == 'R') {
        return None;
    }
    let always_sign = flags & DTSF_SIGN != 0;
    let add_dot_0 = flags & DTSF_ADD_DOT_0 != 0;
    let alt = flags & DTSF_ALT != 0;
    let no_neg_0 = flags & DTSF_NO_NEG_0 != 0;

    let mut out = String::new();
    if !x.is_finite() {
        // The sign of a nan is ignored.
        if x.is_infinite() && x < 0.0 {
            out.push('-');
        } else if always_sign {
            out.push('+');
        }
        let s = if x.is_nan() { "nan" } else { "inf" };
        out.push_str(&if upper {
            s.to_ascii_uppercase()
        } else {
            s.to_string()
        });
        return Some(out);
    }
    let mut negative = x.is_sign_negative();
    let ax = x.abs();

    if lcode == 'f' {
        // mode 3: fixed notation with `precision` digits after the point.
        let mut body =
            fixed_exact(ax, precision).unwrap_or_else(|| format!("{:.*}", precision, ax));
        if no_neg_0 && negative && !body.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
            negative = false;
        }
        if precision == 0 && alt {
            body.push('.');
        }
        if negative {
            out.push('-');
        } else if always_sign {
            out.push('+');
        }
        out.push_str(&body);
        return Some(out);
    }

    // Obtain (digits, decpt) as _Py_dg_dtoa would, and the effective precision.
    let mut precision = precision as i64;
    let (digits, decpt) = match lcode {
        'e' => {
            precision += 1;
            split_exp(&format!("{:.*e}", (precision - 1) as usize, ax))
        }
        'g' => {
            if precision == 0 {
                precision = 1;
            }
            split_exp(&format!("{:.*e}", (precision - 1) as usize, ax))
        }
        _ => shortest_digits(ax),
    };
    if no_neg_0 && negative && digits == "0" {
        negative = false;
    }
    let digits_len = digits.len() as i64;
    let mut decpt = decpt;
    let mut vdigits_end = digits_len;
    let mut use_exp = false;
    match lcode {
        'e' => {
            use_exp = true;
            vdigits_end = precision;
        }
        'g' => {
            if decpt <= -4 || decpt > (if add_dot_0 { precision - 1 } else { precision }) {
                use_exp = true;
            }
            if alt {
                vdigits_end = precision;
            }
        }
        _ => {
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    let mut exp = 0i64;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    if !use_exp && add_dot_0 {
        vdigits_end = vdigits_end.max(decpt + 1);
    } else {
        vdigits_end = vdigits_end.max(decpt);
    }

    if negative {
        out.push('-');
    } else if always_sign {
        out.push('+');
    }
    let zeros = |out: &mut String, n: i64| {
        for _ in 0..n.max(0) {
            out.push('0');
        }
    };
    if decpt <= 0 {
        zeros(&mut out, decpt - vdigits_start);
        out.push('.');
        zeros(&mut out, -decpt);
    } else {
        zeros(&mut out, -vdigits_start);
    }
    if 0 < decpt && decpt <= digits_len {
        out.push_str(&digits[..decpt as usize]);
        out.push('.');
        out.push_str(&digits[decpt as usize..]);
    } else {
        out.push_str(&digits);
    }
    if digits_len < decpt {
        zeros(&mut out, decpt - digits_len);
        out.push('.');
        zeros(&mut out, vdigits_end - decpt);
    } else {
        zeros(&mut out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !alt {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        out.push(if exp < 0 { '-' } else { '+' });
        let e = exp.unsigned_abs();
        if e < 10 {
            out.push('0');
        }
        out.push_str(&e.to_string());
    }
    Some(out)
}
