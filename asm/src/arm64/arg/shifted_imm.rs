//! The 12-bit unsigned immediate, optionally shifted left by 12, of ADD/SUB (immediate).

/// `imm12` with the `sh` bit: encodes `imm12` or `imm12 << 12`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ShiftedImm12 {
    imm12: u16,
    lsl12: bool,
}

impl ShiftedImm12 {
    /// Encode `value` as either `imm12` or `imm12 << 12`; `None` if neither fits.
    /// Values below 4096 always use the unshifted form.
    pub const fn new(value: u64) -> Option<ShiftedImm12> {
        if value < (1 << 12) {
            Some(ShiftedImm12 {
                imm12: value as u16,
                lsl12: false,
            })
        } else if value & 0xfff == 0 && value < (1 << 24) {
            Some(ShiftedImm12 {
                imm12: (value >> 12) as u16,
                lsl12: true,
            })
        } else {
            None
        }
    }

    /// An explicit `imm12` and shift; `None` if `imm12` does not fit in 12 bits.
    pub const fn with_shift(imm12: u16, lsl12: bool) -> Option<ShiftedImm12> {
        if imm12 < (1 << 12) {
            Some(ShiftedImm12 { imm12, lsl12 })
        } else {
            None
        }
    }

    /// The 12-bit field.
    pub const fn imm12(self) -> u32 {
        self.imm12 as u32
    }

    /// The `sh` bit.
    pub const fn sh(self) -> u32 {
        self.lsl12 as u32
    }

    /// The value the immediate stands for.
    pub const fn value(self) -> u64 {
        (self.imm12 as u64) << (12 * self.lsl12 as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        assert_eq!(
            ShiftedImm12::new(0).map(|i| (i.imm12(), i.sh())),
            Some((0, 0))
        );
        assert_eq!(
            ShiftedImm12::new(4095).map(|i| (i.imm12(), i.sh())),
            Some((4095, 0))
        );
        assert_eq!(
            ShiftedImm12::new(4096).map(|i| (i.imm12(), i.sh())),
            Some((1, 1))
        );
        assert_eq!(
            ShiftedImm12::new(0xfff000).map(|i| i.value()),
            Some(0xfff000)
        );
        assert!(ShiftedImm12::new(4097).is_none());
        assert!(ShiftedImm12::new(0x1000000).is_none());
        assert!(ShiftedImm12::with_shift(4096, false).is_none());
    }
}
