//! Unconditional branch (immediate) — Arm ARM C4.1, "Branches, Exception Generating
//! and System instructions" class `branch_imm`.
//!
//! ```text
//!  31 30 29 28 27 26 25                                                          0
//! +--+--+--+--+--+--+-------------------------------------------------------------+
//! |op| 0| 0| 1| 0| 1|                           imm26                             |
//! +--+--+--+--+--+--+-------------------------------------------------------------+
//! ```
//!
//! `op`: 0 B, 1 BL. Target `PC + imm26 * 4`, ±128 MiB.

use crate::arm64::arg::{pc_rel, EncodeError, PcRelBits};

/// A B or BL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BranchImm {
    op: u32,
    imm26: u32,
}

impl BranchImm {
    /// B [Arm ARM C6.2]: branch to `PC + offset` (bytes, multiple of 4, ±128 MiB).
    pub fn b(offset: i64) -> Result<Self, EncodeError> {
        Ok(BranchImm {
            op: 0,
            imm26: pc_rel(offset, PcRelBits::Imm26)?,
        })
    }

    /// BL [Arm ARM C6.2]: branch with link to `PC + offset`.
    pub fn bl(offset: i64) -> Result<Self, EncodeError> {
        Ok(BranchImm {
            op: 1,
            imm26: pc_rel(offset, PcRelBits::Imm26)?,
        })
    }
}

impl From<BranchImm> for u32 {
    fn from(i: BranchImm) -> u32 {
        (i.op << 31) | (0b00101 << 26) | i.imm26
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arm64::test_util::{check_all, expect_decoded};
    use quickcheck::QuickCheck;
    use yaxpeax_arm::armv8::a64::{Opcode, Operand};

    fn e(i: Result<BranchImm, EncodeError>) -> u32 {
        i.unwrap().into()
    }

    #[test]
    fn emit() {
        check_all(&[
            (e(BranchImm::b(16)), "04000014", "b $+0x10"),
            (e(BranchImm::b(-16)), "FCFFFF17", "b $-0x10"),
            (e(BranchImm::b(0)), "00000014", "b $+0x0"),
            (e(BranchImm::b(134217724)), "FFFFFF15", "b $+0x7fffffc"),
            (e(BranchImm::b(-134217728)), "00000016", "b $-0x8000000"),
            (e(BranchImm::bl(4)), "01000094", "bl $+0x4"),
            (e(BranchImm::bl(-8)), "FEFFFF97", "bl $-0x8"),
        ]);
        assert_eq!(BranchImm::b(134217728), Err(EncodeError::OutOfRange));
        assert_eq!(BranchImm::b(-134217732), Err(EncodeError::OutOfRange));
        assert_eq!(BranchImm::bl(2), Err(EncodeError::Misaligned));
    }

    /// Quickcheck: 2000 cases over B/BL and the whole imm26 range, half of them at
    /// or just past the limits.
    #[test]
    fn qc_decodes_as_intended() {
        fn prop(link: bool, raw: u32, edge: u8) -> bool {
            let f = PcRelBits::Imm26;
            let off = match edge % 4 {
                0 => f.min_bytes(),
                1 => f.max_bytes(),
                _ => ((raw as i64) << 38 >> 38) * 4,
            };
            let ctor = if link { BranchImm::bl } else { BranchImm::b };
            let opc = if link { Opcode::BL } else { Opcode::B };
            let Ok(i) = ctor(off) else { return false };
            ctor(f.max_bytes() + 4).is_err()
                && ctor(f.min_bytes() - 4).is_err()
                && expect_decoded(i.into(), opc, &[Operand::PCOffset(off)])
        }
        QuickCheck::new()
            .tests(2000)
            .quickcheck(prop as fn(bool, u32, u8) -> bool);
    }
}
