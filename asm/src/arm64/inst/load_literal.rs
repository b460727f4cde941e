//! Load register (literal) — Arm ARM C4.1, "Loads and Stores" class `loadlit`.
//!
//! ```text
//!  31 30 29 28 27 26 25 24 23                                          5 4       0
//! +-----+--+--+--+--+--+--+----------------------------------------------+---------+
//! | opc | 0| 1| 1| 0| 0| 0|                    imm19                     |   Rt    |
//! +-----+--+--+--+--+--+--+----------------------------------------------+---------+
//! ```
//!
//! `opc`: 00 LDR Wt, 01 LDR Xt. The literal is at `PC + imm19 * 4` (±1 MiB).

use crate::arm64::arg::{pc_rel, EncodeError, PcRelBits, Reg, Width};

/// An LDR (literal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadLiteral {
    opc: u32,
    imm19: u32,
    rt: u32,
}

impl LoadLiteral {
    /// LDR (literal) [Arm ARM C6.2]: load from `PC + offset` (bytes, multiple of 4, ±1 MiB).
    pub fn ldr(w: Width, rt: Reg, offset: i64) -> Result<Self, EncodeError> {
        Ok(LoadLiteral {
            opc: w.sf(),
            imm19: pc_rel(offset, PcRelBits::Imm19)?,
            rt: rt.zr_field()?,
        })
    }
}

impl From<LoadLiteral> for u32 {
    fn from(i: LoadLiteral) -> u32 {
        (i.opc << 30) | (0b011000 << 24) | (i.imm19 << 5) | i.rt
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arm64::arg::*;
    use crate::arm64::test_util::{check_all, expect_decoded, gen::*, r};
    use quickcheck::QuickCheck;
    use yaxpeax_arm::armv8::a64::{Opcode, Operand};

    fn e(i: Result<LoadLiteral, EncodeError>) -> u32 {
        i.unwrap().into()
    }

    #[test]
    fn emit() {
        use Width::*;
        check_all(&[
            (e(LoadLiteral::ldr(X64, X0, 8)), "40000058", "ldr x0, $+0x8"),
            (
                e(LoadLiteral::ldr(X64, X0, -8)),
                "C0FFFF58",
                "ldr x0, $-0x8",
            ),
            (e(LoadLiteral::ldr(W32, X1, 0)), "01000018", "ldr w1, $+0x0"),
            (
                e(LoadLiteral::ldr(X64, X30, 1048572)),
                "FEFF7F58",
                "ldr x30, $+0xffffc",
            ),
            (
                e(LoadLiteral::ldr(X64, X0, -1048576)),
                "00008058",
                "ldr x0, $-0x100000",
            ),
        ]);
        assert_eq!(
            LoadLiteral::ldr(X64, X0, 1 << 20),
            Err(EncodeError::OutOfRange)
        );
        assert_eq!(LoadLiteral::ldr(X64, X0, 6), Err(EncodeError::Misaligned));
    }

    /// Quickcheck: 2000 cases over width, register and the whole imm19 range
    /// (including both limits).
    #[test]
    fn qc_decodes_as_intended() {
        fn prop(w: W, rt: ZrReg, raw: u32, edge: u8) -> bool {
            let w = w.0;
            let f = PcRelBits::Imm19;
            let off = match edge % 4 {
                0 => f.min_bytes(),
                1 => f.max_bytes(),
                _ => ((raw as i64) << 45 >> 45) * 4,
            };
            let Ok(i) = LoadLiteral::ldr(w, rt.0, off) else {
                return false;
            };
            LoadLiteral::ldr(w, rt.0, f.max_bytes() + 4).is_err()
                && expect_decoded(i.into(), Opcode::LDR, &[r(rt.0, w), Operand::PCOffset(off)])
        }
        QuickCheck::new()
            .tests(2000)
            .quickcheck(prop as fn(W, ZrReg, u32, u8) -> bool);
    }
}
