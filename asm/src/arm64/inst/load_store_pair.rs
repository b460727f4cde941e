//! Load/store register pair, 64-bit — Arm ARM C4.1, "Loads and Stores" classes
//! `ldstpair_off`, `ldstpair_pre`, `ldstpair_post`.
//!
//! ```text
//!  31 30 29 28 27 26 25 24 23 22 21             15 14      10 9       5 4       0
//! +-----+--+--+--+--+--+--------+--+----------------+---------+---------+---------+
//! | opc | 1| 0| 1| 0| 0|  mode  | L|      imm7      |   Rt2   |   Rn    |   Rt    |
//! +-----+--+--+--+--+--+--------+--+----------------+---------+---------+---------+
//! ```
//!
//! `opc = 10` (X registers); `mode`: 001 post-index, 010 signed offset, 011 pre-index;
//! `L`: 1 load. The offset is `imm7 * 8`, i.e. a multiple of 8 in `-512..=504`.
//! `Rn` is SP-or-register, `Rt`/`Rt2` zero-register-or-register. `LDP` with
//! `Rt == Rt2`, and writeback with `Rn` equal to a transfer register, are
//! UNPREDICTABLE and rejected.

use crate::arm64::arg::{EncodeError, Reg};

/// Addressing mode of a pair access.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PairIndex {
    /// `[Rn, #imm]`.
    Offset,
    /// `[Rn, #imm]!`.
    Pre,
    /// `[Rn], #imm`.
    Post,
}

/// An LDP/STP of two X registers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadStorePair {
    mode: u32,
    load: bool,
    imm7: u32,
    rt2: u32,
    rn: u32,
    rt: u32,
}

impl LoadStorePair {
    /// The general constructor; `offset` in bytes.
    pub fn new(
        load: bool,
        index: PairIndex,
        rt: Reg,
        rt2: Reg,
        rn: Reg,
        offset: i64,
    ) -> Result<Self, EncodeError> {
        let (rt_f, rt2_f, rn_f) = (rt.zr_field()?, rt2.zr_field()?, rn.sp_field()?);
        if offset % 8 != 0 {
            return Err(EncodeError::Misaligned);
        }
        if !(-512..=504).contains(&offset) {
            return Err(EncodeError::OutOfRange);
        }
        if load && rt == rt2 {
            return Err(EncodeError::Unpredictable);
        }
        let writeback = index != PairIndex::Offset;
        if writeback && !rn.is_sp() && (rn == rt || rn == rt2) {
            return Err(EncodeError::Unpredictable);
        }
        let mode = match index {
            PairIndex::Post => 0b001,
            PairIndex::Offset => 0b010,
            PairIndex::Pre => 0b011,
        };
        Ok(LoadStorePair {
            mode,
            load,
            imm7: ((offset / 8) as u32) & 0x7f,
            rt2: rt2_f,
            rn: rn_f,
            rt: rt_f,
        })
    }

    /// LDP (signed offset) [Arm ARM C6.2]: `rt = [rn + off]; rt2 = [rn + off + 8]`.
    pub fn ldp(rt: Reg, rt2: Reg, rn: Reg, offset: i64) -> Result<Self, EncodeError> {
        Self::new(true, PairIndex::Offset, rt, rt2, rn, offset)
    }

    /// LDP (pre-index) [Arm ARM C6.2].
    pub fn ldp_pre(rt: Reg, rt2: Reg, rn: Reg, offset: i64) -> Result<Self, EncodeError> {
        Self::new(true, PairIndex::Pre, rt, rt2, rn, offset)
    }

    /// LDP (post-index) [Arm ARM C6.2], e.g. `ldp x29, x30, [sp], #16`.
    pub fn ldp_post(rt: Reg, rt2: Reg, rn: Reg, offset: i64) -> Result<Self, EncodeError> {
        Self::new(true, PairIndex::Post, rt, rt2, rn, offset)
    }

    /// STP (signed offset) [Arm ARM C6.2].
    pub fn stp(rt: Reg, rt2: Reg, rn: Reg, offset: i64) -> Result<Self, EncodeError> {
        Self::new(false, PairIndex::Offset, rt, rt2, rn, offset)
    }

    /// STP (pre-index) [Arm ARM C6.2], e.g. `stp x29, x30, [sp, #-16]!`.
    pub fn stp_pre(rt: Reg, rt2: Reg, rn: Reg, offset: i64) -> Result<Self, EncodeError> {
        Self::new(false, PairIndex::Pre, rt, rt2, rn, offset)
    }

    /// STP (post-index) [Arm ARM C6.2].
    pub fn stp_post(rt: Reg, rt2: Reg, rn: Reg, offset: i64) -> Result<Self, EncodeError> {
        Self::new(false, PairIndex::Post, rt, rt2, rn, offset)
    }
}

impl From<LoadStorePair> for u32 {
    fn from(i: LoadStorePair) -> u32 {
        (0b10 << 30)
            | (0b101 << 27)
            | (i.mode << 23)
            | ((i.load as u32) << 22)
            | (i.imm7 << 15)
            | (i.rt2 << 10)
            | (i.rn << 5)
            | i.rt
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arm64::arg::*;
    use crate::arm64::test_util::{check_all, expect_decoded, gen::*, r};
    use quickcheck::{QuickCheck, TestResult};
    use yaxpeax_arm::armv8::a64::{Opcode, Operand};

    fn e(i: Result<LoadStorePair, EncodeError>) -> u32 {
        i.unwrap().into()
    }

    #[test]
    fn emit() {
        check_all(&[
            (
                e(LoadStorePair::ldp_post(X29, X30, SP, 16)),
                "FD7BC1A8",
                "ldp x29, x30, [sp], #16",
            ),
            (
                e(LoadStorePair::stp_pre(X29, X30, SP, -16)),
                "FD7BBFA9",
                "stp x29, x30, [sp, #-16]!",
            ),
            (
                e(LoadStorePair::stp(X0, X1, SP, 16)),
                "E00701A9",
                "stp x0, x1, [sp, #16]",
            ),
            (
                e(LoadStorePair::ldp(X0, X1, X2, 0)),
                "400440A9",
                "ldp x0, x1, [x2]",
            ),
            (
                e(LoadStorePair::ldp(X0, X1, X2, 504)),
                "40845FA9",
                "ldp x0, x1, [x2, #504]",
            ),
            (
                e(LoadStorePair::stp(X0, X1, X2, -512)),
                "400420A9",
                "stp x0, x1, [x2, #-512]",
            ),
            (
                e(LoadStorePair::stp_pre(XZR, XZR, SP, -512)),
                "FF7FA0A9",
                "stp xzr, xzr, [sp, #-512]!",
            ),
            (
                e(LoadStorePair::ldp_post(X3, X4, X5, -8)),
                "A390FFA8",
                "ldp x3, x4, [x5], #-8",
            ),
        ]);
        assert_eq!(
            LoadStorePair::ldp(X0, X1, X2, 4),
            Err(EncodeError::Misaligned)
        );
        assert_eq!(
            LoadStorePair::ldp(X0, X1, X2, 512),
            Err(EncodeError::OutOfRange)
        );
        assert_eq!(
            LoadStorePair::ldp(X0, X0, X2, 0),
            Err(EncodeError::Unpredictable)
        );
        assert_eq!(
            LoadStorePair::stp_pre(X2, X1, X2, 16),
            Err(EncodeError::Unpredictable)
        );
        assert_eq!(
            LoadStorePair::stp(X0, X1, XZR, 0),
            Err(EncodeError::ZrNotAllowed)
        );
    }

    /// Quickcheck: 3000 cases over direction, mode, registers and every imm7 value.
    #[test]
    fn qc_decodes_as_intended() {
        fn prop(load: bool, mode: u8, rt: ZrReg, rt2: ZrReg, rn: SpReg, imm7: u8) -> TestResult {
            let index = [PairIndex::Offset, PairIndex::Pre, PairIndex::Post][mode as usize % 3];
            let offset = ((imm7 as i8) << 1 >> 1) as i64 * 8;
            let res = LoadStorePair::new(load, index, rt.0, rt2.0, rn.0, offset);
            let wb_clash =
                index != PairIndex::Offset && !rn.0.is_sp() && (rn.0 == rt.0 || rn.0 == rt2.0);
            if (load && rt.0 == rt2.0) || wb_clash {
                return TestResult::from_bool(res == Err(EncodeError::Unpredictable));
            }
            let Ok(i) = res else {
                return TestResult::failed();
            };
            let base = rn.0.num() as u16;
            let mem = match index {
                PairIndex::Offset => Operand::RegPreIndex(base, offset as i32, false),
                PairIndex::Pre => Operand::RegPreIndex(base, offset as i32, true),
                PairIndex::Post => Operand::RegPostIndex(base, offset as i32),
            };
            let opc = if load { Opcode::LDP } else { Opcode::STP };
            TestResult::from_bool(expect_decoded(
                i.into(),
                opc,
                &[r(rt.0, Width::X64), r(rt2.0, Width::X64), mem],
            ))
        }
        QuickCheck::new()
            .tests(3000)
            .quickcheck(prop as fn(bool, u8, ZrReg, ZrReg, SpReg, u8) -> TestResult);
    }
}
