//! x86-64 emission: allocated IR → iced-x86 instructions → bytes.
//!
//! One `CodeAssembler` collects the inline stream followed by the side-exit
//! bodies; the instruction list is then split in two and encoded with one
//! `BlockEncoder::encode_slice` call as two blocks (inline at `inline_base`,
//! outlined at `outlined_base`), so local branches, including jumps from
//! inline code to exits, are resolved and shortened by iced.
//!
//! Far jumps (`Target::Patchable`, `Target::Addr`) are *not* given to iced as
//! branches (its block encoder would shorten them): they are emitted as raw
//! `E9 rel32` / `0F 8x rel32` bytes, their final addresses are read back from
//! `BlockEncoderOptions::RETURN_NEW_INSTRUCTION_OFFSETS`, and the rel32 is
//! filled in afterwards. Every label is a zero-byte instruction, so its
//! address is read back the same way.

use super::cond::{test_of, Cc, Test};
use super::epilogue;
use super::ops::{mem_opnd, r64, Alu, Src};
use crate::codemem::{PatchKind, PatchSite};
use crate::ir::{Assembler, Cond, Insn, PatchId, Target};
use crate::{AsmError, Lowered};
use iced_x86::code_asm::*;
use iced_x86::{BlockEncoder, BlockEncoderOptions, InstructionBlock};

/// A far jump emitted as raw bytes, fixed up after encoding.
struct FarJump {
    /// Instruction index of the `db`.
    idx: usize,
    kind: PatchKind,
    target: u64,
    id: Option<PatchId>,
}

/// Emission state: one `CodeAssembler` for all streams, plus what is
/// needed to read addresses back after encoding.
pub(super) struct Emitter<'a> {
    pub(super) a: CodeAssembler,
    asm: &'a Assembler,
    labels: Vec<CodeLabel>,
    label_idx: Vec<Option<usize>>,
    exit_labels: Vec<CodeLabel>,
    exit_idx: Vec<usize>,
    far: Vec<FarJump>,
}

impl<'a> Emitter<'a> {
    fn new(asm: &'a Assembler) -> Result<Self, AsmError> {
        let mut a = CodeAssembler::new(64)?;
        let labels = (0..asm.num_labels).map(|_| a.create_label()).collect();
        let exit_labels = (0..asm.exits.len()).map(|_| a.create_label()).collect();
        Ok(Emitter {
            a,
            asm,
            labels,
            label_idx: vec![None; asm.num_labels as usize],
            exit_labels,
            exit_idx: Vec::new(),
            far: Vec::new(),
        })
    }

    fn len(&self) -> usize {
        self.a.instructions().len()
    }

    /// Bind a code label to a zero-byte instruction; returns its index.
    fn place(&mut self, label: &mut CodeLabel) -> Result<usize, AsmError> {
        self.a.set_label(label)?;
        self.a.zero_bytes()?;
        Ok(self.len() - 1)
    }

    fn jcc_label(&mut self, cc: Cc, l: CodeLabel) -> Result<(), AsmError> {
        let a = &mut self.a;
        match cc {
            Cc::O => a.jo(l)?,
            Cc::No => a.jno(l)?,
            Cc::B => a.jb(l)?,
            Cc::Ae => a.jae(l)?,
            Cc::E => a.je(l)?,
            Cc::Ne => a.jne(l)?,
            Cc::Be => a.jbe(l)?,
            Cc::A => a.ja(l)?,
            Cc::P => a.jp(l)?,
            Cc::L => a.jl(l)?,
            Cc::Ge => a.jge(l)?,
            Cc::Le => a.jle(l)?,
            Cc::G => a.jg(l)?,
        }
        Ok(())
    }

    /// A far jump (raw rel32 bytes), `cc == None` for `jmp`.
    fn far(&mut self, cc: Option<Cc>, target: u64, id: Option<PatchId>) -> Result<(), AsmError> {
        let idx = self.len();
        let kind = match cc {
            None => {
                self.a.db(&[0xE9, 0, 0, 0, 0])?;
                PatchKind::X86Jmp32
            }
            Some(cc) => {
                self.a.db(&[0x0F, 0x80 | cc as u8, 0, 0, 0, 0])?;
                PatchKind::X86Jcc32
            }
        };
        self.far.push(FarJump {
            idx,
            kind,
            target,
            id,
        });
        Ok(())
    }

    /// Jump on `cc` (`None`: always) to a target.
    fn jump_cc(&mut self, cc: Option<Cc>, t: Target) -> Result<(), AsmError> {
        let label = match t {
            Target::Label(l) => self.labels[l.0 as usize],
            Target::SideExit(e) => self.exit_labels[e.0 as usize],
            Target::Patchable(id) => {
                let addr = *self
                    .asm
                    .patches
                    .get(id.0 as usize)
                    .ok_or_else(|| AsmError::Invalid(format!("no patch id {}", id.0)))?;
                return self.far(cc, addr, Some(id));
            }
            Target::Addr(addr) => return self.far(cc, addr, None),
        };
        match cc {
            None => self.a.jmp(label)?,
            Some(cc) => self.jcc_label(cc, label)?,
        }
        Ok(())
    }

    fn jcc(&mut self, cond: Cond, t: Target) -> Result<(), AsmError> {
        let far = matches!(t, Target::Patchable(_) | Target::Addr(_));
        match test_of(cond)? {
            Test::One(cc) => self.jump_cc(Some(cc), t),
            Test::FEq => {
                // jp skip; je target; skip:
                let mut skip = self.a.create_label();
                self.a.jp(skip)?;
                self.jump_cc(Some(Cc::E), t)?;
                self.place(&mut skip)?;
                Ok(())
            }
            Test::FNe if !far => {
                self.jump_cc(Some(Cc::P), t)?;
                self.jump_cc(Some(Cc::Ne), t)
            }
            Test::FNe => {
                // jp take; je skip; take: jmp far; skip:   (one patch site)
                let mut take = self.a.create_label();
                let mut skip = self.a.create_label();
                self.a.jp(take)?;
                self.a.je(skip)?;
                self.place(&mut take)?;
                self.jump_cc(None, t)?;
                self.place(&mut skip)?;
                Ok(())
            }
        }
    }

    fn insn(&mut self, insn: &Insn) -> Result<(), AsmError> {
        match insn {
            Insn::Bind(l) => {
                let mut lab = self.labels[l.0 as usize];
                let idx = self.place(&mut lab)?;
                self.labels[l.0 as usize] = lab;
                self.label_idx[l.0 as usize] = Some(idx);
            }
            Insn::Mov { dst, src } => self.mov(r64(*dst)?, *src)?,
            Insn::Load { dst, mem, width } => self.load(*dst, mem, *width)?,
            Insn::Store { mem, src, width } => self.store(mem, *src, *width)?,
            Insn::Lea { dst, mem } => self.a.lea(r64(*dst)?, qword_ptr(mem_opnd(mem)?))?,
            Insn::Add { dst, a, b } => self.alu(Alu::Add, *dst, *a, *b)?,
            Insn::Sub { dst, a, b } => self.alu(Alu::Sub, *dst, *a, *b)?,
            Insn::And { dst, a, b } => self.alu(Alu::And, *dst, *a, *b)?,
            Insn::Or { dst, a, b } => self.alu(Alu::Or, *dst, *a, *b)?,
            Insn::Xor { dst, a, b } => self.alu(Alu::Xor, *dst, *a, *b)?,
            Insn::Mul { dst, a, b } | Insn::MulOverflow { dst, a, b } => self.imul(*dst, *a, *b)?,
            Insn::Shl { dst, a, amount } => self.shift(0, *dst, *a, *amount)?,
            Insn::Sar { dst, a, amount } => self.shift(1, *dst, *a, *amount)?,
            Insn::Shr { dst, a, amount } => self.shift(2, *dst, *a, *amount)?,
            Insn::Neg { dst, src } => {
                let d = r64(*dst)?;
                self.mov(d, *src)?;
                self.a.neg(d)?;
            }
            Insn::Not { dst, src } => {
                let d = r64(*dst)?;
                self.mov(d, *src)?;
                self.a.not(d)?;
            }
            Insn::Cmp { a, b } => {
                let ra = r64(*a)?;
                match self.src(*b)? {
                    Src::R(rb) => self.a.cmp(ra, rb)?,
                    Src::I(i) => self.a.cmp(ra, i)?,
                }
            }
            Insn::Test { a, b } => {
                let ra = r64(*a)?;
                match self.src(*b)? {
                    Src::R(rb) => self.a.test(ra, rb)?,
                    Src::I(i) => self.a.test(ra, i)?,
                }
            }
            Insn::Jmp(t) => self.jump_cc(None, *t)?,
            Insn::Jcc(c, t) => self.jcc(*c, *t)?,
            Insn::JmpReg(o) => self.a.jmp(r64(*o)?)?,
            Insn::CSel { dst, cond, t, f } => self.csel(*cond, r64(*dst)?, r64(*t)?, r64(*f)?)?,
            Insn::SetCond { dst, cond } => {
                // mov (not xor) keeps the flags intact.
                self.a.mov(r10d, 0u32)?;
                self.a.mov(r11d, 1u32)?;
                self.csel(*cond, r64(*dst)?, r11, r10)?;
            }
            Insn::FAdd { dst, a, b } => self.fbin(0, *dst, *a, *b)?,
            Insn::FSub { dst, a, b } => self.fbin(1, *dst, *a, *b)?,
            Insn::FMul { dst, a, b } => self.fbin(2, *dst, *a, *b)?,
            Insn::FDiv { dst, a, b } => self.fbin(3, *dst, *a, *b)?,
            Insn::FCmp { a, b } => {
                self.a.movq(xmm0, r64(*a)?)?;
                self.a.movq(xmm1, r64(*b)?)?;
                self.a.ucomisd(xmm0, xmm1)?;
            }
            Insn::IntToFloat { dst, src } => {
                self.a.cvtsi2sd(xmm0, r64(*src)?)?;
                self.a.movq(r64(*dst)?, xmm0)?;
            }
            Insn::FloatToInt { dst, src } => {
                self.a.movq(xmm0, r64(*src)?)?;
                self.a.cvttsd2si(r64(*dst)?, xmm0)?;
            }
            Insn::CCall {
                fun,
                args,
                out,
                saves,
            } => self.ccall(*fun, args, *out, saves)?,
            Insn::Leave(v) => {
                self.mov(rax, *v)?;
                epilogue(&mut self.a)?;
            }
            Insn::Breakpoint => self.a.int3()?,
        }
        Ok(())
    }
}

/// Encode allocated IR. See the module documentation.
pub fn emit(asm: &Assembler, inline_base: u64, outlined_base: u64) -> Result<Lowered, AsmError> {
    let mut e = Emitter::new(asm)?;
    for insn in &asm.insns {
        e.insn(insn)?;
    }
    let n_inline = e.len();
    for (i, body) in asm.exits.iter().enumerate() {
        let mut l = e.exit_labels[i];
        let idx = e.place(&mut l)?;
        e.exit_labels[i] = l;
        e.exit_idx.push(idx);
        for insn in body {
            e.insn(insn)?;
        }
    }
    let instrs = e.a.take_instructions();
    let (inl, outl) = instrs.split_at(n_inline);
    let mut blocks = vec![InstructionBlock::new(inl, inline_base)];
    if !outl.is_empty() {
        blocks.push(InstructionBlock::new(outl, outlined_base));
    }
    let mut res = if instrs.is_empty() {
        Vec::new()
    } else {
        BlockEncoder::encode_slice(
            64,
            &blocks,
            BlockEncoderOptions::RETURN_NEW_INSTRUCTION_OFFSETS,
        )?
    };
    // (block, offset in block) of instruction `idx`
    let locate =
        |res: &[iced_x86::BlockEncoderResult], idx: usize| -> Result<(usize, usize), AsmError> {
            let (b, i) = if idx < n_inline {
                (0, idx)
            } else {
                (1, idx - n_inline)
            };
            let off = res[b].new_instruction_offsets[i];
            if off == u32::MAX {
                return Err(AsmError::Encode(format!("instruction {idx} was rewritten")));
            }
            Ok((b, off as usize))
        };
    let base_of = |b: usize| if b == 0 { inline_base } else { outlined_base };

    let mut patch_sites = Vec::new();
    for f in &e.far {
        let (b, off) = locate(&res, f.idx)?;
        let addr = base_of(b) + off as u64;
        let (len, op_len) = match f.kind {
            PatchKind::X86Jmp32 => (5, 1),
            _ => (6, 2),
        };
        let rel = i32::try_from(f.target.wrapping_sub(addr + len as u64) as i64)
            .map_err(|_| AsmError::OutOfRange(format!("rel32 jump to {:#x}", f.target)))?;
        res[b].code_buffer[off + op_len..off + len].copy_from_slice(&rel.to_le_bytes());
        if let Some(id) = f.id {
            patch_sites.push(PatchSite {
                id,
                addr,
                kind: f.kind,
                start: addr,
                end: addr + len as u64,
            });
        }
    }
    let mut labels = Vec::with_capacity(e.label_idx.len());
    for idx in &e.label_idx {
        labels.push(match idx {
            Some(i) => {
                let (b, off) = locate(&res, *i)?;
                Some(base_of(b) + off as u64)
            }
            None => None,
        });
    }
    let mut exits = Vec::with_capacity(e.exit_idx.len());
    for &i in &e.exit_idx {
        let (b, off) = locate(&res, i)?;
        exits.push(base_of(b) + off as u64);
    }
    let mut it = res.into_iter();
    let inline = it.next().map(|r| r.code_buffer).unwrap_or_default();
    let outlined = it.next().map(|r| r.code_buffer).unwrap_or_default();
    Ok(Lowered {
        inline,
        outlined,
        patch_sites,
        labels,
        exits,
    })
}
