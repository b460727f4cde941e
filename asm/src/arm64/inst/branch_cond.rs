//! Conditional branch (immediate) — Arm ARM C4.1, "Branches, Exception Generating
//! and System instructions" class `condbranch`.
//!
//! ```text
//!  31 30 29 28 27 26 25 24 23                                         5  4  3       0
//! +--+--+--+--+--+--+--+--+---------------------------------------------+--+---------+
//! | 0| 1| 0| 1| 0| 1| 0| 0|                    imm19                    | 0|  cond   |
//! +--+--+--+--+--+--+--+--+---------------------------------------------+--+---------+
//! ```
//!
//! Target `PC + imm19 * 4`, ±1 MiB.

use crate::arm64::arg::{pc_rel, Cond, EncodeError, PcRelBits};

/// A B.cond.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BranchCond {
    imm19: u32,
    cond: Cond,
}

impl BranchCond {
    /// B.cond [Arm ARM C6.2]: branch to `PC + offset` if `cond` holds (±1 MiB).
    pub fn bcond(cond: Cond, offset: i64) -> Result<Self, EncodeError> {
        Ok(BranchCond {
            imm19: pc_rel(offset, PcRelBits::Imm19)?,
            cond,
        })
    }
}

impl From<BranchCond> for u32 {
    fn from(i: BranchCond) -> u32 {
        (0b01010100 << 24) | (i.imm19 << 5) | i.cond.bits()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arm64::test_util::{check_all, expect_decoded, gen::*};
    use quickcheck::QuickCheck;
    use yaxpeax_arm::armv8::a64::{Opcode, Operand};

    fn e(i: Result<BranchCond, EncodeError>) -> u32 {
        i.unwrap().into()
    }

    #[test]
    fn emit() {
        use Cond::*;
        check_all(&[
            (e(BranchCond::bcond(Eq, 8)), "40000054", "b.eq $+0x8"),
            (e(BranchCond::bcond(Ne, -8)), "C1FFFF54", "b.ne $-0x8"),
            (
                e(BranchCond::bcond(Cs, 1048572)),
                "E2FF7F54",
                "b.cs $+0xffffc",
            ),
            (
                e(BranchCond::bcond(Cc, -1048576)),
                "03008054",
                "b.cc $-0x100000",
            ),
            (e(BranchCond::bcond(Mi, 4)), "24000054", "b.mi $+0x4"),
            (e(BranchCond::bcond(Pl, 4)), "25000054", "b.pl $+0x4"),
            (e(BranchCond::bcond(Vs, 4)), "26000054", "b.vs $+0x4"),
            (e(BranchCond::bcond(Vc, 4)), "27000054", "b.vc $+0x4"),
            (e(BranchCond::bcond(Hi, 4)), "28000054", "b.hi $+0x4"),
            (e(BranchCond::bcond(Ls, 4)), "29000054", "b.ls $+0x4"),
            (e(BranchCond::bcond(Ge, 4)), "2A000054", "b.ge $+0x4"),
            (e(BranchCond::bcond(Lt, 4)), "2B000054", "b.lt $+0x4"),
            (e(BranchCond::bcond(Gt, 4)), "2C000054", "b.gt $+0x4"),
            (e(BranchCond::bcond(Le, 4)), "2D000054", "b.le $+0x4"),
            (e(BranchCond::bcond(Al, 4)), "2E000054", "b.al $+0x4"),
            (e(BranchCond::bcond(Nv, 4)), "2F000054", "b.nv $+0x4"),
        ]);
        assert_eq!(BranchCond::bcond(Eq, 1 << 20), Err(EncodeError::OutOfRange));
        assert_eq!(BranchCond::bcond(Eq, 1), Err(EncodeError::Misaligned));
    }

    /// Quickcheck: 2000 cases over all 16 conditions and the imm19 range incl. limits.
    #[test]
    fn qc_decodes_as_intended() {
        fn prop(c: C, raw: u32, edge: u8) -> bool {
            let f = PcRelBits::Imm19;
            let off = match edge % 4 {
                0 => f.min_bytes(),
                1 => f.max_bytes(),
                _ => ((raw as i64) << 45 >> 45) * 4,
            };
            let Ok(i) = BranchCond::bcond(c.0, off) else {
                return false;
            };
            BranchCond::bcond(c.0, f.max_bytes() + 4).is_err()
                && expect_decoded(i.into(), Opcode::Bcc(c.0 as u8), &[Operand::PCOffset(off)])
        }
        QuickCheck::new()
            .tests(2000)
            .quickcheck(prop as fn(C, u32, u8) -> bool);
    }
}
