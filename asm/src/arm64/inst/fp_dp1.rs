//! Floating-point data-processing (1 source), double precision — Arm ARM C4.1,
//! "Data Processing -- Scalar Floating-Point and Advanced SIMD" class `floatdp1`.
//!
//! ```text
//!  31 30 29 28 27 26 25 24 23 22 21 20             15 14          10 9       5 4       0
//! +--+--+--+--+--+--+--+--+-----+--+-----------------+--------------+---------+---------+
//! | M| 0| S| 1| 1| 1| 1| 0|ftype| 1|     opcode      | 1  0  0  0  0|   Rn    |   Rd    |
//! +--+--+--+--+--+--+--+--+-----+--+-----------------+--------------+---------+---------+
//! ```
//!
//! `ftype = 01` (double); `opcode`: 000000 FMOV (register), 000001 FABS,
//! 000010 FNEG, 000011 FSQRT.

use crate::arm64::arg::VReg;

/// An FMOV (register)/FABS/FNEG/FSQRT on D registers; cannot fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FpDp1 {
    opcode: u32,
    rn: VReg,
    rd: VReg,
}

impl FpDp1 {
    /// FMOV (register) [Arm ARM C7.2]: `dd = dn`.
    pub fn fmov(dd: VReg, dn: VReg) -> Self {
        FpDp1 {
            opcode: 0b000000,
            rn: dn,
            rd: dd,
        }
    }

    /// FABS (scalar) [Arm ARM C7.2]: `dd = |dn|`.
    pub fn fabs(dd: VReg, dn: VReg) -> Self {
        FpDp1 {
            opcode: 0b000001,
            rn: dn,
            rd: dd,
        }
    }

    /// FNEG (scalar) [Arm ARM C7.2]: `dd = -dn`.
    pub fn fneg(dd: VReg, dn: VReg) -> Self {
        FpDp1 {
            opcode: 0b000010,
            rn: dn,
            rd: dd,
        }
    }

    /// FSQRT (scalar) [Arm ARM C7.2]: `dd = sqrt(dn)`.
    pub fn fsqrt(dd: VReg, dn: VReg) -> Self {
        FpDp1 {
            opcode: 0b000011,
            rn: dn,
            rd: dd,
        }
    }
}

impl From<FpDp1> for u32 {
    fn from(i: FpDp1) -> u32 {
        (0b11110 << 24)
            | (0b01 << 22)
            | (1 << 21)
            | (i.opcode << 15)
            | (0b10000 << 10)
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

    type Ctor = fn(VReg, VReg) -> FpDp1;
    use yaxpeax_arm::armv8::a64::Opcode;

    #[test]
    fn emit() {
        check_all(&[
            (FpDp1::fmov(D1, D2).into(), "4140601E", "fmov d1, d2"),
            (FpDp1::fneg(D0, D1).into(), "2040611E", "fneg d0, d1"),
            (FpDp1::fabs(D0, D1).into(), "20C0601E", "fabs d0, d1"),
            (FpDp1::fsqrt(D0, D1).into(), "20C0611E", "fsqrt d0, d1"),
        ]);
    }

    /// Quickcheck: 1000 cases over op and all D registers.
    #[test]
    fn qc_decodes_as_intended() {
        fn prop(op: u8, a: DReg, b: DReg) -> bool {
            let (f, opc): (Ctor, Opcode) = match op % 4 {
                0 => (FpDp1::fmov, Opcode::FMOV),
                1 => (FpDp1::fabs, Opcode::FABS),
                2 => (FpDp1::fneg, Opcode::FNEG),
                _ => (FpDp1::fsqrt, Opcode::FSQRT),
            };
            expect_decoded(f(a.0, b.0).into(), opc, &[d(a.0), d(b.0)])
        }
        QuickCheck::new()
            .tests(1000)
            .quickcheck(prop as fn(u8, DReg, DReg) -> bool);
    }
}
