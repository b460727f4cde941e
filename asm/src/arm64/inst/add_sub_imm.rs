//! Add/subtract (immediate) — Arm ARM C4.1, "Data Processing -- Immediate" class `addsub_imm`.
//!
//! ```text
//!  31 30 29 28 27 26 25 24 23 22 21                    10 9         5 4         0
//! +--+--+--+--+--+--+--+--+--+--+------------------------+-----------+-----------+
//! |sf|op| S| 1| 0| 0| 0| 1| 0|sh|         imm12          |    Rn     |    Rd     |
//! +--+--+--+--+--+--+--+--+--+--+------------------------+-----------+-----------+
//! ```
//!
//! `op`: 0 = ADD, 1 = SUB; `S`: set flags. `Rn` is always SP-or-register; `Rd` is
//! SP-or-register without `S`, and zero-register-or-register with `S` (so
//! `CMP`/`CMN` are `SUBS`/`ADDS` with `Rd = ZR`).

use crate::arm64::arg::{EncodeError, Reg, ShiftedImm12, Width};

/// An encoded-ready ADD/ADDS/SUB/SUBS (immediate).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddSubImm {
    sf: u32,
    op: u32,
    s: u32,
    imm: ShiftedImm12,
    rn: u32,
    rd: u32,
}

impl AddSubImm {
    fn build(
        w: Width,
        op: u32,
        s: u32,
        rd: Reg,
        rn: Reg,
        imm: ShiftedImm12,
    ) -> Result<Self, EncodeError> {
        let rd = if s == 1 {
            rd.zr_field()?
        } else {
            rd.sp_field()?
        };
        Ok(AddSubImm {
            sf: w.sf(),
            op,
            s,
            imm,
            rn: rn.sp_field()?,
            rd,
        })
    }

    /// ADD (immediate) [Arm ARM C6.2]: `rd = rn + imm`; `rd` and `rn` may be SP.
    pub fn add(w: Width, rd: Reg, rn: Reg, imm: ShiftedImm12) -> Result<Self, EncodeError> {
        Self::build(w, 0, 0, rd, rn, imm)
    }

    /// ADDS (immediate) [Arm ARM C6.2]: `rd = rn + imm`, setting flags; `rd` may be ZR, `rn` SP.
    pub fn adds(w: Width, rd: Reg, rn: Reg, imm: ShiftedImm12) -> Result<Self, EncodeError> {
        Self::build(w, 0, 1, rd, rn, imm)
    }

    /// SUB (immediate) [Arm ARM C6.2]: `rd = rn - imm`; `rd` and `rn` may be SP.
    pub fn sub(w: Width, rd: Reg, rn: Reg, imm: ShiftedImm12) -> Result<Self, EncodeError> {
        Self::build(w, 1, 0, rd, rn, imm)
    }

    /// SUBS (immediate) [Arm ARM C6.2]: `rd = rn - imm`, setting flags.
    pub fn subs(w: Width, rd: Reg, rn: Reg, imm: ShiftedImm12) -> Result<Self, EncodeError> {
        Self::build(w, 1, 1, rd, rn, imm)
    }

    /// CMP (immediate) [Arm ARM C6.2], alias of `SUBS ZR, rn, #imm`.
    pub fn cmp(w: Width, rn: Reg, imm: ShiftedImm12) -> Result<Self, EncodeError> {
        Self::subs(w, Reg::ZR, rn, imm)
    }

    /// CMN (immediate) [Arm ARM C6.2], alias of `ADDS ZR, rn, #imm`.
    pub fn cmn(w: Width, rn: Reg, imm: ShiftedImm12) -> Result<Self, EncodeError> {
        Self::adds(w, Reg::ZR, rn, imm)
    }

    /// MOV (to/from SP) [Arm ARM C6.2], alias of `ADD rd, rn, #0`. One of `rd`/`rn`
    /// should be SP for the alias to apply; any SP-or-register operands encode.
    pub fn mov_sp(w: Width, rd: Reg, rn: Reg) -> Result<Self, EncodeError> {
        Self::add(
            w,
            rd,
            rn,
            ShiftedImm12::new(0).ok_or(EncodeError::OutOfRange)?,
        )
    }
}

impl From<AddSubImm> for u32 {
    fn from(i: AddSubImm) -> u32 {
        (i.sf << 31)
            | (i.op << 30)
            | (i.s << 29)
            | (0b100010 << 23)
            | (i.imm.sh() << 22)
            | (i.imm.imm12() << 10)
            | (i.rn << 5)
            | i.rd
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arm64::arg::*;
    use crate::arm64::test_util::{check_all, expect_decoded, gen::*, r, rsp};
    use quickcheck::QuickCheck;
    use yaxpeax_arm::armv8::a64::{Opcode, Operand};

    fn imm(v: u64) -> ShiftedImm12 {
        ShiftedImm12::new(v).unwrap()
    }
    fn e(i: Result<AddSubImm, EncodeError>) -> u32 {
        i.unwrap().into()
    }

    #[test]
    fn emit() {
        use Width::*;
        check_all(&[
            (
                e(AddSubImm::add(W32, X1, X2, imm(0))),
                "41000011",
                "add w1, w2, #0x0",
            ),
            (
                e(AddSubImm::add(X64, X0, SP, imm(16))),
                "E0430091",
                "add x0, sp, #0x10",
            ),
            (
                e(AddSubImm::add(X64, SP, X1, imm(0x1000))),
                "3F044091",
                "add sp, x1, #0x1, lsl #12",
            ),
            (
                e(AddSubImm::add(W32, SP, X30, imm(4095))),
                "DFFF3F11",
                "add wsp, w30, #0xfff",
            ),
            (
                e(AddSubImm::adds(X64, X0, X1, imm(4095))),
                "20FC3FB1",
                "adds x0, x1, #0xfff",
            ),
            (
                e(AddSubImm::adds(W32, X3, SP, imm(0xfff000))),
                "E3FF7F31",
                "adds w3, wsp, #0xfff, lsl #12",
            ),
            (
                e(AddSubImm::sub(X64, X5, X6, imm(1))),
                "C50400D1",
                "sub x5, x6, #0x1",
            ),
            (
                e(AddSubImm::sub(X64, SP, SP, imm(32))),
                "FF8300D1",
                "sub sp, sp, #0x20",
            ),
            (
                e(AddSubImm::subs(X64, X0, X1, imm(2))),
                "200800F1",
                "subs x0, x1, #0x2",
            ),
            (
                e(AddSubImm::subs(W32, X0, X1, imm(0x1000))),
                "20044071",
                "subs w0, w1, #0x1, lsl #12",
            ),
            (
                e(AddSubImm::cmp(X64, X1, imm(5))),
                "3F1400F1",
                "cmp x1, #0x5",
            ),
            (
                e(AddSubImm::cmp(X64, SP, imm(16))),
                "FF4300F1",
                "cmp sp, #0x10",
            ),
            (
                e(AddSubImm::cmn(W32, X1, imm(5))),
                "3F140031",
                "cmn w1, #0x5",
            ),
            (e(AddSubImm::mov_sp(X64, SP, X1)), "3F000091", "mov sp, x1"),
            (e(AddSubImm::mov_sp(X64, X1, SP)), "E1030091", "mov x1, sp"),
            (e(AddSubImm::mov_sp(W32, SP, X2)), "5F000011", "mov wsp, w2"),
        ]);
    }

    #[test]
    fn rejects_wrong_register_31() {
        assert_eq!(
            AddSubImm::add(Width::X64, XZR, X1, imm(1)),
            Err(EncodeError::ZrNotAllowed)
        );
        assert_eq!(
            AddSubImm::add(Width::X64, X1, XZR, imm(1)),
            Err(EncodeError::ZrNotAllowed)
        );
        assert_eq!(
            AddSubImm::adds(Width::X64, SP, X1, imm(1)),
            Err(EncodeError::SpNotAllowed)
        );
        assert_eq!(
            AddSubImm::cmp(Width::X64, XZR, imm(1)),
            Err(EncodeError::ZrNotAllowed)
        );
    }

    /// Quickcheck: 2000 cases over width, op, S, registers and the full imm12 x sh space.
    #[test]
    fn qc_decodes_as_intended() {
        fn prop(w: W, op: u8, rd: AnyReg, rn: AnyReg, imm12: u16, sh: bool) -> bool {
            let w = w.0;
            let (sub, s) = (op & 1 == 1, op & 2 == 2);
            let Some(i) = ShiftedImm12::with_shift(imm12 % 4096, sh) else {
                return false;
            };
            let f = match (sub, s) {
                (false, false) => AddSubImm::add,
                (false, true) => AddSubImm::adds,
                (true, false) => AddSubImm::sub,
                (true, true) => AddSubImm::subs,
            };
            let res = f(w, rd.0, rn.0, i);
            // Rejections must be exactly the wrong-register-31 cases.
            let rd_ok = if s { !rd.0.is_sp() } else { !rd.0.is_zr() };
            let rn_ok = !rn.0.is_zr();
            let Ok(inst) = res else {
                return !(rd_ok && rn_ok);
            };
            if !(rd_ok && rn_ok) {
                return false;
            }
            let opc = match (sub, s) {
                (false, false) => Opcode::ADD,
                (false, true) => Opcode::ADDS,
                (true, false) => Opcode::SUB,
                (true, true) => Opcode::SUBS,
            };
            let rd_op = if s { r(rd.0, w) } else { rsp(rd.0, w) };
            let imm_op = if sh {
                Operand::ImmShift(i.imm12() as u16, 12)
            } else {
                Operand::Immediate(i.imm12())
            };
            expect_decoded(inst.into(), opc, &[rd_op, rsp(rn.0, w), imm_op])
        }
        QuickCheck::new()
            .tests(2000)
            .quickcheck(prop as fn(W, u8, AnyReg, AnyReg, u16, bool) -> bool);
    }
}
