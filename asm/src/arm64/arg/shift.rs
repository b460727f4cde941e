//! The shift applied to the last register operand of shifted-register instructions.

/// Shift type field (`shift`, bits 23:22) of the shifted-register encodings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Shift {
    /// Logical shift left.
    Lsl = 0b00,
    /// Logical shift right.
    Lsr = 0b01,
    /// Arithmetic shift right.
    Asr = 0b10,
    /// Rotate right (logical instructions only; reserved for ADD/SUB).
    Ror = 0b11,
}

impl Shift {
    /// The 2-bit field.
    pub const fn bits(self) -> u32 {
        self as u32
    }
}
