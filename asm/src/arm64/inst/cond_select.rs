//! Conditional select — Arm ARM C4.1, "Data Processing -- Register" class `condsel`.
//!
//! ```text
//!  31 30 29 28 27 26 25 24 23 22 21 20      16 15    12 11 10 9       5 4       0
//! +--+--+--+--+--+--+--+--+--+--+--+----------+--------+-----+---------+---------+
//! |sf|op| 0| 1| 1| 0| 1| 0| 1| 0| 0|    Rm    |  cond  | op2 |   Rn    |   Rd    |
//! +--+--+--+--+--+--+--+--+--+--+--+----------+--------+-----+---------+---------+
//! ```
//!
//! `op:op2`: 0:00 CSEL, 0:01 CSINC, 1:00 CSINV, 1:01 CSNEG. All registers are
//! zero-register-or-register.

use crate::arm64::arg::{Cond, EncodeError, Reg, Width};

/// A CSEL/CSINC/CSINV/CSNEG and the CSET alias.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CondSelect {
    sf: u32,
    op: u32,
    op2: u32,
    rm: u32,
    cond: Cond,
    rn: u32,
    rd: u32,
}

impl CondSelect {
    #[allow(clippy::too_many_arguments)]
    fn build(
        w: Width,
        op: u32,
        op2: u32,
        rd: Reg,
        rn: Reg,
        rm: Reg,
        cond: Cond,
    ) -> Result<Self, EncodeError> {
        Ok(CondSelect {
            sf: w.sf(),
            op,
            op2,
            rm: rm.zr_field()?,
            cond,
            rn: rn.zr_field()?,
            rd: rd.zr_field()?,
        })
    }

    /// CSEL [Arm ARM C6.2]: `rd = cond ? rn : rm`.
    pub fn csel(w: Width, rd: Reg, rn: Reg, rm: Reg, cond: Cond) -> Result<Self, EncodeError> {
        Self::build(w, 0, 0b00, rd, rn, rm, cond)
    }

    /// CSINC [Arm ARM C6.2]: `rd = cond ? rn : rm + 1`.
    pub fn csinc(w: Width, rd: Reg, rn: Reg, rm: Reg, cond: Cond) -> Result<Self, EncodeError> {
        Self::build(w, 0, 0b01, rd, rn, rm, cond)
    }

    /// CSINV [Arm ARM C6.2]: `rd = cond ? rn : !rm`.
    pub fn csinv(w: Width, rd: Reg, rn: Reg, rm: Reg, cond: Cond) -> Result<Self, EncodeError> {
        Self::build(w, 1, 0b00, rd, rn, rm, cond)
    }

    /// CSNEG [Arm ARM C6.2]: `rd = cond ? rn : -rm`.
    pub fn csneg(w: Width, rd: Reg, rn: Reg, rm: Reg, cond: Cond) -> Result<Self, EncodeError> {
        Self::build(w, 1, 0b01, rd, rn, rm, cond)
    }

    /// CSET [Arm ARM C6.2], alias of `CSINC rd, ZR, ZR, invert(cond)`: `rd = cond ? 1 : 0`.
    /// `AL`/`NV` cannot be inverted and are rejected.
    pub fn cset(w: Width, rd: Reg, cond: Cond) -> Result<Self, EncodeError> {
        let inv = cond.invert().ok_or(EncodeError::Unencodable)?;
        Self::csinc(w, rd, Reg::ZR, Reg::ZR, inv)
    }
}

impl From<CondSelect> for u32 {
    fn from(i: CondSelect) -> u32 {
        (i.sf << 31)
            | (i.op << 30)
            | (0b11010100 << 21)
            | (i.rm << 16)
            | (i.cond.bits() << 12)
            | (i.op2 << 10)
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

    type Ctor = fn(Width, Reg, Reg, Reg, Cond) -> Result<CondSelect, EncodeError>;
    use yaxpeax_arm::armv8::a64::{Opcode, Operand};

    fn e(i: Result<CondSelect, EncodeError>) -> u32 {
        i.unwrap().into()
    }

    #[test]
    fn emit() {
        use Cond::*;
        use Width::*;
        check_all(&[
            (
                e(CondSelect::csel(X64, X0, X1, X2, Eq)),
                "2000829A",
                "csel x0, x1, x2, eq",
            ),
            (
                e(CondSelect::csel(W32, X0, X1, X2, Lt)),
                "20B0821A",
                "csel w0, w1, w2, lt",
            ),
            (
                e(CondSelect::csel(X64, X0, XZR, X2, Al)),
                "E0E3829A",
                "csel x0, xzr, x2, al",
            ),
            (
                e(CondSelect::csinc(X64, X0, X1, X2, Ne)),
                "2014829A",
                "csinc x0, x1, x2, ne",
            ),
            (
                e(CondSelect::csinc(X64, X0, X1, X1, Ne)),
                "2014819A",
                "cinc x0, x1, eq",
            ),
            (
                e(CondSelect::csinc(W32, X3, XZR, XZR, Ge)),
                "E3A79F1A",
                "cset w3, lt",
            ),
            (e(CondSelect::cset(X64, X0, Lt)), "E0A79F9A", "cset x0, lt"),
            (e(CondSelect::cset(W32, X0, Eq)), "E0179F1A", "cset w0, eq"),
            (
                e(CondSelect::csinv(X64, X0, X1, X2, Hi)),
                "208082DA",
                "csinv x0, x1, x2, hi",
            ),
            (
                e(CondSelect::csneg(X64, X0, X1, X2, Le)),
                "20D482DA",
                "csneg x0, x1, x2, le",
            ),
        ]);
        assert_eq!(CondSelect::cset(X64, X0, Al), Err(EncodeError::Unencodable));
        assert_eq!(
            CondSelect::csel(X64, SP, X1, X2, Eq),
            Err(EncodeError::SpNotAllowed)
        );
    }

    /// Quickcheck: 3000 cases over op, width, registers and all 16 conditions, plus
    /// CSET for every invertible condition.
    #[test]
    fn qc_decodes_as_intended() {
        fn prop(op: u8, w: W, rd: ZrReg, rn: ZrReg, rm: ZrReg, c: C) -> bool {
            let w = w.0;
            let (f, opc): (Ctor, Opcode) = match op % 4 {
                0 => (CondSelect::csel, Opcode::CSEL),
                1 => (CondSelect::csinc, Opcode::CSINC),
                2 => (CondSelect::csinv, Opcode::CSINV),
                _ => (CondSelect::csneg, Opcode::CSNEG),
            };
            let Ok(i) = f(w, rd.0, rn.0, rm.0, c.0) else {
                return false;
            };
            let cc = Operand::ConditionCode(c.0 as u8);
            let ok = expect_decoded(i.into(), opc, &[r(rd.0, w), r(rn.0, w), r(rm.0, w), cc]);
            let cset_ok = match (c.0.invert(), CondSelect::cset(w, rd.0, c.0)) {
                (Some(inv), Ok(s)) => expect_decoded(
                    s.into(),
                    Opcode::CSINC,
                    &[
                        r(rd.0, w),
                        r(XZR, w),
                        r(XZR, w),
                        Operand::ConditionCode(inv as u8),
                    ],
                ),
                (None, Err(EncodeError::Unencodable)) => true,
                _ => false,
            };
            ok && cset_ok
        }
        QuickCheck::new()
            .tests(3000)
            .quickcheck(prop as fn(u8, W, ZrReg, ZrReg, ZrReg, C) -> bool);
    }
}
