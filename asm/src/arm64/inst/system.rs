//! Hints and exception generation — Arm ARM C4.1, "Branches, Exception Generating
//! and System instructions" classes `hints` (NOP) and `exception` (BRK).
//!
//! ```text
//! NOP:  1101 0101 0000 0011 0010 0000 0001 1111          (HINT #0)
//!  31                    21 20                                5 4    2 1  0
//! +------------------------+-----------------------------------+------+----+
//! | 1 1 0 1 0 1 0 0 0 0 1  |               imm16               | 0 0 0| 0 0|   BRK
//! +------------------------+-----------------------------------+------+----+
//! ```

/// NOP and BRK; neither can fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum System {
    /// NOP [Arm ARM C6.2].
    Nop,
    /// BRK [Arm ARM C6.2]: breakpoint with a 16-bit comment, raises SIGTRAP on Linux.
    Brk(u16),
}

impl System {
    /// NOP [Arm ARM C6.2].
    pub fn nop() -> Self {
        System::Nop
    }

    /// BRK #imm16 [Arm ARM C6.2].
    pub fn brk(imm16: u16) -> Self {
        System::Brk(imm16)
    }
}

impl From<System> for u32 {
    fn from(i: System) -> u32 {
        match i {
            System::Nop => 0xd503_201f,
            System::Brk(imm) => (0b11010100001 << 21) | ((imm as u32) << 5),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arm64::test_util::{check_all, expect_decoded};
    use quickcheck::QuickCheck;
    use yaxpeax_arm::armv8::a64::{Opcode, Operand};

    #[test]
    fn emit() {
        check_all(&[
            (System::nop().into(), "1F2003D5", "nop"),
            (System::brk(0).into(), "000020D4", "brk #0x0"),
            (System::brk(0xf000).into(), "00003ED4", "brk #0xf000"),
            (System::brk(0xffff).into(), "E0FF3FD4", "brk #0xffff"),
        ]);
    }

    /// Quickcheck: 500 cases over the BRK immediate.
    #[test]
    fn qc_brk() {
        fn prop(imm: u16) -> bool {
            expect_decoded(System::brk(imm).into(), Opcode::BRK, &[Operand::Imm16(imm)])
        }
        QuickCheck::new()
            .tests(500)
            .quickcheck(prop as fn(u16) -> bool);
    }
}
