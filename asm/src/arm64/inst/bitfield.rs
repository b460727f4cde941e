//! Bitfield — Arm ARM C4.1, "Data Processing -- Immediate" class `bitfield`.
//!
//! ```text
//!  31 30 29 28 27 26 25 24 23 22 21         16 15         10 9       5 4       0
//! +--+-----+--+--+--+--+--+--+--+-------------+-------------+---------+---------+
//! |sf| opc | 1| 0| 0| 1| 1| 0| N|    immr     |    imms     |   Rn    |   Rd    |
//! +--+-----+--+--+--+--+--+--+--+-------------+-------------+---------+---------+
//! ```
//!
//! `opc`: 00 SBFM, 01 BFM, 10 UBFM; `N` must equal `sf`; `immr`, `imms` below the
//! width. Shifts by an immediate are aliases: `LSL #s` = `UBFM immr=(-s mod w),
//! imms=w-1-s`, `LSR #s` = `UBFM immr=s, imms=w-1`, `ASR #s` = `SBFM immr=s, imms=w-1`.

use crate::arm64::arg::{EncodeError, Reg, Width};

/// An SBFM/UBFM and its shift and extend aliases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bitfield {
    sf: u32,
    opc: u32,
    immr: u32,
    imms: u32,
    rn: u32,
    rd: u32,
}

impl Bitfield {
    fn build(
        w: Width,
        opc: u32,
        rd: Reg,
        rn: Reg,
        immr: u8,
        imms: u8,
    ) -> Result<Self, EncodeError> {
        if immr as u32 >= w.bits() || imms as u32 >= w.bits() {
            return Err(EncodeError::OutOfRange);
        }
        Ok(Bitfield {
            sf: w.sf(),
            opc,
            immr: immr as u32,
            imms: imms as u32,
            rn: rn.zr_field()?,
            rd: rd.zr_field()?,
        })
    }

    /// SBFM [Arm ARM C6.2]: signed bitfield move.
    pub fn sbfm(w: Width, rd: Reg, rn: Reg, immr: u8, imms: u8) -> Result<Self, EncodeError> {
        Self::build(w, 0b00, rd, rn, immr, imms)
    }

    /// UBFM [Arm ARM C6.2]: unsigned bitfield move.
    pub fn ubfm(w: Width, rd: Reg, rn: Reg, immr: u8, imms: u8) -> Result<Self, EncodeError> {
        Self::build(w, 0b10, rd, rn, immr, imms)
    }

    /// LSL (immediate) [Arm ARM C6.2], alias of UBFM: `rd = rn << shift`, `shift < width`.
    pub fn lsl(w: Width, rd: Reg, rn: Reg, shift: u8) -> Result<Self, EncodeError> {
        let bits = w.bits() as u8;
        if shift >= bits {
            return Err(EncodeError::OutOfRange);
        }
        Self::ubfm(w, rd, rn, (bits - shift) % bits, bits - 1 - shift)
    }

    /// LSR (immediate) [Arm ARM C6.2], alias of UBFM: logical shift right, `shift < width`.
    pub fn lsr(w: Width, rd: Reg, rn: Reg, shift: u8) -> Result<Self, EncodeError> {
        Self::ubfm(w, rd, rn, shift, w.bits() as u8 - 1)
    }

    /// ASR (immediate) [Arm ARM C6.2], alias of SBFM: arithmetic shift right, `shift < width`.
    pub fn asr(w: Width, rd: Reg, rn: Reg, shift: u8) -> Result<Self, EncodeError> {
        Self::sbfm(w, rd, rn, shift, w.bits() as u8 - 1)
    }

    /// SXTW [Arm ARM C6.2], alias of `SBFM Xd, Xn, #0, #31`: sign-extend a word.
    pub fn sxtw(rd: Reg, rn: Reg) -> Result<Self, EncodeError> {
        Self::sbfm(Width::X64, rd, rn, 0, 31)
    }
}

impl From<Bitfield> for u32 {
    fn from(i: Bitfield) -> u32 {
        (i.sf << 31)
            | (i.opc << 29)
            | (0b100110 << 23)
            | (i.sf << 22)
            | (i.immr << 16)
            | (i.imms << 10)
            | (i.rn << 5)
            | i.rd
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arm64::arg::*;
    use crate::arm64::test_util::{check_all, expect_decoded, gen::*, r};
    use quickcheck::QuickCheck;
    use yaxpeax_arm::armv8::a64::{Opcode, Operand};

    fn e(i: Result<Bitfield, EncodeError>) -> u32 {
        i.unwrap().into()
    }

    #[test]
    fn emit() {
        use Width::*;
        check_all(&[
            (
                e(Bitfield::lsl(X64, X0, X1, 3)),
                "20F07DD3",
                "lsl x0, x1, #3",
            ),
            // LSL #0 is the same word as LSR #0; both disassemblers print `lsr`.
            (
                e(Bitfield::lsl(X64, X0, X1, 0)),
                "20FC40D3",
                "lsr x0, x1, #0",
            ),
            (
                e(Bitfield::lsl(X64, X0, X1, 63)),
                "200041D3",
                "lsl x0, x1, #63",
            ),
            (
                e(Bitfield::lsl(W32, X0, X1, 31)),
                "20000153",
                "lsl w0, w1, #31",
            ),
            (
                e(Bitfield::lsr(X64, X0, X1, 3)),
                "20FC43D3",
                "lsr x0, x1, #3",
            ),
            (
                e(Bitfield::lsr(W32, X0, X1, 31)),
                "207C1F53",
                "lsr w0, w1, #31",
            ),
            (
                e(Bitfield::asr(X64, X0, X1, 63)),
                "20FC7F93",
                "asr x0, x1, #63",
            ),
            (
                e(Bitfield::asr(W32, X0, X1, 3)),
                "207C0313",
                "asr w0, w1, #3",
            ),
            (
                e(Bitfield::asr(W32, X0, X1, 0)),
                "207C0013",
                "asr w0, w1, #0",
            ),
            (
                e(Bitfield::ubfm(X64, X0, X1, 4, 8)),
                "202044D3",
                "ubfx x0, x1, #4, #5",
            ),
            (e(Bitfield::sxtw(X0, X1)), "207C4093", "sxtw x0, w1"),
            (
                e(Bitfield::ubfm(W32, X0, X1, 0, 7)),
                "201C0053",
                "uxtb w0, w1",
            ),
        ]);
        assert_eq!(Bitfield::lsl(X64, X0, X1, 64), Err(EncodeError::OutOfRange));
        assert_eq!(Bitfield::lsr(W32, X0, X1, 32), Err(EncodeError::OutOfRange));
        assert_eq!(
            Bitfield::asr(X64, SP, X1, 1),
            Err(EncodeError::SpNotAllowed)
        );
    }

    /// Quickcheck: 2000 cases; every shift amount of LSL/LSR/ASR at both widths,
    /// checked on the decoded UBFM/SBFM fields.
    #[test]
    fn qc_shift_aliases() {
        fn prop(w: W, op: u8, rd: ZrReg, rn: ZrReg, shift: u8) -> bool {
            let w = w.0;
            let bits = w.bits() as u8;
            let shift = shift % bits;
            let (i, opc, immr, imms) = match op % 3 {
                0 => (
                    Bitfield::lsl(w, rd.0, rn.0, shift),
                    Opcode::UBFM,
                    (bits - shift) % bits,
                    bits - 1 - shift,
                ),
                1 => (
                    Bitfield::lsr(w, rd.0, rn.0, shift),
                    Opcode::UBFM,
                    shift,
                    bits - 1,
                ),
                _ => (
                    Bitfield::asr(w, rd.0, rn.0, shift),
                    Opcode::SBFM,
                    shift,
                    bits - 1,
                ),
            };
            let Ok(i) = i else { return false };
            expect_decoded(
                i.into(),
                opc,
                &[
                    r(rd.0, w),
                    r(rn.0, w),
                    Operand::Immediate(immr as u32),
                    Operand::Immediate(imms as u32),
                ],
            )
        }
        QuickCheck::new()
            .tests(2000)
            .quickcheck(prop as fn(W, u8, ZrReg, ZrReg, u8) -> bool);
    }
}
