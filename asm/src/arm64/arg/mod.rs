//! Operand types for the AArch64 encoder: registers, widths, conditions, shifts,
//! immediates and PC-relative offsets. Every operand that can be out of range is
//! built through a checked constructor so that instruction constructors never panic.

mod bitmask_imm;
mod condition;
mod offset;
mod reg;
mod shift;
mod shifted_imm;

pub use bitmask_imm::BitmaskImm;
pub use condition::Cond;
pub use offset::{pc_rel, PcRelBits};
pub use reg::*;
pub use shift::Shift;
pub use shifted_imm::ShiftedImm12;

use std::fmt;

/// Why an instruction could not be encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EncodeError {
    /// `XZR`/`WZR` was given where the encoding means `SP` (or the instruction has no ZR form).
    ZrNotAllowed,
    /// `SP`/`WSP` was given where the encoding means the zero register.
    SpNotAllowed,
    /// An immediate, shift amount or offset does not fit its field.
    OutOfRange,
    /// An offset is not a multiple of the access or instruction size.
    Misaligned,
    /// A value has no encoding in this form (e.g. not a bitmask immediate).
    Unencodable,
    /// The operand combination is architecturally UNPREDICTABLE or reserved.
    Unpredictable,
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            EncodeError::ZrNotAllowed => "zero register not allowed here",
            EncodeError::SpNotAllowed => "stack pointer not allowed here",
            EncodeError::OutOfRange => "immediate or offset out of range",
            EncodeError::Misaligned => "offset not aligned to the access size",
            EncodeError::Unencodable => "value has no encoding in this form",
            EncodeError::Unpredictable => "operand combination is UNPREDICTABLE",
        };
        f.write_str(s)
    }
}

impl std::error::Error for EncodeError {}

/// Operand width of an integer instruction: the `sf` bit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Width {
    /// 32-bit operation on W registers (`sf = 0`).
    W32,
    /// 64-bit operation on X registers (`sf = 1`).
    X64,
}

impl Width {
    /// The `sf` bit.
    pub const fn sf(self) -> u32 {
        match self {
            Width::W32 => 0,
            Width::X64 => 1,
        }
    }

    /// Number of bits in the operation (32 or 64).
    pub const fn bits(self) -> u32 {
        match self {
            Width::W32 => 32,
            Width::X64 => 64,
        }
    }
}
