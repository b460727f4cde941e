//! Data-processing (3 source) — Arm ARM C4.1, "Data Processing -- Register" class `dp_3src`.
//!
//! ```text
//!  31 30 29 28 27 26 25 24 23 22 21 20      16 15 14          10 9       5 4       0
//! +--+-----+--+--+--+--+--+--------+----------+--+-------------+---------+---------+
//! |sf| 0 0| 1| 1| 0| 1| 1|  op31  |    Rm    |o0|     Ra      |   Rn    |   Rd    |
//! +--+-----+--+--+--+--+--+--------+----------+--+-------------+---------+---------+
//! ```
//!
//! `op31:o0`: 000:0 MADD, 000:1 MSUB, 010:0 SMULH, 110:0 UMULH (the last two X only,
//! `Ra = 11111`). All registers are zero-register-or-register.
//!
//! Also provides [`mul_overflow_check`], the three-instruction signed 64-bit
//! multiply with overflow detection.

use super::AddSubReg;
use crate::arm64::arg::{EncodeError, Reg, Shift, Width};

/// A MADD/MSUB/SMULH/UMULH and the MUL alias.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DataProc3Src {
    sf: u32,
    op31: u32,
    rm: u32,
    o0: u32,
    ra: u32,
    rn: u32,
    rd: u32,
}

impl DataProc3Src {
    #[allow(clippy::too_many_arguments)]
    fn build(
        w: Width,
        op31: u32,
        o0: u32,
        rd: Reg,
        rn: Reg,
        rm: Reg,
        ra: Reg,
    ) -> Result<Self, EncodeError> {
        Ok(DataProc3Src {
            sf: w.sf(),
            op31,
            rm: rm.zr_field()?,
            o0,
            ra: ra.zr_field()?,
            rn: rn.zr_field()?,
            rd: rd.zr_field()?,
        })
    }

    /// MADD [Arm ARM C6.2]: `rd = ra + rn * rm`.
    pub fn madd(w: Width, rd: Reg, rn: Reg, rm: Reg, ra: Reg) -> Result<Self, EncodeError> {
        Self::build(w, 0b000, 0, rd, rn, rm, ra)
    }

    /// MSUB [Arm ARM C6.2]: `rd = ra - rn * rm`.
    pub fn msub(w: Width, rd: Reg, rn: Reg, rm: Reg, ra: Reg) -> Result<Self, EncodeError> {
        Self::build(w, 0b000, 1, rd, rn, rm, ra)
    }

    /// MUL [Arm ARM C6.2], alias of `MADD rd, rn, rm, ZR`: low half of the product.
    pub fn mul(w: Width, rd: Reg, rn: Reg, rm: Reg) -> Result<Self, EncodeError> {
        Self::madd(w, rd, rn, rm, Reg::ZR)
    }

    /// SMULH [Arm ARM C6.2]: high 64 bits of the signed 128-bit product.
    pub fn smulh(rd: Reg, rn: Reg, rm: Reg) -> Result<Self, EncodeError> {
        Self::build(Width::X64, 0b010, 0, rd, rn, rm, Reg::ZR)
    }

    /// UMULH [Arm ARM C6.2]: high 64 bits of the unsigned 128-bit product.
    pub fn umulh(rd: Reg, rn: Reg, rm: Reg) -> Result<Self, EncodeError> {
        Self::build(Width::X64, 0b110, 0, rd, rn, rm, Reg::ZR)
    }
}

impl From<DataProc3Src> for u32 {
    fn from(i: DataProc3Src) -> u32 {
        (i.sf << 31)
            | (0b11011 << 24)
            | (i.op31 << 21)
            | (i.rm << 16)
            | (i.o0 << 15)
            | (i.ra << 10)
            | (i.rn << 5)
            | i.rd
    }
}

/// Signed 64-bit multiply with overflow check:
///
/// ```text
/// smulh tmp, rn, rm        // high half of the 128-bit product
/// mul   rd, rn, rm         // low half
/// cmp   tmp, rd, asr #63   // the product fits iff high == sign of low
/// ```
///
/// Afterwards the flags say `NE` exactly when the product overflowed 64 bits. `tmp`
/// must be a general register different from `rn`, `rm` and `rd` (it is written
/// before `rn`/`rm` are read again).
pub fn mul_overflow_check(rd: Reg, rn: Reg, rm: Reg, tmp: Reg) -> Result<[u32; 3], EncodeError> {
    tmp.gp_field()?;
    if tmp == rn || tmp == rm || tmp == rd {
        return Err(EncodeError::Unpredictable);
    }
    Ok([
        DataProc3Src::smulh(tmp, rn, rm)?.into(),
        DataProc3Src::mul(Width::X64, rd, rn, rm)?.into(),
        AddSubReg::cmp(Width::X64, tmp, rd, Shift::Asr, 63)?.into(),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arm64::arg::*;
    use crate::arm64::test_util::{check_all, expect_decoded, gen::*, r};
    use quickcheck::QuickCheck;
    use yaxpeax_arm::armv8::a64::Opcode;

    fn e(i: Result<DataProc3Src, EncodeError>) -> u32 {
        i.unwrap().into()
    }

    #[test]
    fn emit() {
        use Width::*;
        check_all(&[
            (
                e(DataProc3Src::mul(X64, X0, X1, X2)),
                "207C029B",
                "mul x0, x1, x2",
            ),
            (
                e(DataProc3Src::mul(W32, X0, X1, X2)),
                "207C021B",
                "mul w0, w1, w2",
            ),
            (
                e(DataProc3Src::madd(X64, X0, X1, X2, X3)),
                "200C029B",
                "madd x0, x1, x2, x3",
            ),
            (
                e(DataProc3Src::msub(X64, X0, X1, X2, X3)),
                "208C029B",
                "msub x0, x1, x2, x3",
            ),
            (
                e(DataProc3Src::smulh(X0, X1, X2)),
                "207C429B",
                "smulh x0, x1, x2",
            ),
            (
                e(DataProc3Src::umulh(X0, X1, X2)),
                "207CC29B",
                "umulh x0, x1, x2",
            ),
        ]);
        let seq = mul_overflow_check(X0, X1, X2, X16).unwrap();
        // smulh x16, x1, x2 / mul x0, x1, x2 / cmp x16, x0, asr #63 (aarch64-linux-gnu-as)
        check_all(&[
            (seq[0], "307C429B", "smulh x16, x1, x2"),
            (seq[1], "207C029B", "mul x0, x1, x2"),
            (seq[2], "1FFE80EB", "cmp x16, x0, asr #63"),
        ]);
        assert_eq!(
            mul_overflow_check(X0, X1, X2, X1),
            Err(EncodeError::Unpredictable)
        );
        assert_eq!(
            mul_overflow_check(X0, X1, X2, XZR),
            Err(EncodeError::ZrNotAllowed)
        );
    }

    /// Quickcheck: 2000 cases over op, width and registers.
    #[test]
    fn qc_decodes_as_intended() {
        fn prop(op: u8, w: W, rd: ZrReg, rn: ZrReg, rm: ZrReg, ra: ZrReg) -> bool {
            let w = w.0;
            match op % 4 {
                0 => DataProc3Src::madd(w, rd.0, rn.0, rm.0, ra.0).is_ok_and(|i| {
                    expect_decoded(
                        i.into(),
                        Opcode::MADD,
                        &[r(rd.0, w), r(rn.0, w), r(rm.0, w), r(ra.0, w)],
                    )
                }),
                1 => DataProc3Src::msub(w, rd.0, rn.0, rm.0, ra.0).is_ok_and(|i| {
                    expect_decoded(
                        i.into(),
                        Opcode::MSUB,
                        &[r(rd.0, w), r(rn.0, w), r(rm.0, w), r(ra.0, w)],
                    )
                }),
                2 => DataProc3Src::smulh(rd.0, rn.0, rm.0).is_ok_and(|i| {
                    let x = Width::X64;
                    expect_decoded(
                        i.into(),
                        Opcode::SMULH,
                        &[r(rd.0, x), r(rn.0, x), r(rm.0, x)],
                    )
                }),
                _ => DataProc3Src::umulh(rd.0, rn.0, rm.0).is_ok_and(|i| {
                    let x = Width::X64;
                    expect_decoded(
                        i.into(),
                        Opcode::UMULH,
                        &[r(rd.0, x), r(rn.0, x), r(rm.0, x)],
                    )
                }),
            }
        }
        QuickCheck::new()
            .tests(2000)
            .quickcheck(prop as fn(u8, W, ZrReg, ZrReg, ZrReg, ZrReg) -> bool);
    }
}
