//! Compare and branch (immediate) — Arm ARM C4.1, "Branches, Exception Generating
//! and System instructions" class `compbranch`.
//!
//! ```text
//!  31 30 29 28 27 26 25 24 23                                          5 4       0
//! +--+--+--+--+--+--+--+--+----------------------------------------------+---------+
//! |sf| 0| 1| 1| 0| 1| 0|op|                    imm19                     |   Rt    |
//! +--+--+--+--+--+--+--+--+----------------------------------------------+---------+
//! ```
//!
//! `op`: 0 CBZ, 1 CBNZ. `Rt` is zero-register-or-register. Target ±1 MiB.

use crate::arm64::arg::{pc_rel, EncodeError, PcRelBits, Reg, Width};

/// A CBZ or CBNZ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompareBranch {
    sf: u32,
    op: u32,
    imm19: u32,
    rt: u32,
}

impl CompareBranch {
    /// CBZ [Arm ARM C6.2]: branch to `PC + offset` if `rt == 0`.
    pub fn cbz(w: Width, rt: Reg, offset: i64) -> Result<Self, EncodeError> {
        Ok(CompareBranch {
            sf: w.sf(),
            op: 0,
            imm19: pc_rel(offset, PcRelBits::Imm19)?,
            rt: rt.zr_field()?,
        })
    }

    /// CBNZ [Arm ARM C6.2]: branch to `PC + offset` if `rt != 0`.
    pub fn cbnz(w: Width, rt: Reg, offset: i64) -> Result<Self, EncodeError> {
        Ok(CompareBranch {
            sf: w.sf(),
            op: 1,
            imm19: pc_rel(offset, PcRelBits::Imm19)?,
            rt: rt.zr_field()?,
        })
    }
}

impl From<CompareBranch> for u32 {
    fn from(i: CompareBranch) -> u32 {
        (i.sf << 31) | (0b011010 << 25) | (i.op << 24) | (i.imm19 << 5) | i.rt
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arm64::arg::*;
    use crate::arm64::test_util::{check_all, expect_decoded, gen::*, r};
    use quickcheck::QuickCheck;

    type Ctor = fn(Width, Reg, i64) -> Result<CompareBranch, EncodeError>;
    use yaxpeax_arm::armv8::a64::{Opcode, Operand};

    fn e(i: Result<CompareBranch, EncodeError>) -> u32 {
        i.unwrap().into()
    }

    #[test]
    fn emit() {
        use Width::*;
        check_all(&[
            (
                e(CompareBranch::cbz(X64, X0, 12)),
                "600000B4",
                "cbz x0, $+0xc",
            ),
            (
                e(CompareBranch::cbnz(W32, X0, -12)),
                "A0FFFF35",
                "cbnz w0, $-0xc",
            ),
            (
                e(CompareBranch::cbz(X64, XZR, 1048572)),
                "FFFF7FB4",
                "cbz xzr, $+0xffffc",
            ),
            (
                e(CompareBranch::cbnz(X64, X30, -1048576)),
                "1E0080B5",
                "cbnz x30, $-0x100000",
            ),
        ]);
        assert_eq!(
            CompareBranch::cbz(X64, SP, 0),
            Err(EncodeError::SpNotAllowed)
        );
        assert_eq!(
            CompareBranch::cbz(X64, X0, -1048580),
            Err(EncodeError::OutOfRange)
        );
    }

    /// Quickcheck: 2000 cases over op, width, register and imm19 incl. limits.
    #[test]
    fn qc_decodes_as_intended() {
        fn prop(nz: bool, w: W, rt: ZrReg, raw: u32, edge: u8) -> bool {
            let w = w.0;
            let f = PcRelBits::Imm19;
            let off = match edge % 4 {
                0 => f.min_bytes(),
                1 => f.max_bytes(),
                _ => ((raw as i64) << 45 >> 45) * 4,
            };
            let (ctor, opc): (Ctor, Opcode) = if nz {
                (CompareBranch::cbnz, Opcode::CBNZ)
            } else {
                (CompareBranch::cbz, Opcode::CBZ)
            };
            let Ok(i) = ctor(w, rt.0, off) else {
                return false;
            };
            expect_decoded(i.into(), opc, &[r(rt.0, w), Operand::PCOffset(off)])
        }
        QuickCheck::new()
            .tests(2000)
            .quickcheck(prop as fn(bool, W, ZrReg, u32, u8) -> bool);
    }
}
