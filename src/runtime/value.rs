//! The one-word value: NaN-boxing.
//!
//! Every Python value is a `u64`. Floats are stored as their IEEE bits, and
//! everything else lives in the negative quiet-NaN space above `0xFFF8_...`,
//! which no float arithmetic produces (x86-64 and AArch64 both return the
//! canonical NaN `0x7FF8_...` or `0xFFF8_...` for invalid operations, and NaN
//! payloads only propagate from existing NaNs, all of which are floats).
//!
//! ```text
//! 0x0000_..._0000 .. 0xFFF8_FFFF_FFFF_FFFF  float (its own bits)
//! 0xFFF9_xxxx_xxxx_xxxx                     int, 48-bit two's complement payload
//! 0xFFFA_0000_0000_000p                     specials: None (0), NULL/unbound (1)
//! 0xFFFB_0000_0000_000b                     bool, payload 0 or 1
//! 0xFFFC_pppp_pppp_pppp                     pointer to a heap object (48 bits)
//! ```
//!
//! So an int test is `v >> 48 == 0xFFF9`, a float test is `v < 0xFFF9 << 48`,
//! and int arithmetic can shift both payloads left by 16, operate with the
//! machine's overflow flag, and shift back: no allocation on the fast path.

use super::object::ObjHeader;

/// Smallest int stored unboxed.
pub const SMALL_MIN: i64 = -(1 << 47);
/// Largest int stored unboxed.
pub const SMALL_MAX: i64 = (1 << 47) - 1;

pub const TAG_SHIFT: u32 = 48;
pub const TAG_INT: u64 = 0xFFF9;
pub const TAG_SPECIAL: u64 = 0xFFFA;
pub const TAG_BOOL: u64 = 0xFFFB;
pub const TAG_PTR: u64 = 0xFFFC;
/// Values below this bound are floats.
pub const FLOAT_LIMIT: u64 = TAG_INT << TAG_SHIFT;
const PAYLOAD_MASK: u64 = (1 << TAG_SHIFT) - 1;

/// A Python value in one machine word.
#[derive(Copy, Clone, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct Value(pub u64);

impl Value {
    pub const NONE: Value = Value(TAG_SPECIAL << TAG_SHIFT);
    /// The "no value" marker: an unbound local, an empty cell, the NULL that
    /// `LoadMethod` pushes. Never visible to Python code.
    pub const NULL: Value = Value((TAG_SPECIAL << TAG_SHIFT) | 1);
    pub const FALSE: Value = Value(TAG_BOOL << TAG_SHIFT);
    pub const TRUE: Value = Value((TAG_BOOL << TAG_SHIFT) | 1);

    #[inline(always)]
    pub fn tag(self) -> u64 {
        self.0 >> TAG_SHIFT
    }

    /// An int that fits the unboxed range (caller checks; see `fits_small`).
    #[inline(always)]
    pub fn from_small(i: i64) -> Value {
        debug_assert!(fits_small(i));
        Value((TAG_INT << TAG_SHIFT) | (i as u64 & PAYLOAD_MASK))
    }

    #[inline(always)]
    pub fn is_small_int(self) -> bool {
        self.tag() == TAG_INT
    }

    /// The payload of a small int (caller checks the tag).
    #[inline(always)]
    pub fn small(self) -> i64 {
        ((self.0 << 16) as i64) >> 16
    }

    #[inline(always)]
    pub fn as_small(self) -> Option<i64> {
        if self.is_small_int() {
            Some(self.small())
        } else {
            None
        }
    }

    #[inline(always)]
    pub fn from_float(f: f64) -> Value {
        let bits = f.to_bits();
        if bits >= FLOAT_LIMIT {
            // A NaN with a payload in our tag space: use the canonical NaN.
            Value(f64::NAN.to_bits())
        } else {
            Value(bits)
        }
    }

    #[inline(always)]
    pub fn is_float(self) -> bool {
        self.0 < FLOAT_LIMIT
    }

    #[inline(always)]
    pub fn float(self) -> f64 {
        f64::from_bits(self.0)
    }

    #[inline(always)]
    pub fn as_float(self) -> Option<f64> {
        if self.is_float() {
            Some(self.float())
        } else {
            None
        }
    }

    #[inline(always)]
    pub fn from_bool(b: bool) -> Value {
        if b {
            Value::TRUE
        } else {
            Value::FALSE
        }
    }

    #[inline(always)]
    pub fn is_bool(self) -> bool {
        self.tag() == TAG_BOOL
    }

    #[inline(always)]
    pub fn is_none(self) -> bool {
        self == Value::NONE
    }

    #[inline(always)]
    pub fn is_null(self) -> bool {
        self == Value::NULL
    }

    #[inline(always)]
    pub fn is_ptr(self) -> bool {
        self.tag() == TAG_PTR
    }

    /// Wraps a heap object pointer.
    #[inline(always)]
    pub fn from_ptr(p: *const ObjHeader) -> Value {
        let a = p as u64;
        debug_assert!(a & !PAYLOAD_MASK == 0, "heap pointer above 48 bits");
        Value((TAG_PTR << TAG_SHIFT) | a)
    }

    /// The heap pointer (caller checks `is_ptr`).
    #[inline(always)]
    pub fn ptr(self) -> *mut ObjHeader {
        (self.0 & PAYLOAD_MASK) as *mut ObjHeader
    }

    #[inline(always)]
    pub fn as_ptr(self) -> Option<*mut ObjHeader> {
        if self.is_ptr() {
            Some(self.ptr())
        } else {
            None
        }
    }
}

/// True if `i` can be stored unboxed.
#[inline(always)]
pub fn fits_small(i: i64) -> bool {
    (SMALL_MIN..=SMALL_MAX).contains(&i)
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_float() {
            write!(f, "Float({})", self.float())
        } else if self.is_small_int() {
            write!(f, "Int({})", self.small())
        } else if self.is_bool() {
            write!(f, "Bool({})", self.0 & 1 == 1)
        } else if self.is_none() {
            write!(f, "None")
        } else if self.is_null() {
            write!(f, "NULL")
        } else if self.is_ptr() {
            write!(f, "Ptr({:#x})", self.0 & PAYLOAD_MASK)
        } else {
            write!(f, "Value({:#x})", self.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_ints_round_trip() {
        for i in [0, 1, -1, 42, SMALL_MAX, SMALL_MIN, 1 << 40, -(1 << 40)] {
            let v = Value::from_small(i);
            assert!(v.is_small_int() && !v.is_float() && !v.is_ptr());
            assert_eq!(v.small(), i);
        }
        assert!(!fits_small(SMALL_MAX + 1));
        assert!(!fits_small(SMALL_MIN - 1));
    }

    #[test]
    fn floats_round_trip_and_nans_stay_floats() {
        for f in [
            0.0,
            -0.0,
            1.5,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MIN_POSITIVE,
            f64::MAX,
        ] {
            let v = Value::from_float(f);
            assert!(v.is_float());
            assert_eq!(v.float().to_bits(), f.to_bits());
        }
        let nan = Value::from_float(f64::NAN);
        assert!(nan.is_float() && nan.float().is_nan());
        // The NaN that x86 produces for 0.0/0.0 has the sign bit set.
        let x86_nan = Value::from_float(f64::from_bits(0xFFF8_0000_0000_0000));
        assert!(x86_nan.is_float() && x86_nan.float().is_nan());
        // A NaN whose bits fall in the tag space is canonicalised.
        let odd = Value::from_float(f64::from_bits(0xFFFC_0000_0000_0001));
        assert!(odd.is_float() && odd.float().is_nan());
    }

    #[test]
    fn specials_are_distinct() {
        let all = [
            Value::NONE,
            Value::NULL,
            Value::TRUE,
            Value::FALSE,
            Value::from_small(0),
        ];
        for (i, a) in all.iter().enumerate() {
            for (j, b) in all.iter().enumerate() {
                assert_eq!(i == j, a == b);
            }
            assert!(!a.is_float() && !a.is_ptr());
        }
        assert!(Value::TRUE.is_bool() && Value::FALSE.is_bool());
    }

    #[test]
    fn shifted_add_detects_overflow_like_the_jit() {
        // The JIT adds payloads shifted left by 16 and checks the CPU's
        // overflow flag; check that this matches the unboxed range exactly.
        let add = |a: i64, b: i64| (a << 16).checked_add(b << 16).map(|s| s >> 16);
        assert_eq!(add(SMALL_MAX, 0), Some(SMALL_MAX));
        assert_eq!(add(SMALL_MAX, 1), None);
        assert_eq!(add(SMALL_MIN, -1), None);
        assert_eq!(add(SMALL_MIN, 0), Some(SMALL_MIN));
    }
}
