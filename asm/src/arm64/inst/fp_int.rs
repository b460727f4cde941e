//! Conversion between floating-point and integer — Arm ARM C4.1, "Data Processing --
//! Scalar Floating-Point and Advanced SIMD" class `float2int`.
//!
//! ```text
//!  31 30 29 28 27 26 25 24 23 22 21 20 19 18    16 15                10 9       5 4       0
//! +--+--+--+--+--+--+--+--+-----+--+-----+--------+--------------------+---------+---------+
//! |sf| 0| S| 1| 1| 1| 1| 0|ftype| 1|rmode| opcode | 0  0  0  0  0  0   |   Rn    |   Rd    |
//! +--+--+--+--+--+--+--+--+-----+--+-----+--------+--------------------+---------+---------+
//! ```
//!
//! With `ftype = 01` (double): `rmode:opcode` 00:111 FMOV Dd, Xn; 00:110 FMOV Xd, Dn;
//! 00:010 SCVTF Dd, Rn; 11:000 FCVTZS Rd, Dn. The general register is
//! zero-register-or-register. FMOV between a D and a W register does not exist.

use crate::arm64::arg::{EncodeError, Reg, VReg, Width};

/// An FMOV (general), SCVTF (scalar, integer) or FCVTZS (scalar, integer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FpInt {
    sf: u32,
    rmode: u32,
    opcode: u32,
    rn: u32,
    rd: u32,
}

impl FpInt {
    /// FMOV (general) [Arm ARM C7.2], `FMOV Dd, Xn`: copy the bits of `xn` into `dd`.
    pub fn fmov_to_d(dd: VReg, xn: Reg) -> Result<Self, EncodeError> {
        Ok(FpInt {
            sf: 1,
            rmode: 0b00,
            opcode: 0b111,
            rn: xn.zr_field()?,
            rd: dd.num() as u32,
        })
    }

    /// FMOV (general) [Arm ARM C7.2], `FMOV Xd, Dn`: copy the bits of `dn` into `xd`.
    pub fn fmov_from_d(xd: Reg, dn: VReg) -> Result<Self, EncodeError> {
        Ok(FpInt {
            sf: 1,
            rmode: 0b00,
            opcode: 0b110,
            rn: dn.num() as u32,
            rd: xd.zr_field()?,
        })
    }

    /// SCVTF (scalar, integer) [Arm ARM C7.2]: `dd = (double) signed rn` (W or X source).
    pub fn scvtf(w: Width, dd: VReg, rn: Reg) -> Result<Self, EncodeError> {
        Ok(FpInt {
            sf: w.sf(),
            rmode: 0b00,
            opcode: 0b010,
            rn: rn.zr_field()?,
            rd: dd.num() as u32,
        })
    }

    /// FCVTZS (scalar, integer) [Arm ARM C7.2]: `rd = (signed) dn`, rounding toward
    /// zero, saturating; NaN gives 0.
    pub fn fcvtzs(w: Width, rd: Reg, dn: VReg) -> Result<Self, EncodeError> {
        Ok(FpInt {
            sf: w.sf(),
            rmode: 0b11,
            opcode: 0b000,
            rn: dn.num() as u32,
            rd: rd.zr_field()?,
        })
    }
}

impl From<FpInt> for u32 {
    fn from(i: FpInt) -> u32 {
        (i.sf << 31)
            | (0b11110 << 24)
            | (0b01 << 22)
            | (1 << 21)
            | (i.rmode << 19)
            | (i.opcode << 16)
            | (i.rn << 5)
            | i.rd
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arm64::arg::*;
    use crate::arm64::test_util::{check_all, d, expect_decoded, gen::*, r};
    use quickcheck::QuickCheck;
    use yaxpeax_arm::armv8::a64::Opcode;

    fn e(i: Result<FpInt, EncodeError>) -> u32 {
        i.unwrap().into()
    }

    #[test]
    fn emit() {
        use Width::*;
        check_all(&[
            (e(FpInt::fmov_to_d(D0, X1)), "2000679E", "fmov d0, x1"),
            (e(FpInt::fmov_from_d(X1, D0)), "0100669E", "fmov x1, d0"),
            (e(FpInt::fmov_to_d(D31, XZR)), "FF03679E", "fmov d31, xzr"),
            (e(FpInt::scvtf(X64, D0, X1)), "2000629E", "scvtf d0, x1"),
            (e(FpInt::scvtf(W32, D0, X1)), "2000621E", "scvtf d0, w1"),
            (e(FpInt::fcvtzs(X64, X0, D1)), "2000789E", "fcvtzs x0, d1"),
            (e(FpInt::fcvtzs(W32, X0, D1)), "2000781E", "fcvtzs w0, d1"),
        ]);
        assert_eq!(FpInt::fmov_to_d(D0, SP), Err(EncodeError::SpNotAllowed));
    }

    /// Quickcheck: 2000 cases over op, width and registers.
    #[test]
    fn qc_decodes_as_intended() {
        fn prop(op: u8, w: W, g: ZrReg, v: DReg) -> bool {
            let (w, g, v) = (w.0, g.0, v.0);
            let x = Width::X64;
            match op % 4 {
                0 => FpInt::fmov_to_d(v, g)
                    .is_ok_and(|i| expect_decoded(i.into(), Opcode::FMOV, &[d(v), r(g, x)])),
                1 => FpInt::fmov_from_d(g, v)
                    .is_ok_and(|i| expect_decoded(i.into(), Opcode::FMOV, &[r(g, x), d(v)])),
                2 => FpInt::scvtf(w, v, g)
                    .is_ok_and(|i| expect_decoded(i.into(), Opcode::SCVTF, &[d(v), r(g, w)])),
                _ => FpInt::fcvtzs(w, g, v)
                    .is_ok_and(|i| expect_decoded(i.into(), Opcode::FCVTZS, &[r(g, w), d(v)])),
            }
        }
        QuickCheck::new()
            .tests(2000)
            .quickcheck(prop as fn(u8, W, ZrReg, DReg) -> bool);
    }
}
