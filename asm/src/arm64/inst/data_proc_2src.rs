//! Data-processing (2 source) — Arm ARM C4.1, "Data Processing -- Register" class `dp_2src`.
//!
//! ```text
//!  31 30 29 28 27 26 25 24 23 22 21 20      16 15          10 9       5 4       0
//! +--+--+--+--+--+--+--+--+--+--+--+----------+--------------+---------+---------+
//! |sf| 0| 0| 1| 1| 0| 1| 0| 1| 1| 0|    Rm    |    opcode    |   Rn    |   Rd    |
//! +--+--+--+--+--+--+--+--+--+--+--+----------+--------------+---------+---------+
//! ```
//!
//! `opcode`: 000010 UDIV, 000011 SDIV, 001000 LSLV, 001001 LSRV, 001010 ASRV,
//! 001011 RORV. All registers are zero-register-or-register.

use crate::arm64::arg::{EncodeError, Reg, Width};

/// A shift-by-register or divide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DataProc2Src {
    sf: u32,
    rm: u32,
    opcode: u32,
    rn: u32,
    rd: u32,
}

impl DataProc2Src {
    fn build(w: Width, opcode: u32, rd: Reg, rn: Reg, rm: Reg) -> Result<Self, EncodeError> {
        Ok(DataProc2Src {
            sf: w.sf(),
            rm: rm.zr_field()?,
            opcode,
            rn: rn.zr_field()?,
            rd: rd.zr_field()?,
        })
    }

    /// LSLV [Arm ARM C6.2] (preferred disassembly `LSL (register)`): `rd = rn << (rm mod width)`.
    pub fn lslv(w: Width, rd: Reg, rn: Reg, rm: Reg) -> Result<Self, EncodeError> {
        Self::build(w, 0b001000, rd, rn, rm)
    }

    /// LSRV [Arm ARM C6.2] (`LSR (register)`): logical shift right by register.
    pub fn lsrv(w: Width, rd: Reg, rn: Reg, rm: Reg) -> Result<Self, EncodeError> {
        Self::build(w, 0b001001, rd, rn, rm)
    }

    /// ASRV [Arm ARM C6.2] (`ASR (register)`): arithmetic shift right by register.
    pub fn asrv(w: Width, rd: Reg, rn: Reg, rm: Reg) -> Result<Self, EncodeError> {
        Self::build(w, 0b001010, rd, rn, rm)
    }

    /// RORV [Arm ARM C6.2] (`ROR (register)`): rotate right by register.
    pub fn rorv(w: Width, rd: Reg, rn: Reg, rm: Reg) -> Result<Self, EncodeError> {
        Self::build(w, 0b001011, rd, rn, rm)
    }

    /// SDIV [Arm ARM C6.2]: signed divide, rounding toward zero; `x / 0 = 0`.
    pub fn sdiv(w: Width, rd: Reg, rn: Reg, rm: Reg) -> Result<Self, EncodeError> {
        Self::build(w, 0b000011, rd, rn, rm)
    }

    /// UDIV [Arm ARM C6.2]: unsigned divide.
    pub fn udiv(w: Width, rd: Reg, rn: Reg, rm: Reg) -> Result<Self, EncodeError> {
        Self::build(w, 0b000010, rd, rn, rm)
    }
}

impl From<DataProc2Src> for u32 {
    fn from(i: DataProc2Src) -> u32 {
        (i.sf << 31) | (0b0011010110 << 21) | (i.rm << 16) | (i.opcode << 10) | (i.rn << 5) | i.rd
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arm64::arg::*;
    use crate::arm64::test_util::{check_all, expect_decoded, gen::*, r};
    use quickcheck::QuickCheck;

    type Ctor = fn(Width, Reg, Reg, Reg) -> Result<DataProc2Src, EncodeError>;
    use yaxpeax_arm::armv8::a64::Opcode;

    fn e(i: Result<DataProc2Src, EncodeError>) -> u32 {
        i.unwrap().into()
    }

    #[test]
    fn emit() {
        use Width::*;
        check_all(&[
            (
                e(DataProc2Src::lslv(X64, X0, X1, X2)),
                "2020C29A",
                "lsl x0, x1, x2",
            ),
            (
                e(DataProc2Src::lslv(W32, X0, X1, X2)),
                "2020C21A",
                "lsl w0, w1, w2",
            ),
            (
                e(DataProc2Src::lsrv(X64, X0, X1, X2)),
                "2024C29A",
                "lsr x0, x1, x2",
            ),
            (
                e(DataProc2Src::asrv(W32, X3, X4, X5)),
                "8328C51A",
                "asr w3, w4, w5",
            ),
            (
                e(DataProc2Src::asrv(X64, X0, X1, X30)),
                "2028DE9A",
                "asr x0, x1, x30",
            ),
            (
                e(DataProc2Src::sdiv(X64, X0, X1, X2)),
                "200CC29A",
                "sdiv x0, x1, x2",
            ),
            (
                e(DataProc2Src::udiv(W32, X0, X1, X2)),
                "2008C21A",
                "udiv w0, w1, w2",
            ),
        ]);
        assert_eq!(
            DataProc2Src::lslv(X64, SP, X1, X2),
            Err(EncodeError::SpNotAllowed)
        );
    }

    /// Quickcheck: 1000 cases over op, width and registers.
    #[test]
    fn qc_decodes_as_intended() {
        fn prop(w: W, op: u8, rd: ZrReg, rn: ZrReg, rm: ZrReg) -> bool {
            let w = w.0;
            let (f, opc): (Ctor, Opcode) = match op % 6 {
                0 => (DataProc2Src::lslv, Opcode::LSLV),
                1 => (DataProc2Src::lsrv, Opcode::LSRV),
                2 => (DataProc2Src::asrv, Opcode::ASRV),
                3 => (DataProc2Src::rorv, Opcode::RORV),
                4 => (DataProc2Src::sdiv, Opcode::SDIV),
                _ => (DataProc2Src::udiv, Opcode::UDIV),
            };
            let Ok(i) = f(w, rd.0, rn.0, rm.0) else {
                return false;
            };
            expect_decoded(i.into(), opc, &[r(rd.0, w), r(rn.0, w), r(rm.0, w)])
        }
        QuickCheck::new()
            .tests(1000)
            .quickcheck(prop as fn(W, u8, ZrReg, ZrReg, ZrReg) -> bool);
    }
}
