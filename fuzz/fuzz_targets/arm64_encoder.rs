//! Fuzz the AArch64 encoder: arbitrary instructions with arbitrary operands (including
//! out-of-range immediates and the wrong kind of register 31) go through the checked
//! constructors, which must never panic; every word they accept must decode with
//! yaxpeax-arm to exactly the opcode and operands we asked for.

#![no_main]

use arbitrary::Arbitrary;
use basil_asm::arm64::arg::{BitmaskImm, Cond, Reg, Shift, ShiftedImm12, VReg, Width};
use basil_asm::arm64::inst::*;
use libfuzzer_sys::fuzz_target;
use yaxpeax_arch::{Decoder, U8Reader};
use yaxpeax_arm::armv8::a64::{InstDecoder, Opcode, Operand, SIMDSizeCode, ShiftStyle, SizeCode};

/// A register choice: 0..=30 general, 31 ZR, 32 SP (anything above wraps).
#[derive(Arbitrary, Debug, Clone, Copy)]
struct R(u8);

impl R {
    fn reg(self) -> Reg {
        match self.0 % 33 {
            31 => Reg::ZR,
            32 => Reg::SP,
            n => Reg::new(n).unwrap_or(Reg::ZR),
        }
    }
}

#[derive(Arbitrary, Debug)]
enum FuzzInst {
    AddSubImm {
        op: u8,
        x: bool,
        rd: R,
        rn: R,
        imm: u32,
    },
    AddSubReg {
        op: u8,
        x: bool,
        rd: R,
        rn: R,
        rm: R,
        shift: u8,
        amount: u8,
    },
    LogicalReg {
        op: u8,
        x: bool,
        rd: R,
        rn: R,
        rm: R,
        shift: u8,
        amount: u8,
    },
    LogicalImm {
        op: u8,
        x: bool,
        rd: R,
        rn: R,
        value: u64,
    },
    Shift2 {
        op: u8,
        x: bool,
        rd: R,
        rn: R,
        rm: R,
    },
    ShiftImm {
        op: u8,
        x: bool,
        rd: R,
        rn: R,
        amount: u8,
    },
    MovWide {
        op: u8,
        x: bool,
        rd: R,
        imm16: u16,
        shift: u8,
    },
    LoadStore {
        size: u8,
        load: bool,
        idx: u8,
        rt: R,
        rn: R,
        offset: i32,
    },
    LoadStoreReg {
        size: u8,
        load: bool,
        rt: R,
        rn: R,
        rm: R,
        scaled: bool,
    },
    Pair {
        load: bool,
        idx: u8,
        rt: R,
        rt2: R,
        rn: R,
        offset: i16,
    },
    Literal {
        x: bool,
        rt: R,
        offset: i32,
    },
    Branch {
        link: bool,
        offset: i32,
    },
    BranchCond {
        cond: u8,
        offset: i32,
    },
    Cbz {
        nz: bool,
        x: bool,
        rt: R,
        offset: i32,
    },
    Tbz {
        nz: bool,
        rt: R,
        bit: u8,
        offset: i32,
    },
    BranchReg {
        op: u8,
        rn: R,
    },
    CondSel {
        op: u8,
        x: bool,
        rd: R,
        rn: R,
        rm: R,
        cond: u8,
    },
    Mul3 {
        op: u8,
        x: bool,
        rd: R,
        rn: R,
        rm: R,
        ra: R,
    },
    FpInt {
        op: u8,
        x: bool,
        g: R,
        v: u8,
    },
    Fp2 {
        op: u8,
        a: u8,
        b: u8,
        c: u8,
    },
    Fp1 {
        op: u8,
        a: u8,
        b: u8,
    },
    Fcmp {
        zero: bool,
        a: u8,
        b: u8,
    },
    Brk {
        imm: u16,
    },
}

fn w(x: bool) -> Width {
    if x {
        Width::X64
    } else {
        Width::W32
    }
}
fn sz(x: bool) -> SizeCode {
    if x {
        SizeCode::X
    } else {
        SizeCode::W
    }
}
fn r(reg: Reg, x: bool) -> Operand {
    Operand::Register(sz(x), reg.num() as u16)
}
fn rsp(reg: Reg, x: bool) -> Operand {
    Operand::RegisterOrSP(sz(x), reg.num() as u16)
}
fn v(n: u8) -> VReg {
    VReg::new(n % 32).unwrap_or(VReg::new(0).unwrap())
}
fn d(n: u8) -> Operand {
    Operand::SIMDRegister(SIMDSizeCode::D, (n % 32) as u16)
}
fn shift_of(s: u8) -> (Shift, ShiftStyle) {
    match s % 4 {
        0 => (Shift::Lsl, ShiftStyle::LSL),
        1 => (Shift::Lsr, ShiftStyle::LSR),
        2 => (Shift::Asr, ShiftStyle::ASR),
        _ => (Shift::Ror, ShiftStyle::ROR),
    }
}

type Expect = (u32, Opcode, Vec<Operand>);

/// Encode; `None` when the constructor (rightly or not — the unit tests pin the
/// rejection rules) refused the operands.
fn encode(i: &FuzzInst) -> Option<Expect> {
    use FuzzInst::*;
    Some(match *i {
        AddSubImm { op, x, rd, rn, imm } => {
            let imm = ShiftedImm12::new(imm as u64)?;
            let (rd, rn) = (rd.reg(), rn.reg());
            let (word, opc, s) = match op % 4 {
                0 => (
                    basil_asm::arm64::inst::AddSubImm::add(w(x), rd, rn, imm).ok()?,
                    Opcode::ADD,
                    false,
                ),
                1 => (
                    basil_asm::arm64::inst::AddSubImm::adds(w(x), rd, rn, imm).ok()?,
                    Opcode::ADDS,
                    true,
                ),
                2 => (
                    basil_asm::arm64::inst::AddSubImm::sub(w(x), rd, rn, imm).ok()?,
                    Opcode::SUB,
                    false,
                ),
                _ => (
                    basil_asm::arm64::inst::AddSubImm::subs(w(x), rd, rn, imm).ok()?,
                    Opcode::SUBS,
                    true,
                ),
            };
            let imm_op = if imm.sh() == 1 {
                Operand::ImmShift(imm.imm12() as u16, 12)
            } else {
                Operand::Immediate(imm.imm12())
            };
            let rd_op = if s { r(rd, x) } else { rsp(rd, x) };
            (word.into(), opc, vec![rd_op, rsp(rn, x), imm_op])
        }
        AddSubReg {
            op,
            x,
            rd,
            rn,
            rm,
            shift,
            amount,
        } => {
            let (sh, style) = shift_of(shift);
            let (rd, rn, rm) = (rd.reg(), rn.reg(), rm.reg());
            let (word, opc) = match op % 4 {
                0 => (
                    basil_asm::arm64::inst::AddSubReg::add(w(x), rd, rn, rm, sh, amount).ok()?,
                    Opcode::ADD,
                ),
                1 => (
                    basil_asm::arm64::inst::AddSubReg::adds(w(x), rd, rn, rm, sh, amount).ok()?,
                    Opcode::ADDS,
                ),
                2 => (
                    basil_asm::arm64::inst::AddSubReg::sub(w(x), rd, rn, rm, sh, amount).ok()?,
                    Opcode::SUB,
                ),
                _ => (
                    basil_asm::arm64::inst::AddSubReg::subs(w(x), rd, rn, rm, sh, amount).ok()?,
                    Opcode::SUBS,
                ),
            };
            let m = Operand::RegShift(style, amount, sz(x), rm.num() as u16);
            (word.into(), opc, vec![r(rd, x), r(rn, x), m])
        }
        LogicalReg {
            op,
            x,
            rd,
            rn,
            rm,
            shift,
            amount,
        } => {
            let (sh, style) = shift_of(shift);
            let (rd, rn, rm) = (rd.reg(), rn.reg(), rm.reg());
            type L = basil_asm::arm64::inst::LogicalReg;
            let (word, opc) = match op % 6 {
                0 => (L::and(w(x), rd, rn, rm, sh, amount).ok()?, Opcode::AND),
                1 => (L::orr(w(x), rd, rn, rm, sh, amount).ok()?, Opcode::ORR),
                2 => (L::eor(w(x), rd, rn, rm, sh, amount).ok()?, Opcode::EOR),
                3 => (L::ands(w(x), rd, rn, rm, sh, amount).ok()?, Opcode::ANDS),
                4 => (L::bic(w(x), rd, rn, rm, sh, amount).ok()?, Opcode::BIC),
                _ => (L::orn(w(x), rd, rn, rm, sh, amount).ok()?, Opcode::ORN),
            };
            let m = Operand::RegShift(style, amount, sz(x), rm.num() as u16);
            (word.into(), opc, vec![r(rd, x), r(rn, x), m])
        }
        LogicalImm {
            op,
            x,
            rd,
            rn,
            value,
        } => {
            let (rd, rn) = (rd.reg(), rn.reg());
            type L = basil_asm::arm64::inst::LogicalImm;
            let (word, opc, s) = match op % 4 {
                0 => (L::and(w(x), rd, rn, value).ok()?, Opcode::AND, false),
                1 => (L::orr(w(x), rd, rn, value).ok()?, Opcode::ORR, false),
                2 => (L::eor(w(x), rd, rn, value).ok()?, Opcode::EOR, false),
                _ => (L::ands(w(x), rd, rn, value).ok()?, Opcode::ANDS, true),
            };
            // Accepted values must be genuine bitmask immediates.
            assert_eq!(
                BitmaskImm::new(value, w(x)).map(|b| b.value(w(x))),
                Some(value)
            );
            let imm = if x {
                Operand::Imm64(value)
            } else {
                Operand::Immediate(value as u32)
            };
            let rd_op = if s { r(rd, x) } else { rsp(rd, x) };
            (word.into(), opc, vec![rd_op, r(rn, x), imm])
        }
        Shift2 { op, x, rd, rn, rm } => {
            let (rd, rn, rm) = (rd.reg(), rn.reg(), rm.reg());
            type D = DataProc2Src;
            let (word, opc) = match op % 6 {
                0 => (D::lslv(w(x), rd, rn, rm).ok()?, Opcode::LSLV),
                1 => (D::lsrv(w(x), rd, rn, rm).ok()?, Opcode::LSRV),
                2 => (D::asrv(w(x), rd, rn, rm).ok()?, Opcode::ASRV),
                3 => (D::rorv(w(x), rd, rn, rm).ok()?, Opcode::RORV),
                4 => (D::sdiv(w(x), rd, rn, rm).ok()?, Opcode::SDIV),
                _ => (D::udiv(w(x), rd, rn, rm).ok()?, Opcode::UDIV),
            };
            (word.into(), opc, vec![r(rd, x), r(rn, x), r(rm, x)])
        }
        ShiftImm {
            op,
            x,
            rd,
            rn,
            amount,
        } => {
            let (rd, rn) = (rd.reg(), rn.reg());
            let bits = w(x).bits() as u8;
            let (word, opc, immr, imms) = match op % 3 {
                0 => (
                    Bitfield::lsl(w(x), rd, rn, amount).ok()?,
                    Opcode::UBFM,
                    bits.wrapping_sub(amount) % bits,
                    bits.wrapping_sub(1).wrapping_sub(amount),
                ),
                1 => (
                    Bitfield::lsr(w(x), rd, rn, amount).ok()?,
                    Opcode::UBFM,
                    amount,
                    bits - 1,
                ),
                _ => (
                    Bitfield::asr(w(x), rd, rn, amount).ok()?,
                    Opcode::SBFM,
                    amount,
                    bits - 1,
                ),
            };
            let ops = vec![
                r(rd, x),
                r(rn, x),
                Operand::Immediate(immr as u32),
                Operand::Immediate(imms as u32),
            ];
            (word.into(), opc, ops)
        }
        MovWide {
            op,
            x,
            rd,
            imm16,
            shift,
        } => {
            let rd = rd.reg();
            type M = basil_asm::arm64::inst::MovWide;
            let (word, opc) = match op % 3 {
                0 => (M::movz(w(x), rd, imm16, shift).ok()?, Opcode::MOVZ),
                1 => (M::movn(w(x), rd, imm16, shift).ok()?, Opcode::MOVN),
                _ => (M::movk(w(x), rd, imm16, shift).ok()?, Opcode::MOVK),
            };
            (
                word.into(),
                opc,
                vec![r(rd, x), Operand::ImmShift(imm16, shift)],
            )
        }
        LoadStore {
            size,
            load,
            idx,
            rt,
            rn,
            offset,
        } => {
            let size = [AccessSize::B, AccessSize::W, AccessSize::X][size as usize % 3];
            let index =
                [Index::Unsigned, Index::Unscaled, Index::Pre, Index::Post][idx as usize % 4];
            let (rt, rn) = (rt.reg(), rn.reg());
            let word =
                basil_asm::arm64::inst::LoadStore::new(size, load, index, rt, rn, offset as i64)
                    .ok()?;
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
            let base = rn.num() as u16;
            let mem = match index {
                Index::Unsigned | Index::Unscaled => Operand::RegPreIndex(base, offset, false),
                Index::Pre => Operand::RegPreIndex(base, offset, true),
                Index::Post => Operand::RegPostIndex(base, offset),
            };
            (word.into(), opc, vec![r(rt, size == AccessSize::X), mem])
        }
        LoadStoreReg {
            size,
            load,
            rt,
            rn,
            rm,
            scaled,
        } => {
            let size = [AccessSize::B, AccessSize::W, AccessSize::X][size as usize % 3];
            let (rt, rn, rm) = (rt.reg(), rn.reg(), rm.reg());
            let word =
                basil_asm::arm64::inst::LoadStoreReg::new(size, load, rt, rn, rm, scaled).ok()?;
            let opc = match (size, load) {
                (AccessSize::B, true) => Opcode::LDRB,
                (AccessSize::B, false) => Opcode::STRB,
                (_, true) => Opcode::LDR,
                (_, false) => Opcode::STR,
            };
            let amount = if scaled { size.log2() as u8 } else { 0 };
            let mem = Operand::RegRegOffset(
                rn.num() as u16,
                rm.num() as u16,
                SizeCode::X,
                ShiftStyle::LSL,
                amount,
            );
            (word.into(), opc, vec![r(rt, size == AccessSize::X), mem])
        }
        Pair {
            load,
            idx,
            rt,
            rt2,
            rn,
            offset,
        } => {
            let index = [PairIndex::Offset, PairIndex::Pre, PairIndex::Post][idx as usize % 3];
            let (rt, rt2, rn) = (rt.reg(), rt2.reg(), rn.reg());
            let word = LoadStorePair::new(load, index, rt, rt2, rn, offset as i64).ok()?;
            let base = rn.num() as u16;
            let mem = match index {
                PairIndex::Offset => Operand::RegPreIndex(base, offset as i32, false),
                PairIndex::Pre => Operand::RegPreIndex(base, offset as i32, true),
                PairIndex::Post => Operand::RegPostIndex(base, offset as i32),
            };
            let opc = if load { Opcode::LDP } else { Opcode::STP };
            (word.into(), opc, vec![r(rt, true), r(rt2, true), mem])
        }
        Literal { x, rt, offset } => {
            let rt = rt.reg();
            let word = LoadLiteral::ldr(w(x), rt, offset as i64).ok()?;
            (
                word.into(),
                Opcode::LDR,
                vec![r(rt, x), Operand::PCOffset(offset as i64)],
            )
        }
        Branch { link, offset } => {
            let off = offset as i64;
            let (word, opc) = if link {
                (BranchImm::bl(off).ok()?, Opcode::BL)
            } else {
                (BranchImm::b(off).ok()?, Opcode::B)
            };
            (word.into(), opc, vec![Operand::PCOffset(off)])
        }
        BranchCond { cond, offset } => {
            let c = Cond::from_bits(cond);
            let word = basil_asm::arm64::inst::BranchCond::bcond(c, offset as i64).ok()?;
            (
                word.into(),
                Opcode::Bcc(c as u8),
                vec![Operand::PCOffset(offset as i64)],
            )
        }
        Cbz { nz, x, rt, offset } => {
            let rt = rt.reg();
            let off = offset as i64;
            let (word, opc) = if nz {
                (CompareBranch::cbnz(w(x), rt, off).ok()?, Opcode::CBNZ)
            } else {
                (CompareBranch::cbz(w(x), rt, off).ok()?, Opcode::CBZ)
            };
            (word.into(), opc, vec![r(rt, x), Operand::PCOffset(off)])
        }
        Tbz {
            nz,
            rt,
            bit,
            offset,
        } => {
            let rt = rt.reg();
            let off = offset as i64;
            let (word, opc) = if nz {
                (TestBranch::tbnz(rt, bit, off).ok()?, Opcode::TBNZ)
            } else {
                (TestBranch::tbz(rt, bit, off).ok()?, Opcode::TBZ)
            };
            (
                word.into(),
                opc,
                vec![
                    r(rt, bit >= 32),
                    Operand::Imm16(bit as u16),
                    Operand::PCOffset(off),
                ],
            )
        }
        BranchReg { op, rn } => {
            let rn = rn.reg();
            let (word, opc) = match op % 3 {
                0 => (basil_asm::arm64::inst::BranchReg::br(rn).ok()?, Opcode::BR),
                1 => (
                    basil_asm::arm64::inst::BranchReg::blr(rn).ok()?,
                    Opcode::BLR,
                ),
                _ => (
                    basil_asm::arm64::inst::BranchReg::ret(rn).ok()?,
                    Opcode::RET,
                ),
            };
            (word.into(), opc, vec![r(rn, true)])
        }
        CondSel {
            op,
            x,
            rd,
            rn,
            rm,
            cond,
        } => {
            let (rd, rn, rm, c) = (rd.reg(), rn.reg(), rm.reg(), Cond::from_bits(cond));
            type C = CondSelect;
            let (word, opc) = match op % 4 {
                0 => (C::csel(w(x), rd, rn, rm, c).ok()?, Opcode::CSEL),
                1 => (C::csinc(w(x), rd, rn, rm, c).ok()?, Opcode::CSINC),
                2 => (C::csinv(w(x), rd, rn, rm, c).ok()?, Opcode::CSINV),
                _ => (C::csneg(w(x), rd, rn, rm, c).ok()?, Opcode::CSNEG),
            };
            (
                word.into(),
                opc,
                vec![
                    r(rd, x),
                    r(rn, x),
                    r(rm, x),
                    Operand::ConditionCode(c as u8),
                ],
            )
        }
        Mul3 {
            op,
            x,
            rd,
            rn,
            rm,
            ra,
        } => {
            let (rd, rn, rm, ra) = (rd.reg(), rn.reg(), rm.reg(), ra.reg());
            match op % 4 {
                0 => (
                    DataProc3Src::madd(w(x), rd, rn, rm, ra).ok()?.into(),
                    Opcode::MADD,
                    vec![r(rd, x), r(rn, x), r(rm, x), r(ra, x)],
                ),
                1 => (
                    DataProc3Src::msub(w(x), rd, rn, rm, ra).ok()?.into(),
                    Opcode::MSUB,
                    vec![r(rd, x), r(rn, x), r(rm, x), r(ra, x)],
                ),
                2 => (
                    DataProc3Src::smulh(rd, rn, rm).ok()?.into(),
                    Opcode::SMULH,
                    vec![r(rd, true), r(rn, true), r(rm, true)],
                ),
                _ => (
                    DataProc3Src::umulh(rd, rn, rm).ok()?.into(),
                    Opcode::UMULH,
                    vec![r(rd, true), r(rn, true), r(rm, true)],
                ),
            }
        }
        FpInt { op, x, g, v: n } => {
            let g = g.reg();
            type F = basil_asm::arm64::inst::FpInt;
            match op % 4 {
                0 => (
                    F::fmov_to_d(v(n), g).ok()?.into(),
                    Opcode::FMOV,
                    vec![d(n), r(g, true)],
                ),
                1 => (
                    F::fmov_from_d(g, v(n)).ok()?.into(),
                    Opcode::FMOV,
                    vec![r(g, true), d(n)],
                ),
                2 => (
                    F::scvtf(w(x), v(n), g).ok()?.into(),
                    Opcode::SCVTF,
                    vec![d(n), r(g, x)],
                ),
                _ => (
                    F::fcvtzs(w(x), g, v(n)).ok()?.into(),
                    Opcode::FCVTZS,
                    vec![r(g, x), d(n)],
                ),
            }
        }
        Fp2 { op, a, b, c } => {
            let (word, opc) = match op % 4 {
                0 => (FpDp2::fmul(v(a), v(b), v(c)), Opcode::FMUL),
                1 => (FpDp2::fdiv(v(a), v(b), v(c)), Opcode::FDIV),
                2 => (FpDp2::fadd(v(a), v(b), v(c)), Opcode::FADD),
                _ => (FpDp2::fsub(v(a), v(b), v(c)), Opcode::FSUB),
            };
            (word.into(), opc, vec![d(a), d(b), d(c)])
        }
        Fp1 { op, a, b } => {
            let (word, opc) = match op % 4 {
                0 => (FpDp1::fmov(v(a), v(b)), Opcode::FMOV),
                1 => (FpDp1::fabs(v(a), v(b)), Opcode::FABS),
                2 => (FpDp1::fneg(v(a), v(b)), Opcode::FNEG),
                _ => (FpDp1::fsqrt(v(a), v(b)), Opcode::FSQRT),
            };
            (word.into(), opc, vec![d(a), d(b)])
        }
        Fcmp { zero, a, b } => {
            if zero {
                (
                    FpCmp::fcmp_zero(v(a)).into(),
                    Opcode::FCMP,
                    vec![d(a), Operand::ImmediateDouble(0.0)],
                )
            } else {
                (
                    FpCmp::fcmp(v(a), v(b)).into(),
                    Opcode::FCMP,
                    vec![d(a), d(b)],
                )
            }
        }
        Brk { imm } => (
            System::brk(imm).into(),
            Opcode::BRK,
            vec![Operand::Imm16(imm)],
        ),
    })
}

fuzz_target!(|inst: FuzzInst| {
    let Some((word, opcode, ops)) = encode(&inst) else {
        return;
    };
    let bytes = word.to_le_bytes();
    let decoded = InstDecoder::default()
        .decode(&mut U8Reader::new(&bytes))
        .unwrap_or_else(|e| panic!("{inst:?}: {word:08x} does not decode: {e:?}"));
    let mut want = [Operand::Nothing; 4];
    want[..ops.len()].copy_from_slice(&ops);
    assert!(
        decoded.opcode == opcode && decoded.operands == want,
        "{inst:?}: {word:08x} decodes as {:?} {:?} ({decoded}), wanted {opcode:?} {want:?}",
        decoded.opcode,
        decoded.operands
    );
});
