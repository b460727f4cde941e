//! Floating-point compare, double precision — Arm ARM C4.1, "Data Processing --
//! Scalar Floating-Point and Advanced SIMD" class `floatcmp`.
//!
//! ```text
//!  31 30 29 28 27 26 25 24 23 22 21 20      16 15 14 13    10 9       5 4          0
//! +--+--+--+--+--+--+--+--+-----+--+----------+-----+--------+---------+------------+
//! | M| 0| S| 1| 1| 1| 1| 0|ftype| 1|    Rm    | op  | 1 0 0 0|   Rn    |  opcode2   |
//! +--+--+--+--+--+--+--+--+-----+--+----------+-----+--------+---------+------------+
//! ```
//!
//! `ftype = 01`, `op = 00`; `opcode2`: 00000 FCMP Dn, Dm; 01000 FCMP Dn, #0.0
//! (`Rm = 00000`). Sets NZCV; unordered (NaN) gives `C = V = 1`.

use crate::arm64::arg::VReg;

/// An FCMP on D registers; cannot fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FpCmp {
    rm: u32,
    rn: u32,
    opcode2: u32,
}

impl FpCmp {
    /// FCMP [Arm ARM C7.2]: compare `dn` with `dm`, setting the flags.
    pub fn fcmp(dn: VReg, dm: VReg) -> Self {
        FpCmp {
            rm: dm.num() as u32,
            rn: dn.num() as u32,
            opcode2: 0b00000,
        }
    }

    /// FCMP [Arm ARM C7.2] with `#0.0`.
    pub fn fcmp_zero(dn: VReg) -> Self {
        FpCmp {
            rm: 0,
            rn: dn.num() as u32,
            opcode2: 0b01000,
        }
    }
}

impl From<FpCmp> for u32 {
    fn from(i: FpCmp) -> u32 {
        (0b11110 << 24)
            | (0b01 << 22)
            | (1 << 21)
            | (i.rm << 16)
            | (0b1000 << 10)
            | (i.rn << 5)
            | i.opcode2
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arm64::arg::*;
    use crate::arm64::test_util::{check_all, d, expect_decoded, gen::*};
    use quickcheck::QuickCheck;
    use yaxpeax_arm::armv8::a64::{Opcode, Operand};

    #[test]
    fn emit() {
        check_all(&[
            (FpCmp::fcmp(D0, D1).into(), "0020611E", "fcmp d0, d1"),
            (FpCmp::fcmp_zero(D0).into(), "0820601E", "fcmp d0, #0.0"),
        ]);
    }

    /// Quickcheck: 500 cases over all D register pairs and the #0.0 form.
    #[test]
    fn qc_decodes_as_intended() {
        fn prop(zero: bool, a: DReg, b: DReg) -> bool {
            if zero {
                expect_decoded(
                    FpCmp::fcmp_zero(a.0).into(),
                    Opcode::FCMP,
                    &[d(a.0), Operand::ImmediateDouble(0.0)],
                )
            } else {
                expect_decoded(
                    FpCmp::fcmp(a.0, b.0).into(),
                    Opcode::FCMP,
                    &[d(a.0), d(b.0)],
                )
            }
        }
        QuickCheck::new()
            .tests(500)
            .quickcheck(prop as fn(bool, DReg, DReg) -> bool);
    }
}
