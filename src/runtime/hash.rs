//! Python's hash function for the builtin hashable types, bit for bit where
//! CPython's is deterministic (ints, floats, bools, tuples), and key equality
//! as dicts use it (numbers compare across int/float/bool).

use super::object::Kind;
use super::value::Value;
use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

/// The modulus of CPython's numeric hash: 2**61 - 1.
const MODULUS: u64 = (1 << 61) - 1;
const INF_HASH: i64 = 314_159;

fn fix_minus_one(h: i64) -> i64 {
    if h == -1 {
        -2
    } else {
        h
    }
}

/// hash() of a machine int.
pub fn hash_i64(i: i64) -> i64 {
    let m = (i.unsigned_abs() % MODULUS) as i64;
    fix_minus_one(if i < 0 { -m } else { m })
}

/// hash() of a big int.
pub fn hash_bigint(b: &BigInt) -> i64 {
    let m = (b.magnitude() % MODULUS).to_u64().unwrap_or(0) as i64;
    fix_minus_one(if b.sign() == Sign::Minus { -m } else { m })
}

/// hash() of a float (`_Py_HashDouble`); NaN hashes by identity in CPython,
/// here by its bits, which only matters for where it lands in a table.
pub fn hash_f64(x: f64) -> i64 {
    if x.is_nan() {
        return 0;
    }
    if x.is_infinite() {
        return if x > 0.0 { INF_HASH } else { -INF_HASH };
    }
    let (mut m, mut e) = frexp(x.abs());
    let mut h: u64 = 0;
    while m != 0.0 {
        h = ((h << 28) & MODULUS) | (h >> (61 - 28));
        m *= 268_435_456.0; // 2**28
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        h += y;
        if h >= MODULUS {
            h -= MODULUS;
        }
    }
    let e = if e >= 0 {
        e % 61
    } else {
        61 - 1 - ((-1 - e) % 61)
    };
    h = ((h << e) & MODULUS) | (h >> (61 - e));
    let h = h as i64;
    fix_minus_one(if x < 0.0 { -h } else { h })
}

/// `frexp`: x = m * 2**e with 0.5 <= m < 1 (x > 0 finite).
fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 {
        return (0.0, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale up first.
        let (m, e) = frexp(x * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

/// CPython's tuple hash (xxHash-based) over the items' hashes.
pub fn hash_tuple(items: impl ExactSizeIterator<Item = i64>) -> i64 {
    const P1: u64 = 11_400_714_785_074_694_791;
    const P2: u64 = 14_029_467_366_897_019_727;
    const P5: u64 = 2_870_177_450_012_600_261;
    let len = items.len() as u64;
    let mut acc = P5;
    for lane in items {
        acc = acc.wrapping_add((lane as u64).wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add(len ^ (P5 ^ 3_527_539));
    if acc == u64::MAX {
        return 1_546_275_796;
    }
    acc as i64
}

/// FNV-1a over the bytes (str hashes are randomised in CPython, so any
/// well-mixed function will do).
pub fn hash_str(s: &str) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    fix_minus_one((h >> 1) as i64)
}

/// The hash of a value whose hash needs no Python code, or `Err(type name)`
/// when the type is unhashable. Instances hash by identity.
pub fn hash_value(v: Value) -> Result<i64, &'static str> {
    if let Some(i) = v.as_small() {
        return Ok(hash_i64(i));
    }
    if let Some(f) = v.as_float() {
        return Ok(hash_f64(f));
    }
    if v.is_bool() {
        return Ok((v.0 & 1) as i64);
    }
    match v.kind() {
        None => Ok((v.0 >> 3) as i64 & 0x7fff_ffff),
        Some(Kind::Str) => Ok(hash_str(v.as_str().unwrap_or(""))),
        Some(Kind::BigInt) => Ok(hash_bigint(v.as_bigint().expect("bigint"))),
        Some(Kind::Tuple) => {
            let t = v.as_tuple().expect("tuple");
            let mut hs = Vec::with_capacity(t.items.len());
            for &x in t.items.iter() {
                hs.push(hash_value(x)?);
            }
            Ok(hash_tuple(hs.into_iter()))
        }
        Some(Kind::List) => Err("list"),
        Some(Kind::Dict) => Err("dict"),
        Some(Kind::Slice) => Err("slice"),
        Some(_) => Ok(fix_minus_one(((v.0 & 0xffff_ffff_ffff) >> 4) as i64)),
    }
}

/// A number as a comparable value, for cross-type key equality.
enum Num<'a> {
    Small(i64),
    Big(&'a BigInt),
    Float(f64),
}

fn as_num(v: &Value) -> Option<Num<'static>> {
    if let Some(i) = v.as_small() {
        Some(Num::Small(i))
    } else if let Some(f) = v.as_float() {
        Some(Num::Float(f))
    } else if v.is_bool() {
        Some(Num::Small((v.0 & 1) as i64))
    } else {
        v.as_bigint().map(Num::Big)
    }
}

fn num_eq(a: Num<'_>, b: Num<'_>) -> bool {
    use num_traits::FromPrimitive;
    match (a, b) {
        (Num::Small(x), Num::Small(y)) => x == y,
        (Num::Float(x), Num::Float(y)) => x == y,
        (Num::Small(x), Num::Float(y)) | (Num::Float(y), Num::Small(x)) => {
            y.fract() == 0.0 && y.abs() < 9.3e18 && (y as i128) == x as i128
        }
        (Num::Big(x), Num::Big(y)) => x == y,
        (Num::Big(_), Num::Small(_)) | (Num::Small(_), Num::Big(_)) => false,
        (Num::Big(x), Num::Float(y)) | (Num::Float(y), Num::Big(x)) => {
            y.is_finite() && y.fract() == 0.0 && BigInt::from_f64(y).as_ref() == Some(x)
        }
    }
}

/// Key equality for dicts: identity, then value equality for the builtin
/// immutable types. Instances compare by identity.
pub fn keys_equal(a: Value, b: Value) -> bool {
    if a == b {
        return true;
    }
    if let (Some(x), Some(y)) = (as_num(&a), as_num(&b)) {
        return num_eq(x, y);
    }
    match (a.kind(), b.kind()) {
        (Some(Kind::Str), Some(Kind::Str)) => a.as_str() == b.as_str(),
        (Some(Kind::Tuple), Some(Kind::Tuple)) => {
            let (x, y) = (a.as_tuple().expect("tuple"), b.as_tuple().expect("tuple"));
            x.items.len() == y.items.len()
                && x.items
                    .iter()
                    .zip(y.items.iter())
                    .all(|(p, q)| keys_equal(*p, *q))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values printed by CPython 3.11: hash(x) for each x.
    #[test]
    fn numeric_hashes_match_cpython() {
        assert_eq!(hash_i64(-1), -2);
        assert_eq!(hash_i64(2305843009213693951), 0);
        assert_eq!(hash_i64(2305843009213693952), 1);
        assert_eq!(hash_f64(1.5), 1152921504606846977);
        assert_eq!(hash_f64(0.1), 230584300921369408);
        assert_eq!(hash_f64(-2.5), -1152921504606846978);
        assert_eq!(hash_f64(1e100), 1822893315824342674);
        assert_eq!(hash_f64(3.0), 3);
        assert_eq!(hash_f64(f64::INFINITY), 314159);
    }

    #[test]
    fn tuple_hash_matches_cpython() {
        // hash((1, 2)) and hash(()) in CPython 3.11.
        assert_eq!(hash_tuple([1i64, 2].into_iter()), -3550055125485641917);
        assert_eq!(hash_tuple(std::iter::empty()), 5740354900026072187);
    }
}
