//! Float/int arithmetic helpers with CPython 3.11 semantics: `round(float, n)`, float
//! `divmod`/`//`/`%`, exact float ↔ int conversions, correctly rounded `int / int`, and
//! int → string in any radix with the 4300-digit limit.

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Pow, ToPrimitive, Zero};

use super::NumError;

/// CPython 3.11's default `sys.get_int_max_str_digits()`.
pub const INT_MAX_STR_DIGITS: usize = 4300;

/// The `ValueError` message of `str(int)` / `format(int, 'd')` beyond [`INT_MAX_STR_DIGITS`].
pub const INT_STR_LIMIT_MSG: &str = "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit";

/// Whether `str(v)` is allowed under CPython 3.11's default limit: at most 4300 decimal
/// digits (the sign does not count). When `false`, `str(v)` raises
/// `ValueError(INT_STR_LIMIT_MSG)` ("Exceeds the limit (4300 digits) for integer string
/// conversion; use sys.set_int_max_str_digits() to increase the limit").
pub fn int_str_digits_ok(v: &BigInt) -> bool {
    let bits = v.bits();
    // 10**4300 has 14285 bits; anything shorter has at most 4300 digits.
    if bits < 14285 {
        return true;
    }
    if bits > 14285 {
        return false;
    }
    let limit = BigUint::from(10u32).pow(INT_MAX_STR_DIGITS as u32);
    v.magnitude() < &limit
}

/// The digits of `v` in `radix` (2..=36, lowercase), with a leading `-` when negative and
/// no prefix — `str(v)` for radix 10 (check [`int_str_digits_ok`] first). Radix outside
/// 2..=36 is clamped into that range.
/// The decimal text of an `i64`, in a `String` of exactly its length (no
/// formatting machinery, nothing to shrink when it becomes a str object).
pub fn i64_to_decimal(v: i64) -> String {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    let mut n = v.unsigned_abs();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let mut s = String::with_capacity(buf.len() - at + (v < 0) as usize);
    if v < 0 {
        s.push('-');
    }
    // The buffer holds ASCII digits only.
    s.push_str(std::str::from_utf8(&buf[at..]).unwrap_or(""));
    s
}

pub fn int_to_string_radix(v: &BigInt, radix: u32) -> String {
    v.to_str_radix(radix.clamp(2, 36))
}

/// `bin(v)`, `oct(v)`, `hex(v)` for radix 2, 8, 16 (`-0x1f` style); other radixes give the
/// bare digits as [`int_to_string_radix`].
pub fn int_to_prefixed_string(v: &BigInt, radix: u32) -> String {
    let prefix = match radix {
        2 => "0b",
        8 => "0o",
        16 => "0x",
        _ => "",
    };
    let digits = v.magnitude().to_str_radix(radix.clamp(2, 36));
    let sign = if v.sign() == Sign::Minus { "-" } else { "" };
    format!("{}{}{}", sign, prefix, digits)
}

/// `(mantissa, exponent)` with `|x| == mantissa * 2**exponent` exactly (finite `x`).
fn decompose(x: f64) -> (u64, i32) {
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp - 1075)
    }
}

/// `x * 2**k` computed exactly when the result is representable (no double rounding).
fn ldexp(mut x: f64, mut k: i64) -> f64 {
    while k > 1023 {
        x *= f64::from_bits(((1023 + 1023) as u64) << 52);
        k -= 1023;
        if x.is_infinite() {
            return x;
        }
    }
    while k < -1022 {
        x *= f64::from_bits(1u64 << 52); // 2**-1022
        k += 1022;
        if x == 0.0 {
            return x;
        }
    }
    x * f64::from_bits(((k + 1023) as u64) << 52)
}

/// `num / den` (both positive, `den != 0`) correctly rounded to the nearest double, ties to
/// even, with gradual underflow; `None` when the result overflows (≥ 2**1024 after rounding).
fn ratio_to_f64(num: &BigUint, den: &BigUint) -> Option<f64> {
    if num.is_zero() {
        return Some(0.0);
    }
    let na = num.bits() as i64;
    let nb = den.bits() as i64;
    // Shift so that the integer quotient has at least 55 bits.
    let s = 55 - (na - nb);
    let (q, r) = if s >= 0 {
        (num << (s as u64)).div_rem(den)
    } else {
        num.div_rem(&(den << ((-s) as u64)))
    };
    let sticky = !r.is_zero();
    let bq = q.bits() as i64;
    // value ~ q * 2**-s, in [2**e, 2**(e+1)).
    let e = bq - 1 - s;
    if e > 1024 {
        return None;
    }
    // Number of low bits of q to drop: keep 53 significant bits, or fewer below 2**-1022.
    let d = if e >= -1022 { bq - 53 } else { s - 1074 };
    // q has at least 55 bits, so d >= 2 in both the normal and the subnormal case.
    let m: u64 = if d <= 0 {
        q.to_u64()? << ((-d) as u32)
    } else if d > bq + 1 {
        0
    } else {
        let d_u = d as u64;
        let m = &q >> d_u;
        let rem = &q - (&m << d_u);
        let half = BigUint::one() << (d_u - 1);
        let mut m = m.to_u64()?;
        if rem > half || (rem == half && (sticky || m & 1 == 1)) {
            m += 1;
        }
        m
    };
    let d = d.max(0);
    let v = ldexp(m as f64, d - s);
    if v.is_infinite() {
        None
    } else {
        Some(v)
    }
}

/// `float(v)` for an int: correctly rounded (ties to even) like `PyLong_AsDouble`; `None`
/// means `OverflowError("int too large to convert to float")`.
pub fn bigint_to_f64(v: &BigInt) -> Option<f64> {
    let mag = v.magnitude();
    let f = if mag.bits() <= 64 {
        mag.to_u64()? as f64
    } else {
        ratio_to_f64(mag, &BigUint::one())?
    };
    Some(if v.sign() == Sign::Minus { -f } else { f })
}

/// `int(x)` / `math.trunc(x)` for a float: truncation toward zero, exact; `None` for
/// infinities (`OverflowError: cannot convert float infinity to integer`) and nans
/// (`ValueError: cannot convert float NaN to integer`).
pub fn float_to_bigint(x: f64) -> Option<BigInt> {
    if !x.is_finite() {
        return None;
    }
    let t = x.trunc();
    if t.abs() < 9.0e18 {
        return Some(BigInt::from(t as i64));
    }
    let (m, e) = decompose(t);
    let mag = BigUint::from(m) << (e.max(0) as u64);
    let mag = if e < 0 {
        BigUint::from(m >> ((-e) as u32))
    } else {
        mag
    };
    Some(BigInt::from_biguint(
        if t < 0.0 { Sign::Minus } else { Sign::Plus },
        mag,
    ))
}

/// `round(x)` (no `ndigits`) for a float: nearest integer, ties to even, as CPython's
/// `float.__round__(None)`. Errors: `OverflowError("cannot convert float infinity to
/// integer")` and `ValueError("cannot convert float NaN to integer")`.
pub fn float_round_to_int(x: f64) -> Result<BigInt, NumError> {
    if x.is_nan() {
        return Err(NumError::Value(
            "cannot convert float NaN to integer".into(),
        ));
    }
    if x.is_infinite() {
        return Err(NumError::Overflow(
            "cannot convert float infinity to integer".into(),
        ));
    }
    let mut r = x.round();
    if (x - r).abs() == 0.5 {
        r = 2.0 * (x / 2.0).round();
    }
    float_to_bigint(r)
        .ok_or_else(|| NumError::Overflow("cannot convert float infinity to integer".into()))
}

/// `a / b` for ints, correctly rounded like CPython's `long_true_divide` (so
/// `10**400 / 10**399 == 10.0`). Errors: `ZeroDivisionError("division by zero")` and
/// `OverflowError("integer division result too large for a float")`. A zero numerator gives
/// `-0.0` when exactly one operand is negative (`0 / -5 == -0.0`).
pub fn int_true_div(a: &BigInt, b: &BigInt) -> Result<f64, NumError> {
    if b.is_zero() {
        return Err(NumError::ZeroDivision("division by zero".into()));
    }
    let negate = (a.sign() == Sign::Minus) != (b.sign() == Sign::Minus);
    let (ma, mb) = (a.magnitude(), b.magnitude());
    let q = if ma.bits() <= 53 && mb.bits() <= 53 {
        // Both exactly representable: one IEEE division is correctly rounded.
        ma.to_u64().unwrap_or(0) as f64 / mb.to_u64().unwrap_or(1) as f64
    } else {
        ratio_to_f64(ma, mb).ok_or_else(|| {
            NumError::Overflow("integer division result too large for a float".into())
        })?
    };
    Ok(if negate { -q } else { q })
}

/// CPython's `_float_div_mod`: `(vx // wx, vx % wx)` for floats, the modulo taking the sign
/// of the divisor, zero results signed as CPython's. The caller must reject `wx == 0.0`
/// first (`ZeroDivisionError`: "float divmod()" for `divmod`, "float floor division by zero"
/// for `//`, "float modulo" for `%`).
pub fn float_floor_div_mod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx; // C fmod, exact
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

/// `vx // wx` for floats (CPython's `float_floor_div`); the caller rejects `wx == 0.0`
/// ("float floor division by zero").
pub fn float_floor_div(vx: f64, wx: f64) -> f64 {
    float_floor_div_mod(vx, wx).0
}

/// `vx % wx` for floats (CPython's `float_rem`); the caller rejects `wx == 0.0`
/// ("float modulo").
pub fn float_mod(vx: f64, wx: f64) -> f64 {
    let m = vx % wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m + wx
        } else {
            m
        }
    } else {
        0.0f64.copysign(wx)
    }
}

/// `round(x, ndigits)` for a float, CPython 3.11 exactly: correctly rounded, ties to even on
/// the exact binary value (`round(2.675, 2) == 2.67`); nan/inf and `ndigits > 323` return
/// `x`, `ndigits < -308` gives `±0.0`. Error: `OverflowError("rounded value too large to
/// represent")` (e.g. `round(1.7e308, -308)`).
pub fn round_float(x: f64, ndigits: i64) -> Result<f64, NumError> {
    if !x.is_finite() || ndigits > 323 {
        return Ok(x);
    }
    if ndigits < -308 {
        return Ok(0.0 * x);
    }
    let neg = x.is_sign_negative();
    let ax = x.abs();
    let r = if ndigits >= 0 && ax >= 4503599627370496.0 {
        // |x| >= 2**52 is an integer: exact at any ndigits >= 0.
        ax
    } else if ndigits >= 0 {
        let s = format!("{:.*}", ndigits as usize, ax);
        s.parse::<f64>().unwrap_or(ax)
    } else {
        // Round |x| to a multiple of 10**k exactly, then convert back correctly rounded.
        let k = (-ndigits) as u32;
        let (m, e) = decompose(ax);
        let p10 = BigUint::from(10u32).pow(k);
        let (num, den) = if e >= 0 {
            (BigUint::from(m) << (e as u64), p10)
        } else {
            (BigUint::from(m), p10 << ((-e) as u64))
        };
        let (mut q, r) = num.div_rem(&den);
        let twice = &r << 1u32;
        if twice > den || (twice == den && q.is_odd()) {
            q += 1u32;
        }
        let val = q * BigUint::from(10u32).pow(k);
        ratio_to_f64(&val, &BigUint::one())
            .ok_or_else(|| NumError::Overflow("rounded value too large to represent".into()))?
    };
    Ok(if neg { -r } else { r })
}
