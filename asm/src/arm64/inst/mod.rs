//! AArch64 instructions, one module per encoding class. Each type is built by
//! checked constructors (one per mnemonic) and converted to its 32-bit word with
//! `u32::from`. Constructors return `Result<_, EncodeError>` whenever an operand can
//! be out of range or the wrong kind of register 31; they never panic.

mod add_sub_imm;
mod add_sub_reg;
mod bitfield;
mod branch_cond;
mod branch_imm;
mod branch_reg;
mod compare_branch;
mod cond_select;
mod data_proc_2src;
mod data_proc_3src;
mod fp_cmp;
mod fp_dp1;
mod fp_dp2;
mod fp_int;
mod load_literal;
mod load_store;
mod load_store_pair;
mod load_store_reg;
mod logical_imm;
mod logical_reg;
mod mov_wide;
mod system;
mod test_branch;

pub use add_sub_imm::AddSubImm;
pub use add_sub_reg::AddSubReg;
pub use bitfield::Bitfield;
pub use branch_cond::BranchCond;
pub use branch_imm::BranchImm;
pub use branch_reg::BranchReg;
pub use compare_branch::CompareBranch;
pub use cond_select::CondSelect;
pub use data_proc_2src::DataProc2Src;
pub use data_proc_3src::{mul_overflow_check, DataProc3Src};
pub use fp_cmp::FpCmp;
pub use fp_dp1::FpDp1;
pub use fp_dp2::FpDp2;
pub use fp_int::FpInt;
pub use load_literal::LoadLiteral;
pub use load_store::{AccessSize, Index, LoadStore};
pub use load_store_pair::{LoadStorePair, PairIndex};
pub use load_store_reg::LoadStoreReg;
pub use logical_imm::LogicalImm;
pub use logical_reg::LogicalReg;
pub use mov_wide::MovWide;
pub use system::System;
pub use test_branch::TestBranch;
