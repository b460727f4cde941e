//! PC-relative offsets of branches and literal loads.
//!
//! Offsets are given in bytes relative to the address of the instruction itself.
//! They must be multiples of 4 and fit the signed field once divided by 4.

use super::EncodeError;

/// Width of a PC-relative word-offset field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PcRelBits {
    /// `imm26` of B/BL: ±128 MiB.
    Imm26,
    /// `imm19` of B.cond, CBZ/CBNZ and LDR (literal): ±1 MiB.
    Imm19,
    /// `imm14` of TBZ/TBNZ: ±32 KiB.
    Imm14,
}

impl PcRelBits {
    /// Number of bits in the field.
    pub const fn bits(self) -> u32 {
        match self {
            PcRelBits::Imm26 => 26,
            PcRelBits::Imm19 => 19,
            PcRelBits::Imm14 => 14,
        }
    }

    /// Smallest (most negative) reachable byte offset.
    pub const fn min_bytes(self) -> i64 {
        -(1i64 << (self.bits() + 1))
    }

    /// Largest reachable byte offset.
    pub const fn max_bytes(self) -> i64 {
        (1i64 << (self.bits() + 1)) - 4
    }

    /// Does a byte offset fit (range and alignment)?
    pub const fn fits(self, bytes: i64) -> bool {
        bytes % 4 == 0 && bytes >= self.min_bytes() && bytes <= self.max_bytes()
    }
}

/// Encode a byte offset into the (unshifted, masked) field of the given width.
pub const fn pc_rel(bytes: i64, field: PcRelBits) -> Result<u32, EncodeError> {
    if bytes % 4 != 0 {
        return Err(EncodeError::Misaligned);
    }
    if bytes < field.min_bytes() || bytes > field.max_bytes() {
        return Err(EncodeError::OutOfRange);
    }
    let mask = (1u32 << field.bits()) - 1;
    Ok(((bytes >> 2) as u32) & mask)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits() {
        assert_eq!(pc_rel(-4, PcRelBits::Imm26), Ok(0x3ff_ffff));
        assert_eq!(
            pc_rel(PcRelBits::Imm26.max_bytes(), PcRelBits::Imm26),
            Ok(0x1ff_ffff)
        );
        assert_eq!(
            pc_rel(PcRelBits::Imm26.min_bytes(), PcRelBits::Imm26),
            Ok(0x200_0000)
        );
        assert_eq!(
            pc_rel(128 << 20, PcRelBits::Imm26),
            Err(EncodeError::OutOfRange)
        );
        assert_eq!(pc_rel(2, PcRelBits::Imm19), Err(EncodeError::Misaligned));
        assert_eq!(PcRelBits::Imm14.max_bytes(), 32 * 1024 - 4);
        assert_eq!(PcRelBits::Imm19.min_bytes(), -(1 << 20));
    }
}
