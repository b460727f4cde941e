//! Load/store register (immediate offset forms) — Arm ARM C4.1, "Loads and Stores"
//! classes `ldst_pos` (unsigned scaled offset), `ldst_unscaled`, `ldst_immpre`, `ldst_immpost`.
//!
//! ```text
//! unsigned offset:
//!  31 30 29 28 27 26 25 24 23 22 21                      10 9       5 4       0
//! +-----+--+--+--+--+--+--+-----+--------------------------+---------+---------+
//! |size | 1| 1| 1| 0| 0| 1| opc |          imm12           |   Rn    |   Rt    |
//! +-----+--+--+--+--+--+--+-----+--------------------------+---------+---------+
//! unscaled (idx=00), post-index (idx=01), pre-index (idx=11):
//!  31 30 29 28 27 26 25 24 23 22 21 20                 12 11 10 9       5 4       0
//! +-----+--+--+--+--+--+--+-----+--+---------------------+-----+---------+---------+
//! |size | 1| 1| 1| 0| 0| 0| opc | 0|        imm9         | idx |   Rn    |   Rt    |
//! +-----+--+--+--+--+--+--+-----+--+---------------------+-----+---------+---------+
//! ```
//!
//! `size`: 00 byte, 10 word, 11 doubleword; `opc`: 00 store, 01 load (zero-extending).
//! `Rn` is SP-or-register; `Rt` is zero-register-or-register. The unsigned offset
//! is scaled by the access size (`imm12 * size`); `imm9` is a signed byte offset.
//! With writeback, `Rt == Rn` (a general register) is UNPREDICTABLE and rejected.

use crate::arm64::arg::{EncodeError, Reg, Width};

/// Access size of a single-register load or store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AccessSize {
    /// Byte (LDRB/STRB; loads zero-extend into a W register).
    B,
    /// 32-bit word, W register.
    W,
    /// 64-bit doubleword, X register.
    X,
}

impl AccessSize {
    /// The `size` field.
    pub const fn bits(self) -> u32 {
        match self {
            AccessSize::B => 0b00,
            AccessSize::W => 0b10,
            AccessSize::X => 0b11,
        }
    }

    /// log2 of the access size in bytes.
    pub const fn log2(self) -> u32 {
        match self {
            AccessSize::B => 0,
            AccessSize::W => 2,
            AccessSize::X => 3,
        }
    }

    /// The access size for a W or X register.
    pub const fn of(w: Width) -> AccessSize {
        match w {
            Width::W32 => AccessSize::W,
            Width::X64 => AccessSize::X,
        }
    }
}

/// Addressing mode of [`LoadStore`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Index {
    /// `[Rn, #imm]`, unsigned offset scaled by the access size (LDR/STR).
    Unsigned,
    /// `[Rn, #simm9]`, unscaled signed offset (LDUR/STUR).
    Unscaled,
    /// `[Rn, #simm9]!`, pre-index with writeback.
    Pre,
    /// `[Rn], #simm9`, post-index with writeback.
    Post,
}

/// A single-register LDR/STR/LDRB/STRB/LDUR/STUR with an immediate offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadStore {
    size: AccessSize,
    load: bool,
    index: Index,
    /// `imm12` (already scaled down) or `imm9` (9-bit two's complement).
    imm: u32,
    rn: u32,
    rt: u32,
}

impl LoadStore {
    /// The general constructor: any size, direction and addressing mode. `offset` is
    /// in bytes.
    pub fn new(
        size: AccessSize,
        load: bool,
        index: Index,
        rt: Reg,
        rn: Reg,
        offset: i64,
    ) -> Result<Self, EncodeError> {
        let rt_f = rt.zr_field()?;
        let rn_f = rn.sp_field()?;
        let imm = match index {
            Index::Unsigned => {
                let scale = 1i64 << size.log2();
                if offset < 0 || offset > 4095 * scale {
                    return Err(EncodeError::OutOfRange);
                }
                if offset % scale != 0 {
                    return Err(EncodeError::Misaligned);
                }
                (offset / scale) as u32
            }
            Index::Unscaled | Index::Pre | Index::Post => {
                if !(-256..=255).contains(&offset) {
                    return Err(EncodeError::OutOfRange);
                }
                (offset as u32) & 0x1ff
            }
        };
        let writeback = matches!(index, Index::Pre | Index::Post);
        if writeback && !rt.is_zr() && !rn.is_sp() && rt == rn {
            return Err(EncodeError::Unpredictable);
        }
        Ok(LoadStore {
            size,
            load,
            index,
            imm,
            rn: rn_f,
            rt: rt_f,
        })
    }

    /// LDR (immediate, unsigned offset) [Arm ARM C6.2]: load a W or X register from
    /// `[rn, #offset]`, `offset` a multiple of the size up to `4095 * size`.
    pub fn ldr(w: Width, rt: Reg, rn: Reg, offset: i64) -> Result<Self, EncodeError> {
        Self::new(AccessSize::of(w), true, Index::Unsigned, rt, rn, offset)
    }

    /// STR (immediate, unsigned offset) [Arm ARM C6.2].
    pub fn str(w: Width, rt: Reg, rn: Reg, offset: i64) -> Result<Self, EncodeError> {
        Self::new(AccessSize::of(w), false, Index::Unsigned, rt, rn, offset)
    }

    /// LDRB (immediate, unsigned offset) [Arm ARM C6.2]: zero-extending byte load, `0..=4095`.
    pub fn ldrb(rt: Reg, rn: Reg, offset: i64) -> Result<Self, EncodeError> {
        Self::new(AccessSize::B, true, Index::Unsigned, rt, rn, offset)
    }

    /// STRB (immediate, unsigned offset) [Arm ARM C6.2].
    pub fn strb(rt: Reg, rn: Reg, offset: i64) -> Result<Self, EncodeError> {
        Self::new(AccessSize::B, false, Index::Unsigned, rt, rn, offset)
    }

    /// LDUR [Arm ARM C6.2]: load with an unscaled signed offset in `-256..=255`.
    pub fn ldur(w: Width, rt: Reg, rn: Reg, offset: i64) -> Result<Self, EncodeError> {
        Self::new(AccessSize::of(w), true, Index::Unscaled, rt, rn, offset)
    }

    /// STUR [Arm ARM C6.2]: store with an unscaled signed offset in `-256..=255`.
    pub fn stur(w: Width, rt: Reg, rn: Reg, offset: i64) -> Result<Self, EncodeError> {
        Self::new(AccessSize::of(w), false, Index::Unscaled, rt, rn, offset)
    }

    /// LDURB [Arm ARM C6.2].
    pub fn ldurb(rt: Reg, rn: Reg, offset: i64) -> Result<Self, EncodeError> {
        Self::new(AccessSize::B, true, Index::Unscaled, rt, rn, offset)
    }

    /// STURB [Arm ARM C6.2].
    pub fn sturb(rt: Reg, rn: Reg, offset: i64) -> Result<Self, EncodeError> {
        Self::new(AccessSize::B, false, Index::Unscaled, rt, rn, offset)
    }

    /// LDR (immediate, pre-index) [Arm ARM C6.2]: `rn += offset; rt = [rn]`.
    pub fn ldr_pre(w: Width, rt: Reg, rn: Reg, offset: i64) -> Result<Self, EncodeError> {
        Self::new(AccessSize::of(w), true, Index::Pre, rt, rn, offset)
    }

    /// LDR (immediate, post-index) [Arm ARM C6.2]: `rt = [rn]; rn += offset`.
    pub fn ldr_post(w: Width, rt: Reg, rn: Reg, offset: i64) -> Result<Self, EncodeError> {
        Self::new(AccessSize::of(w), true, Index::Post, rt, rn, offset)
    }

    /// STR (immediate, pre-index) [Arm ARM C6.2]: `rn += offset; [rn] = rt`.
    pub fn str_pre(w: Width, rt: Reg, rn: Reg, offset: i64) -> Result<Self, EncodeError> {
        Self::new(AccessSize::of(w), false, Index::Pre, rt, rn, offset)
    }

    /// STR (immediate, post-index) [Arm ARM C6.2]: `[rn] = rt; rn += offset`.
    pub fn str_post(w: Width, rt: Reg, rn: Reg, offset: i64) -> Result<Self, EncodeError> {
        Self::new(AccessSize::of(w), false, Index::Post, rt, rn, offset)
    }
}

impl From<LoadStore> for u32 {
    fn from(i: LoadStore) -> u32 {
        let base =
            (i.size.bits() << 30) | (0b111 << 27) | ((i.load as u32) << 22) | (i.rn << 5) | i.rt;
        match i.index {
            Index::Unsigned => base | (0b01 << 24) | (i.imm << 10),
            Index::Unscaled => base | (i.imm << 12),
            Index::Post => base | (i.imm << 12) | (0b01 << 10),
            Index::Pre => base | (i.imm << 12) | (0b11 << 10),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arm64::arg::*;
    use crate::arm64::test_util::{check_all, expect_decoded, gen::*, r};
    use quickcheck::{QuickCheck, TestResult};
    use yaxpeax_arm::armv8::a64::{Opcode, Operand};

    fn e(i: Result<LoadStore, EncodeError>) -> u32 {
        i.unwrap().into()
    }

    #[test]
    fn emit() {
        use Width::*;
        check_all(&[
            (
                e(LoadStore::ldr(X64, X0, X1, 8)),
                "200440F9",
                "ldr x0, [x1, #8]",
            ),
            (
                e(LoadStore::ldr(X64, X0, X1, 0)),
                "200040F9",
                "ldr x0, [x1]",
            ),
            (
                e(LoadStore::ldr(X64, X0, SP, 32760)),
                "E0FF7FF9",
                "ldr x0, [sp, #32760]",
            ),
            (
                e(LoadStore::ldr(W32, X0, SP, 4)),
                "E00740B9",
                "ldr w0, [sp, #4]",
            ),
            (
                e(LoadStore::ldr(W32, X3, X4, 16380)),
                "83FC7FB9",
                "ldr w3, [x4, #16380]",
            ),
            (
                e(LoadStore::ldrb(X0, X1, 4095)),
                "20FC7F39",
                "ldrb w0, [x1, #4095]",
            ),
            (e(LoadStore::ldrb(X0, X1, 0)), "20004039", "ldrb w0, [x1]"),
            (
                e(LoadStore::str(X64, X0, X1, 8)),
                "200400F9",
                "str x0, [x1, #8]",
            ),
            (
                e(LoadStore::str(W32, X0, SP, 0)),
                "E00300B9",
                "str w0, [sp]",
            ),
            (
                e(LoadStore::strb(X2, X3, 1)),
                "62040039",
                "strb w2, [x3, #1]",
            ),
            (
                e(LoadStore::str(X64, XZR, SP, 8)),
                "FF0700F9",
                "str xzr, [sp, #8]",
            ),
            (
                e(LoadStore::ldur(X64, X0, X1, -8)),
                "20805FF8",
                "ldur x0, [x1, #-8]",
            ),
            (
                e(LoadStore::ldur(X64, X0, X1, 255)),
                "20F04FF8",
                "ldur x0, [x1, #255]",
            ),
            (
                e(LoadStore::ldur(W32, X0, SP, -256)),
                "E00350B8",
                "ldur w0, [sp, #-256]",
            ),
            (
                e(LoadStore::ldurb(X0, X1, -1)),
                "20F05F38",
                "ldurb w0, [x1, #-1]",
            ),
            (
                e(LoadStore::stur(X64, X0, X1, -8)),
                "20801FF8",
                "stur x0, [x1, #-8]",
            ),
            (
                e(LoadStore::stur(W32, X0, X1, 3)),
                "203000B8",
                "stur w0, [x1, #3]",
            ),
            (
                e(LoadStore::sturb(X0, X1, -256)),
                "20001038",
                "sturb w0, [x1, #-256]",
            ),
            (
                e(LoadStore::ldr_pre(X64, X0, X1, -8)),
                "208C5FF8",
                "ldr x0, [x1, #-8]!",
            ),
            (
                e(LoadStore::ldr_post(X64, X0, X1, 8)),
                "208440F8",
                "ldr x0, [x1], #8",
            ),
            (
                e(LoadStore::ldr_pre(W32, X0, SP, -256)),
                "E00F50B8",
                "ldr w0, [sp, #-256]!",
            ),
            (
                e(LoadStore::str_pre(X64, X0, SP, -16)),
                "E00F1FF8",
                "str x0, [sp, #-16]!",
            ),
            (
                e(LoadStore::str_post(W32, X0, X1, 255)),
                "20F40FB8",
                "str w0, [x1], #255",
            ),
            (
                e(LoadStore::new(
                    AccessSize::B,
                    false,
                    Index::Post,
                    X0,
                    X1,
                    -1,
                )),
                "20F41F38",
                "strb w0, [x1], #-1",
            ),
            (
                e(LoadStore::new(AccessSize::B, true, Index::Pre, X0, X1, 1)),
                "201C4038",
                "ldrb w0, [x1, #1]!",
            ),
        ]);
    }

    #[test]
    fn rejects_bad_operands() {
        use Width::*;
        assert_eq!(LoadStore::ldr(X64, X0, X1, 4), Err(EncodeError::Misaligned));
        assert_eq!(
            LoadStore::ldr(X64, X0, X1, 32768),
            Err(EncodeError::OutOfRange)
        );
        assert_eq!(
            LoadStore::ldr(X64, X0, X1, -8),
            Err(EncodeError::OutOfRange)
        );
        assert_eq!(LoadStore::ldrb(X0, X1, 4096), Err(EncodeError::OutOfRange));
        assert_eq!(
            LoadStore::ldur(X64, X0, X1, 256),
            Err(EncodeError::OutOfRange)
        );
        assert_eq!(
            LoadStore::ldur(X64, X0, X1, -257),
            Err(EncodeError::OutOfRange)
        );
        assert_eq!(
            LoadStore::ldr(X64, X0, XZR, 0),
            Err(EncodeError::ZrNotAllowed)
        );
        assert_eq!(
            LoadStore::ldr(X64, SP, X1, 0),
            Err(EncodeError::SpNotAllowed)
        );
        assert_eq!(
            LoadStore::ldr_pre(X64, X1, X1, 8),
            Err(EncodeError::Unpredictable)
        );
        assert!(LoadStore::str_pre(X64, XZR, SP, -16).is_ok());
    }

    /// Quickcheck: 4000 cases over size, direction, all four addressing modes,
    /// registers and the whole offset field; the first offsets past either end of
    /// the field must be rejected rather than wrapped.
    #[test]
    fn qc_decodes_as_intended() {
        fn prop(size: u8, load: bool, idx: u8, rt: ZrReg, rn: SpReg, raw: u16) -> TestResult {
            let size = [AccessSize::B, AccessSize::W, AccessSize::X][size as usize % 3];
            let index =
                [Index::Unsigned, Index::Unscaled, Index::Pre, Index::Post][idx as usize % 4];
            let offset: i64 = match index {
                Index::Unsigned => ((raw % 4096) as i64) << size.log2(),
                _ => (raw % 512) as i64 - 256,
            };
            // The first offsets past either end of the field are rejected.
            let (lo, hi) = match index {
                Index::Unsigned => (-1, 4096i64 << size.log2()),
                _ => (-257, 256),
            };
            for bad in [lo, hi] {
                if LoadStore::new(size, load, index, rt.0, rn.0, bad).is_ok() {
                    return TestResult::failed();
                }
            }
            let res = LoadStore::new(size, load, index, rt.0, rn.0, offset);
            let writeback = matches!(index, Index::Pre | Index::Post);
            if writeback && !rt.0.is_zr() && !rn.0.is_sp() && rt.0 == rn.0 {
                return TestResult::from_bool(res == Err(EncodeError::Unpredictable));
            }
            let Ok(i) = res else {
                return TestResult::failed();
            };
            let opc = match (size, load, index) {
                (AccessSize::B, true, Index::Unscaled) => Opcode::LDURB,
                (AccessSize::B, false, Index::Unscaled) => Opcode::STURB,
                (_, true, Index::Unscaled) => Opcode::LDUR,
                (_, false, Index::Unscaled) => Opcode::STUR,
                (AccessSize::B, true, _) => Opcode::LDRB,
                (AccessSize::B, false, _) => Opcode::STRB,
                (_, true, _) => Opcode::LDR,
                (_, false, _) => Opcode::STR,
            };
            let w = if size == AccessSize::X {
                Width::X64
            } else {
                Width::W32
            };
            let base = rn.0.num() as u16;
            let mem = match index {
                Index::Unsigned | Index::Unscaled => {
                    Operand::RegPreIndex(base, offset as i32, false)
                }
                Index::Pre => Operand::RegPreIndex(base, offset as i32, true),
                Index::Post => Operand::RegPostIndex(base, offset as i32),
            };
            TestResult::from_bool(expect_decoded(i.into(), opc, &[r(rt.0, w), mem]))
        }
        QuickCheck::new()
            .tests(4000)
            .quickcheck(prop as fn(u8, bool, u8, ZrReg, SpReg, u16) -> TestResult);
    }
}
