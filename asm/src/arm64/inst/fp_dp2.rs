//! Floating-point data-processing (2 source), double precision — Arm ARM C4.1,
//! "Data Processing -- Scalar Floating-Point and Advanced SIMD" class `floatdp2`.
//!
//! ```text
//!  31 30 29 28 27 26 25 24 23 22 21 20      16 15    12 11 10 9       5 4       0
//! +--+--+--+--+--+--+--+--+-----+--+----------+--------+-----+---------+---------+
//! | M| 0| S| 1| 1| 1| 1| 0|ftype| 1|    Rm    | opcode | 1 0 |   Rn    |   Rd    |
//! +--+--+--+--+--+--+--+--+-----+--+----------+--------+-----+---------+---------+
//! ```
//!
//! `ftype = 01` (double); `opcode`: 0000 FMUL, 0001 FDIV, 0010 FADD, 0011 FSUB.

use crate::arm64::arg::VReg;

/// An FADD/FSUB/FMUL/FDIV on D registers. Any D register is valid, so the
/// constructors cannot fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FpDp2 {
    opcode: u32,
    rm: VReg,
    rn: VReg,
    rd: VReg,
}

impl FpDp2 {
    /// FMUL (scalar) [Arm ARM C7.2]: `dd = dn * dm`.
    pub fn fmul(dd: VReg, dn: VReg, dm: VReg) -> Self {
        FpDp2 {
            opcode: 0b0000,
            rm: dm,
            rn: dn,
            rd: dd,
        }
    }

    /// FDIV (scalar) [Arm ARM C7.2]: `dd = dn / dm`.
    pub fn fdiv(dd: VReg, dn: VReg, dm: VReg) -> Self {
        FpDp2 {
            opcode: 0b0001,
            rm: dm,
            rn: dn,
            rd: dd,
        }
    }

    /// FADD (scalar) [Arm ARM C7.2]: `dd = dn + dm`.
    pub fn fadd(dd: VReg, dn: VReg, dm: VReg) -> Self {
        FpDp2 {
            opcode: 0b0010,
            rm: dm,
            rn: dn,
            rd: dd,
        }
    }

    /// FSUB (scalar) [Arm ARM C7.2]: `dd = dn - dm`.
    pub fn fsub(dd: VReg, dn: VReg, dm: VReg) -> Self {
        FpDp2 {
            opcode: 0b0011,
            rm: dm,
            rn: dn,
            rd: dd,
        }
    }
}

impl From<FpDp2> for u32 {
    fn from(i: FpDp2) -> u32 {
        (0b11110 << 24)
            | (0b01 << 22)
            | (1 << 21)
            | ((i.rm.num() as u32) << 16)
            | (i.opcode << 12)
            | (0b10 << 10)
            | ((i.rn.num() as u32) << 5)
            | i.rd.num() as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arm64::arg::*;
    use crate::arm64::test_util::{check_all, d, expect_decoded, gen::*};
    use quickcheck::QuickCheck;

    type Ctor = fn(VReg, VReg, VReg) -> FpDp2;
    use yaxpeax_arm::armv8::a64::Opcode;

    #[test]
    fn emit() {
        check_all(&[
            (
                FpDp2::fadd(D0, D1, D2).into(),
                "2028621E",
                "fadd d0, d1, d2",
            ),
            (
                FpDp2::fsub(D0, D1, D2).into(),
                "2038621E",
                "fsub d0, d1, d2",
            ),
            (
                FpDp2::fmul(D0, D1, D2).into(),
                "2008621E",
                "fmul d0, d1, d2",
            ),
            (
                FpDp2::fdiv(D0, D1, D2).into(),
                "2018621E",
                "fdiv d0, d1, d2",
            ),
            (
                FpDp2::fdiv(D31, D30, D29).into(),
                "DF1B7D1E",
                "fdiv d31, d30, d29",
            ),
        ]);
    }

    /// Quickcheck: 1000 cases over op and all D registers.
    #[test]
    fn qc_decodes_as_intended() {
        fn prop(op: u8, a: DReg, b: DReg, c: DReg) -> bool {
            let (f, opc): (Ctor, Opcode) = match op % 4 {
                0 => (FpDp2::fmul, Opcode::FMUL),
                1 => (FpDp2::fdiv, Opcode::FDIV),
                2 => (FpDp2::fadd, Opcode::FADD),
                _ => (FpDp2::fsub, Opcode::FSUB),
            };
            expect_decoded(f(a.0, b.0, c.0).into(), opc, &[d(a.0), d(b.0), d(c.0)])
        }
        QuickCheck::new()
            .tests(1000)
            .quickcheck(prop as fn(u8, DReg, DReg, DReg) -> bool);
    }
}
