//! Bitmask immediates of the logical (immediate) instructions
//! (Arm ARM C3.4.2 "Logical (immediate)" and the `DecodeBitMasks()` pseudocode).
//!
//! A bitmask immediate is an *element* of 2, 4, 8, 16, 32 or 64 bits, replicated
//! to fill the register, where the element is a run of `k` ones (`1 <= k < size`)
//! rotated right by `r` (`0 <= r < size`). It is stored as three fields:
//!
//! ```text
//!   N  immr    imms
//!   1  rrrrrr  kkkkkk      64-bit element, k-1 in 6 bits
//!   0  -rrrrr  0kkkkk      32-bit element
//!   0  --rrrr  10kkkk      16-bit element
//!   0  ---rrr  110kkk      8-bit element
//!   0  ----rr  1110kk      4-bit element
//!   0  -----r  11110k      2-bit element
//! ```
//!
//! Zero and all-ones are not encodable, nor is anything that is not such a
//! replicated, rotated run. For 32-bit instructions the value must fit in 32 bits
//! and the element must be at most 32 bits wide (`N = 0`).

use super::Width;

/// An encodable bitmask immediate: the `N:immr:imms` fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BitmaskImm {
    n: u8,
    immr: u8,
    imms: u8,
}

/// Rotate the low `size` bits of `x` right by `r` (`size` in 2..=64, `r < size`).
const fn ror(x: u64, r: u32, size: u32) -> u64 {
    if r == 0 {
        return x;
    }
    let mask = if size == 64 {
        u64::MAX
    } else {
        (1u64 << size) - 1
    };
    ((x >> r) | (x << (size - r))) & mask
}

impl BitmaskImm {
    /// Find the encoding of `value` for an instruction of the given width, or
    /// `None` if the value is not a bitmask immediate.
    pub const fn new(value: u64, width: Width) -> Option<BitmaskImm> {
        let value = match width {
            Width::X64 => value,
            Width::W32 => {
                if value >> 32 != 0 {
                    return None;
                }
                // A 32-bit pattern is the 64-bit pattern with a 32-bit (or smaller) element.
                value | (value << 32)
            }
        };
        if value == 0 || value == u64::MAX {
            return None;
        }
        // Smallest element size whose replication gives `value`.
        let mut size: u32 = 64;
        while size > 2 {
            let half = size / 2;
            let mask = (1u64 << half) - 1;
            if (value & mask) != ((value >> half) & mask) {
                break;
            }
            size = half;
        }
        let mask = if size == 64 {
            u64::MAX
        } else {
            (1u64 << size) - 1
        };
        let elem = value & mask;
        let ones = elem.count_ones();
        // elem is neither 0 nor all ones within `size` since value is neither.
        let run = (1u64 << ones) - 1;
        let mut r = 0;
        while r < size {
            if ror(elem, r, size) == run {
                let immr = (size - r) % size;
                let imms = ((!(size - 1) << 1) | (ones - 1)) & 0x3f;
                let bm = BitmaskImm {
                    n: (size == 64) as u8,
                    immr: immr as u8,
                    imms: imms as u8,
                };
                if matches!(width, Width::W32) && bm.n == 1 {
                    return None;
                }
                return Some(bm);
            }
            r += 1;
        }
        None
    }

    /// Decode `N:immr:imms` fields into the value they stand for at the given width
    /// (the `DecodeBitMasks` pseudocode, `wmask` only). `None` for reserved encodings.
    pub const fn decode(n: u8, immr: u8, imms: u8, width: Width) -> Option<u64> {
        let combined = ((n as u32 & 1) << 6) | (!(imms as u32) & 0x3f);
        if combined == 0 {
            return None;
        }
        let len = 31 - combined.leading_zeros();
        if len < 1 || (matches!(width, Width::W32) && n != 0) {
            return None;
        }
        let size = 1u32 << len;
        let levels = size - 1;
        let s = imms as u32 & levels;
        let r = immr as u32 & levels;
        if s == levels {
            return None;
        }
        let welem = (1u64 << (s + 1)) - 1;
        let elem = ror(welem, r, size);
        let mut value = elem;
        let mut filled = size;
        while filled < 64 {
            value |= value << filled;
            filled *= 2;
        }
        match width {
            Width::X64 => Some(value),
            Width::W32 => Some(value & 0xffff_ffff),
        }
    }

    /// The value this immediate stands for at the given width.
    pub const fn value(self, width: Width) -> u64 {
        match Self::decode(self.n, self.immr, self.imms, width) {
            Some(v) => v,
            None => 0,
        }
    }

    /// The `N` bit.
    pub const fn n(self) -> u32 {
        self.n as u32
    }

    /// The 6-bit `immr` field.
    pub const fn immr(self) -> u32 {
        self.immr as u32
    }

    /// The 6-bit `imms` field.
    pub const fn imms(self) -> u32 {
        self.imms as u32
    }

    /// The 13 bits `N:immr:imms` as they sit at bits 22:10 of the instruction,
    /// shifted down to bit 0.
    pub const fn fields(self) -> u32 {
        (self.n() << 12) | (self.immr() << 6) | self.imms()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quickcheck::{QuickCheck, TestResult};

    fn enc(v: u64, w: Width) -> Option<(u8, u8, u8)> {
        BitmaskImm::new(v, w).map(|b| (b.n, b.immr, b.imms))
    }

    #[test]
    fn known_encodings() {
        // Field values cross-checked with aarch64-linux-gnu-as (see logical_imm tests).
        assert_eq!(enc(0xff, Width::X64), Some((1, 0, 7)));
        assert_eq!(
            enc(0x5555_5555_5555_5555, Width::X64),
            Some((0, 0, 0b111100))
        );
        assert_eq!(
            enc(0xaaaa_aaaa_aaaa_aaaa, Width::X64),
            Some((0, 1, 0b111100))
        );
        assert_eq!(enc(0xfffffffffffffffe, Width::X64), Some((1, 63, 62)));
        assert_eq!(enc(0x8000_0000_0000_0000, Width::X64), Some((1, 1, 0)));
        assert_eq!(enc(0xf0, Width::W32), Some((0, 28, 3)));
        assert_eq!(enc(0xffff_fffe, Width::W32), Some((0, 31, 30)));
    }

    #[test]
    fn rejects_unencodable() {
        for v in [
            0u64,
            u64::MAX,
            5,
            9,
            0x1234,
            0xffff_0000_0000_ffff_u64.rotate_left(3) ^ 1,
        ] {
            assert_eq!(enc(v, Width::X64), None, "{v:#x}");
        }
        assert_eq!(enc(0xffff_ffff, Width::W32), None);
        assert_eq!(enc(0, Width::W32), None);
        assert_eq!(enc(0x1_0000_0000, Width::W32), None);
        // A 64-bit element has no 32-bit encoding.
        assert_eq!(enc(0xff, Width::X64).map(|e| e.0), Some(1));
        assert_eq!(enc(0xff, Width::W32).map(|e| e.0), Some(0));
        assert_eq!(enc(0xffff_ffff, Width::X64), Some((1, 0, 31)));
    }

    /// Exhaustive: every one of the 2^13 field combinations that is not reserved
    /// decodes to a value whose encoding decodes back to the same value, at both widths.
    #[test]
    fn exhaustive_round_trip() {
        let mut values = [
            std::collections::HashSet::new(),
            std::collections::HashSet::new(),
        ];
        for (wi, w) in [Width::X64, Width::W32].into_iter().enumerate() {
            for n in 0..2u8 {
                for immr in 0..64u8 {
                    for imms in 0..64u8 {
                        if let Some(v) = BitmaskImm::decode(n, immr, imms, w) {
                            let b = BitmaskImm::new(v, w).expect("decoded value must encode");
                            assert_eq!(b.value(w), v);
                            values[wi].insert(v);
                        }
                    }
                }
            }
        }
        // 5334 distinct 64-bit bitmask immediates; 1302 of them are 32-bit patterns.
        assert_eq!([values[0].len(), values[1].len()], [5334, 1302]);
    }

    /// Random u64s: whenever an encoding is produced, it decodes to the input.
    #[test]
    fn qc_random_values_round_trip() {
        fn prop(v: u64, rot: u8, w32: bool) -> TestResult {
            let w = if w32 { Width::W32 } else { Width::X64 };
            // Mix in structured values (rotated runs) so that many inputs encode.
            let candidates = [
                v,
                (v & 0xff).rotate_right(rot as u32),
                (u64::MAX >> (rot % 64)).rotate_left(v as u32 % 64),
            ];
            for c in candidates {
                let c = if w32 { c & 0xffff_ffff } else { c };
                if let Some(b) = BitmaskImm::new(c, w) {
                    if b.value(w) != c {
                        return TestResult::failed();
                    }
                }
            }
            TestResult::passed()
        }
        QuickCheck::new()
            .tests(2000)
            .quickcheck(prop as fn(u64, u8, bool) -> TestResult);
    }
}
