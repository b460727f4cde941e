//! The interpreter's per-instruction attribute caches, which double as the
//! shape profile the JIT reads: one `u64` per pc,
//! `(shape + 1) << 32 | slot type << 24 | polymorphic << 23 | slot`
//! (0 while empty). `LoadAttr`/`StoreAttr` use the slot; `LoadMethod` only
//! records the receiver's shape. The polymorphic bit is set for good once a
//! site has seen a second shape: the JIT then does not bet on one shape
//! there (a shape guard that fails most of the time costs a test and
//! a version for nothing) and goes to its cache directly.

use crate::runtime::vtype::Type;

/// Set once the site has seen two shapes.
pub const POLYMORPHIC: u64 = 1 << 23;
/// Slots at or above this are not cached (the slow path serves them).
const SLOT_LIMIT: u32 = 1 << 23;

/// Whether entry `e` caches `shape`.
#[inline(always)]
pub fn caches(e: u64, shape: u32) -> bool {
    e >> 32 == shape as u64 + 1
}

/// The cached slot of entry `e`.
#[inline(always)]
pub fn slot(e: u64) -> usize {
    (e & (POLYMORPHIC - 1)) as usize
}

/// The type of the cached slot of entry `e` (`Type as u64`).
#[inline(always)]
pub fn slot_type(e: u64) -> u64 {
    (e >> 24) & 0xff
}

/// The polymorphic bit of `old` after the site saw `shape`.
#[inline(always)]
fn poly_after(old: u64, shape: u32) -> u64 {
    if old != 0 && !caches(old, shape) {
        POLYMORPHIC
    } else {
        old & POLYMORPHIC
    }
}

/// The entry replacing `old` for `shape` keeping attribute `slot` of type
/// `t`; None when the slot is too large to cache.
#[inline(always)]
pub fn fill(old: u64, shape: u32, slot: u32, t: Type) -> Option<u64> {
    (slot < SLOT_LIMIT)
        .then(|| (shape as u64 + 1) << 32 | (t as u64) << 24 | poly_after(old, shape) | slot as u64)
}

/// The entry after a `LoadMethod` saw a receiver of `shape`.
#[inline(always)]
pub fn note_shape(old: u64, shape: u32) -> u64 {
    if caches(old, shape) {
        old
    } else {
        (shape as u64 + 1) << 32 | poly_after(old, shape)
    }
}

/// Whether the site has seen more than one shape.
pub fn polymorphic(e: u64) -> bool {
    e & POLYMORPHIC != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_shape_makes_the_site_polymorphic_for_good() {
        let e = fill(0, 7, 3, Type::Int).unwrap();
        assert!(caches(e, 7) && !polymorphic(e));
        assert_eq!((slot(e), slot_type(e)), (3, Type::Int as u64));
        let e2 = fill(e, 7, 3, Type::Int).unwrap();
        assert!(!polymorphic(e2));
        let e3 = fill(e2, 9, 1, Type::Unknown).unwrap();
        assert!(caches(e3, 9) && polymorphic(e3) && slot(e3) == 1);
        let e4 = fill(e3, 7, 3, Type::Int).unwrap();
        assert!(polymorphic(e4));
        assert_eq!(fill(0, 1, SLOT_LIMIT, Type::Int), None);
        let m = note_shape(note_shape(0, 4), 4);
        assert!(caches(m, 4) && !polymorphic(m));
        assert!(polymorphic(note_shape(m, 5)));
    }
}
