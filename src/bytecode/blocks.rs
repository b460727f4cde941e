//! Basic blocks of a code object: leaders are pc 0, every jump target, every
//! exception-handler target and every instruction that follows a jump, a
//! return or a raise. A block is the JIT's unit; `BlockId` names one.

use super::{CodeObject, Instr};

/// A basic block: the code object (its index in the VM's code table) and the
/// pc of the block's first instruction.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlockId {
    pub code: u32,
    pub leader: u32,
}

/// The block structure of one code object.
#[derive(Clone, Debug, Default)]
pub struct BlockInfo {
    /// Sorted leader pcs; block `i` spans `leaders[i]..leaders[i + 1]`.
    pub leaders: Vec<u32>,
    /// For every pc, the index of the block containing it.
    pub block_of: Vec<u32>,
}

impl Instr {
    /// The jump target of a branching instruction.
    pub fn jump_target(&self) -> Option<u32> {
        match *self {
            Instr::Jump(t)
            | Instr::PopJumpIfFalse(t)
            | Instr::PopJumpIfTrue(t)
            | Instr::JumpIfFalseOrPop(t)
            | Instr::JumpIfTrueOrPop(t)
            | Instr::ForIter(t) => Some(t),
            _ => None,
        }
    }

    /// True if control never falls through to the next instruction.
    pub fn is_terminator(&self) -> bool {
        matches!(
            self,
            Instr::Jump(_) | Instr::Return | Instr::Raise(_) | Instr::Reraise
        )
    }
}

impl BlockInfo {
    /// Computes the blocks of `code`.
    pub fn compute(code: &CodeObject) -> BlockInfo {
        let n = code.code.len();
        let mut is_leader = vec![false; n + 1];
        if n > 0 {
            is_leader[0] = true;
        }
        for (pc, ins) in code.code.iter().enumerate() {
            if let Some(t) = ins.jump_target() {
                is_leader[t as usize] = true;
                is_leader[pc + 1] = true;
            }
            if ins.is_terminator() {
                is_leader[pc + 1] = true;
            }
        }
        for h in &code.handlers {
            is_leader[h.target as usize] = true;
        }
        let leaders: Vec<u32> = (0..n)
            .filter(|&pc| is_leader[pc])
            .map(|pc| pc as u32)
            .collect();
        let mut block_of = vec![0u32; n];
        let mut b = 0u32;
        for (pc, slot) in block_of.iter_mut().enumerate() {
            if b + 1 < leaders.len() as u32 && leaders[b as usize + 1] as usize == pc {
                b += 1;
            }
            *slot = b;
        }
        BlockInfo { leaders, block_of }
    }

    /// The number of blocks.
    pub fn len(&self) -> usize {
        self.leaders.len()
    }

    /// True if there are no blocks (empty code).
    pub fn is_empty(&self) -> bool {
        self.leaders.is_empty()
    }

    /// True if `pc` starts a block.
    pub fn is_leader(&self, pc: u32) -> bool {
        self.leaders.binary_search(&pc).is_ok()
    }
}
