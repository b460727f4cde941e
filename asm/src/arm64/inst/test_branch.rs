//! Test and branch (immediate) — Arm ARM C4.1, "Branches, Exception Generating and
//! System instructions" class `testbranch`.
//!
//! ```text
//!  31 30 29 28 27 26 25 24 23    19 18                                5 4       0
//! +--+--+--+--+--+--+--+--+--------+-----------------------------------+---------+
//! |b5| 0| 1| 1| 0| 1| 1|op|  b40   |               imm14               |   Rt    |
//! +--+--+--+--+--+--+--+--+--------+-----------------------------------+---------+
//! ```
//!
//! `op`: 0 TBZ, 1 TBNZ; the tested bit is `b5:b40`. `b5 = 1` implies an X register;
//! a bit below 32 is written with a W register. Target ±32 KiB.

use crate::arm64::arg::{pc_rel, EncodeError, PcRelBits, Reg};

/// A TBZ or TBNZ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TestBranch {
    op: u32,
    bit: u32,
    imm14: u32,
    rt: u32,
}

impl TestBranch {
    fn build(op: u32, rt: Reg, bit: u8, offset: i64) -> Result<Self, EncodeError> {
        if bit > 63 {
            return Err(EncodeError::OutOfRange);
        }
        Ok(TestBranch {
            op,
            bit: bit as u32,
            imm14: pc_rel(offset, PcRelBits::Imm14)?,
            rt: rt.zr_field()?,
        })
    }

    /// TBZ [Arm ARM C6.2]: branch to `PC + offset` if bit `bit` (0..=63) of `rt` is 0.
    pub fn tbz(rt: Reg, bit: u8, offset: i64) -> Result<Self, EncodeError> {
        Self::build(0, rt, bit, offset)
    }

    /// TBNZ [Arm ARM C6.2]: branch to `PC + offset` if bit `bit` of `rt` is 1.
    pub fn tbnz(rt: Reg, bit: u8, offset: i64) -> Result<Self, EncodeError> {
        Self::build(1, rt, bit, offset)
    }
}

impl From<TestBranch> for u32 {
    fn from(i: TestBranch) -> u32 {
        ((i.bit >> 5) << 31)
            | (0b011011 << 25)
            | (i.op << 24)
            | ((i.bit & 0x1f) << 19)
            | (i.imm14 << 5)
            | i.rt
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arm64::arg::*;
    use crate::arm64::test_util::{check_all, expect_decoded, gen::*, r};
    use quickcheck::QuickCheck;

    type Ctor = fn(Reg, u8, i64) -> Result<TestBranch, EncodeError>;
    use yaxpeax_arm::armv8::a64::{Opcode, Operand};

    fn e(i: Result<TestBranch, EncodeError>) -> u32 {
        i.unwrap().into()
    }

    #[test]
    fn emit() {
        check_all(&[
            (
                e(TestBranch::tbz(X0, 63, 8)),
                "4000F8B6",
                "tbz x0, #63, $+0x8",
            ),
            (
                e(TestBranch::tbnz(X1, 3, 8)),
                "41001837",
                "tbnz w1, #3, $+0x8",
            ),
            (
                e(TestBranch::tbz(X0, 0, 32764)),
                "E0FF0336",
                "tbz w0, #0, $+0x7ffc",
            ),
            (
                e(TestBranch::tbnz(X5, 32, -32768)),
                "050004B7",
                "tbnz x5, #32, $-0x8000",
            ),
        ]);
        assert_eq!(TestBranch::tbz(X0, 64, 0), Err(EncodeError::OutOfRange));
        assert_eq!(TestBranch::tbz(X0, 0, 32768), Err(EncodeError::OutOfRange));
    }

    /// Quickcheck: 2000 cases over op, every bit number, register and imm14 incl. limits.
    #[test]
    fn qc_decodes_as_intended() {
        fn prop(nz: bool, rt: ZrReg, bit: u8, raw: u16, edge: u8) -> bool {
            let bit = bit % 64;
            let f = PcRelBits::Imm14;
            let off = match edge % 4 {
                0 => f.min_bytes(),
                1 => f.max_bytes(),
                _ => ((raw as i64) << 50 >> 50) * 4,
            };
            let (ctor, opc): (Ctor, Opcode) = if nz {
                (TestBranch::tbnz, Opcode::TBNZ)
            } else {
                (TestBranch::tbz, Opcode::TBZ)
            };
            let Ok(i) = ctor(rt.0, bit, off) else {
                return false;
            };
            let w = if bit >= 32 { Width::X64 } else { Width::W32 };
            expect_decoded(
                i.into(),
                opc,
                &[
                    r(rt.0, w),
                    Operand::Imm16(bit as u16),
                    Operand::PCOffset(off),
                ],
            )
        }
        QuickCheck::new()
            .tests(2000)
            .quickcheck(prop as fn(bool, ZrReg, u8, u16, u8) -> bool);
    }
}
