//! Move wide (immediate) — Arm ARM C4.1, "Data Processing -- Immediate" class `movewide`.
//!
//! ```text
//!  31 30 29 28 27 26 25 24 23 22 21 20                                5 4       0
//! +--+-----+--+--+--+--+--+--+-----+-----------------------------------+---------+
//! |sf| opc | 1| 0| 0| 1| 0| 1| hw  |               imm16               |   Rd    |
//! +--+-----+--+--+--+--+--+--+-----+-----------------------------------+---------+
//! ```
//!
//! `opc`: 00 MOVN, 10 MOVZ, 11 MOVK. `hw` selects the 16-bit lane (shift `16*hw`);
//! only lanes 0 and 1 exist when `sf = 0`. `Rd` is zero-register-or-register.

use crate::arm64::arg::{EncodeError, Reg, Width};

/// A MOVZ/MOVN/MOVK.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MovWide {
    sf: u32,
    opc: u32,
    hw: u32,
    imm16: u32,
    rd: u32,
}

impl MovWide {
    fn build(w: Width, opc: u32, rd: Reg, imm16: u16, shift: u8) -> Result<Self, EncodeError> {
        if !shift.is_multiple_of(16) || shift as u32 >= w.bits() {
            return Err(EncodeError::OutOfRange);
        }
        Ok(MovWide {
            sf: w.sf(),
            opc,
            hw: shift as u32 / 16,
            imm16: imm16 as u32,
            rd: rd.zr_field()?,
        })
    }

    /// MOVZ [Arm ARM C6.2]: `rd = imm16 << shift` (shift 0, 16, 32 or 48).
    pub fn movz(w: Width, rd: Reg, imm16: u16, shift: u8) -> Result<Self, EncodeError> {
        Self::build(w, 0b10, rd, imm16, shift)
    }

    /// MOVN [Arm ARM C6.2]: `rd = !(imm16 << shift)`.
    pub fn movn(w: Width, rd: Reg, imm16: u16, shift: u8) -> Result<Self, EncodeError> {
        Self::build(w, 0b00, rd, imm16, shift)
    }

    /// MOVK [Arm ARM C6.2]: replace the 16-bit lane at `shift` with `imm16`.
    pub fn movk(w: Width, rd: Reg, imm16: u16, shift: u8) -> Result<Self, EncodeError> {
        Self::build(w, 0b11, rd, imm16, shift)
    }
}

impl From<MovWide> for u32 {
    fn from(i: MovWide) -> u32 {
        (i.sf << 31) | (i.opc << 29) | (0b100101 << 23) | (i.hw << 21) | (i.imm16 << 5) | i.rd
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arm64::arg::*;
    use crate::arm64::test_util::{check_alias, check_all, expect_decoded, gen::*, r};
    use quickcheck::QuickCheck;
    use yaxpeax_arm::armv8::a64::{Opcode, Operand};

    fn e(i: Result<MovWide, EncodeError>) -> u32 {
        i.unwrap().into()
    }

    #[test]
    fn emit() {
        use Width::*;
        check_all(&[
            (
                e(MovWide::movz(X64, X0, 0x1234, 16)),
                "8046A2D2",
                "mov x0, #0x12340000",
            ),
            (e(MovWide::movz(X64, X0, 0, 0)), "000080D2", "mov x0, #0x0"),
            (
                e(MovWide::movz(W32, X0, 0xffff, 16)),
                "E0FFBF52",
                "mov w0, #0xffff0000",
            ),
            (
                e(MovWide::movz(X64, X0, 0xffff, 48)),
                "E0FFFFD2",
                "mov x0, #0xffff000000000000",
            ),
            (
                e(MovWide::movn(X64, X0, 0, 0)),
                "00008092",
                "mov x0, #0xffffffffffffffff",
            ),
            (
                e(MovWide::movn(W32, X0, 0, 0)),
                "00008012",
                "mov w0, #0xffffffff",
            ),
            (
                e(MovWide::movn(X64, X0, 0xffff, 48)),
                "E0FFFF92",
                "mov x0, #0xffffffffffff",
            ),
            (
                e(MovWide::movn(X64, X0, 5, 32)),
                "A000C092",
                "mov x0, #0xfffffffaffffffff",
            ),
            (
                e(MovWide::movk(X64, X0, 0xffff, 48)),
                "E0FFFFF2",
                "movk x0, #0xffff, lsl #48",
            ),
            (
                e(MovWide::movk(W32, X0, 1, 16)),
                "2000A072",
                "movk w0, #0x1, lsl #16",
            ),
            (e(MovWide::movk(X64, X1, 0, 0)), "010080F2", "movk x1, #0x0"),
        ]);
        // The Arm ARM does not use the MOV alias for `MOVZ #0, lsl #16` nor for a
        // 32-bit `MOVN #0xffff`; objdump follows that, yaxpeax prints MOV anyway.
        check_alias(
            e(MovWide::movz(X64, X0, 0, 16)),
            "0000A0D2",
            "movz x0, #0x0, lsl #16",
            "mov x0, #0x0",
        );
        check_alias(
            e(MovWide::movn(W32, X0, 0xffff, 0)),
            "E0FF9F12",
            "movn w0, #0xffff",
            "mov w0, #0xffff0000",
        );
        assert_eq!(MovWide::movz(W32, X0, 1, 32), Err(EncodeError::OutOfRange));
        assert_eq!(MovWide::movz(X64, X0, 1, 8), Err(EncodeError::OutOfRange));
        assert_eq!(MovWide::movk(X64, SP, 1, 0), Err(EncodeError::SpNotAllowed));
    }

    /// Quickcheck: 3000 cases over op, width, register, every imm16 and lane.
    #[test]
    fn qc_decodes_as_intended() {
        fn prop(w: W, op: u8, rd: ZrReg, imm16: u16, lane: u8) -> bool {
            let w = w.0;
            let shift = (lane % (w.bits() as u8 / 16)) * 16;
            let (i, opc) = match op % 3 {
                0 => (MovWide::movz(w, rd.0, imm16, shift), Opcode::MOVZ),
                1 => (MovWide::movn(w, rd.0, imm16, shift), Opcode::MOVN),
                _ => (MovWide::movk(w, rd.0, imm16, shift), Opcode::MOVK),
            };
            let Ok(i) = i else { return false };
            expect_decoded(
                i.into(),
                opc,
                &[r(rd.0, w), Operand::ImmShift(imm16, shift)],
            )
        }
        QuickCheck::new()
            .tests(3000)
            .quickcheck(prop as fn(W, u8, ZrReg, u16, u8) -> bool);
    }
}
