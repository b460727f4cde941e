//! Load/store register (register offset) — Arm ARM C4.1, "Loads and Stores" class `ldst_regoff`.
//!
//! ```text
//!  31 30 29 28 27 26 25 24 23 22 21 20      16 15    13 12 11 10 9       5 4       0
//! +-----+--+--+--+--+--+--+-----+--+----------+--------+--+--+--+---------+---------+
//! |size | 1| 1| 1| 0| 0| 0| opc | 1|    Rm    | option | S| 1| 0|   Rn    |   Rt    |
//! +-----+--+--+--+--+--+--+-----+--+----------+--------+--+--+--+---------+---------+
//! ```
//!
//! We emit `option = 011` (LSL/UXTX, a 64-bit index register) only: `[Rn, Xm]` or,
//! with `S = 1`, `[Rn, Xm, LSL #log2(size)]`. `Rn` is SP-or-register, `Rm` and `Rt`
//! zero-register-or-register. For bytes the scaled form is not offered.

use super::load_store::AccessSize;
use crate::arm64::arg::{EncodeError, Reg, Width};

/// A single-register LDR/STR/LDRB/STRB with a register offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadStoreReg {
    size: AccessSize,
    load: bool,
    rm: u32,
    s: u32,
    rn: u32,
    rt: u32,
}

impl LoadStoreReg {
    /// The general constructor. `scaled` shifts `rm` left by log2 of the access size;
    /// it is rejected for byte accesses.
    pub fn new(
        size: AccessSize,
        load: bool,
        rt: Reg,
        rn: Reg,
        rm: Reg,
        scaled: bool,
    ) -> Result<Self, EncodeError> {
        if scaled && size == AccessSize::B {
            return Err(EncodeError::Unencodable);
        }
        Ok(LoadStoreReg {
            size,
            load,
            rm: rm.zr_field()?,
            s: scaled as u32,
            rn: rn.sp_field()?,
            rt: rt.zr_field()?,
        })
    }

    /// LDR (register) [Arm ARM C6.2]: `rt = [rn + (rm << (scaled ? log2(size) : 0))]`.
    pub fn ldr(w: Width, rt: Reg, rn: Reg, rm: Reg, scaled: bool) -> Result<Self, EncodeError> {
        Self::new(AccessSize::of(w), true, rt, rn, rm, scaled)
    }

    /// STR (register) [Arm ARM C6.2].
    pub fn str(w: Width, rt: Reg, rn: Reg, rm: Reg, scaled: bool) -> Result<Self, EncodeError> {
        Self::new(AccessSize::of(w), false, rt, rn, rm, scaled)
    }

    /// LDRB (register) [Arm ARM C6.2]: `rt = zero-extend byte [rn + rm]`.
    pub fn ldrb(rt: Reg, rn: Reg, rm: Reg) -> Result<Self, EncodeError> {
        Self::new(AccessSize::B, true, rt, rn, rm, false)
    }

    /// STRB (register) [Arm ARM C6.2].
    pub fn strb(rt: Reg, rn: Reg, rm: Reg) -> Result<Self, EncodeError> {
        Self::new(AccessSize::B, false, rt, rn, rm, false)
    }
}

impl From<LoadStoreReg> for u32 {
    fn from(i: LoadStoreReg) -> u32 {
        (i.size.bits() << 30)
            | (0b111 << 27)
            | ((i.load as u32) << 22)
            | (1 << 21)
            | (i.rm << 16)
            | (0b011 << 13)
            | (i.s << 12)
            | (0b10 << 10)
            | (i.rn << 5)
            | i.rt
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arm64::arg::*;
    use crate::arm64::test_util::{check_all, expect_decoded, gen::*, r};
    use quickcheck::QuickCheck;
    use yaxpeax_arm::armv8::a64::{Opcode, Operand, ShiftStyle, SizeCode};

    fn e(i: Result<LoadStoreReg, EncodeError>) -> u32 {
        i.unwrap().into()
    }

    #[test]
    fn emit() {
        use Width::*;
        check_all(&[
            (
                e(LoadStoreReg::ldr(X64, X0, X1, X2, false)),
                "206862F8",
                "ldr x0, [x1, x2]",
            ),
            (
                e(LoadStoreReg::ldr(X64, X0, X1, X2, true)),
                "207862F8",
                "ldr x0, [x1, x2, lsl #3]",
            ),
            (
                e(LoadStoreReg::ldr(W32, X0, SP, X2, true)),
                "E07B62B8",
                "ldr w0, [sp, x2, lsl #2]",
            ),
            (
                e(LoadStoreReg::ldr(W32, X0, X1, X2, false)),
                "206862B8",
                "ldr w0, [x1, x2]",
            ),
            (
                e(LoadStoreReg::ldrb(X0, X1, X2)),
                "20686238",
                "ldrb w0, [x1, x2]",
            ),
            (
                e(LoadStoreReg::str(X64, X0, X1, X2, false)),
                "206822F8",
                "str x0, [x1, x2]",
            ),
            (
                e(LoadStoreReg::str(X64, X0, X1, XZR, true)),
                "20783FF8",
                "str x0, [x1, xzr, lsl #3]",
            ),
            (
                e(LoadStoreReg::strb(X0, X1, X2)),
                "20682238",
                "strb w0, [x1, x2]",
            ),
        ]);
        assert_eq!(
            LoadStoreReg::ldr(X64, X0, X1, SP, false),
            Err(EncodeError::SpNotAllowed)
        );
        assert_eq!(
            LoadStoreReg::new(AccessSize::B, true, X0, X1, X2, true),
            Err(EncodeError::Unencodable)
        );
    }

    /// Quickcheck: 2000 cases over size, direction, scaling and registers.
    #[test]
    fn qc_decodes_as_intended() {
        fn prop(size: u8, load: bool, scaled: bool, rt: ZrReg, rn: SpReg, rm: ZrReg) -> bool {
            let size = [AccessSize::B, AccessSize::W, AccessSize::X][size as usize % 3];
            let scaled = scaled && size != AccessSize::B;
            let Ok(i) = LoadStoreReg::new(size, load, rt.0, rn.0, rm.0, scaled) else {
                return false;
            };
            let opc = match (size, load) {
                (AccessSize::B, true) => Opcode::LDRB,
                (AccessSize::B, false) => Opcode::STRB,
                (_, true) => Opcode::LDR,
                (_, false) => Opcode::STR,
            };
            let w = if size == AccessSize::X {
                Width::X64
            } else {
                Width::W32
            };
            let amount = if scaled { size.log2() as u8 } else { 0 };
            let mem = Operand::RegRegOffset(
                rn.0.num() as u16,
                rm.0.num() as u16,
                SizeCode::X,
                ShiftStyle::LSL,
                amount,
            );
            expect_decoded(i.into(), opc, &[r(rt.0, w), mem])
        }
        QuickCheck::new()
            .tests(2000)
            .quickcheck(prop as fn(u8, bool, bool, ZrReg, SpReg, ZrReg) -> bool);
    }
}
