//! Unconditional branch (register) — Arm ARM C4.1, "Branches, Exception Generating
//! and System instructions" class `branch_reg`.
//!
//! ```text
//!  31          25 24    21 20    16 15          10 9       5 4       0
//! +--------------+--------+--------+--------------+---------+---------+
//! | 1 1 0 1 0 1 1|  opc   | 1 1 1 1 1| 0 0 0 0 0 0 |   Rn    | 0 0 0 0 0|
//! +--------------+--------+--------+--------------+---------+---------+
//! ```
//!
//! `opc`: 0000 BR, 0001 BLR, 0010 RET. `Rn` is a general register (31 would be
//! XZR, which we reject: branching to address 0 is never intended).

use crate::arm64::arg::{EncodeError, Reg};

/// A BR, BLR or RET.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BranchReg {
    opc: u32,
    rn: u32,
}

impl BranchReg {
    /// BR [Arm ARM C6.2]: branch to the address in `rn`.
    pub fn br(rn: Reg) -> Result<Self, EncodeError> {
        Ok(BranchReg {
            opc: 0b0000,
            rn: rn.gp_field()?,
        })
    }

    /// BLR [Arm ARM C6.2]: call the address in `rn`, setting X30.
    pub fn blr(rn: Reg) -> Result<Self, EncodeError> {
        Ok(BranchReg {
            opc: 0b0001,
            rn: rn.gp_field()?,
        })
    }

    /// RET [Arm ARM C6.2]: return to the address in `rn` (normally X30).
    pub fn ret(rn: Reg) -> Result<Self, EncodeError> {
        Ok(BranchReg {
            opc: 0b0010,
            rn: rn.gp_field()?,
        })
    }
}

impl From<BranchReg> for u32 {
    fn from(i: BranchReg) -> u32 {
        (0b1101011 << 25) | (i.opc << 21) | (0b11111 << 16) | (i.rn << 5)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arm64::arg::*;
    use crate::arm64::test_util::{check_all, expect_decoded, gen::*, r};
    use quickcheck::QuickCheck;
    use yaxpeax_arm::armv8::a64::Opcode;

    fn e(i: Result<BranchReg, EncodeError>) -> u32 {
        i.unwrap().into()
    }

    #[test]
    fn emit() {
        check_all(&[
            (e(BranchReg::br(X16)), "00021FD6", "br x16"),
            (e(BranchReg::blr(X16)), "00023FD6", "blr x16"),
            (e(BranchReg::blr(X30)), "C0033FD6", "blr x30"),
            (e(BranchReg::ret(X30)), "C0035FD6", "ret"),
            (e(BranchReg::ret(X1)), "20005FD6", "ret x1"),
        ]);
        assert_eq!(BranchReg::br(XZR), Err(EncodeError::ZrNotAllowed));
        assert_eq!(BranchReg::blr(SP), Err(EncodeError::SpNotAllowed));
    }

    /// Quickcheck: 500 cases over op and X0..X30.
    #[test]
    fn qc_decodes_as_intended() {
        fn prop(op: u8, rn: GpReg) -> bool {
            let (i, opc) = match op % 3 {
                0 => (BranchReg::br(rn.0), Opcode::BR),
                1 => (BranchReg::blr(rn.0), Opcode::BLR),
                _ => (BranchReg::ret(rn.0), Opcode::RET),
            };
            let Ok(i) = i else { return false };
            expect_decoded(i.into(), opc, &[r(rn.0, Width::X64)])
        }
        QuickCheck::new()
            .tests(500)
            .quickcheck(prop as fn(u8, GpReg) -> bool);
    }
}
