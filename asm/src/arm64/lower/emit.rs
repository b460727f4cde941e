//! AArch64 emission: allocated IR (only `Phys` and `Imm` operands) → instruction
//! words, through our encoder in [`crate::arm64::inst`].
//!
//! Side-exit bodies are emitted first, into the outlined stream, so that every
//! exit's address is known when the inline stream jumps to it and the shortest
//! branch that reaches can be chosen. Jumps to labels are emitted as `B`/`B.cond`
//! with a zero offset and fixed up once the whole stream is known.
//!
//! Legalization happens here, with the scratch registers of [`super`]:
//! immediates that fit no encoding are built with MOVZ/MOVN/MOVK/ORR in x15 (x16
//! for store values), memory displacements that fit neither the scaled unsigned
//! 12-bit nor the signed 9-bit form go through x17 as a register offset.

use super::imm::mov_imm;
use super::{epilogue, words_to_bytes, SPILL_SLOTS};
use crate::arm64::arg::{
    BitmaskImm, Cond as A64Cond, PcRelBits, Reg, Shift, ShiftedImm12, Width, D0, D1, SP, X0, X1,
    X15, X16, X17, X2, X3, X4, X5,
};
use crate::arm64::inst::*;
use crate::codemem::{PatchKind, PatchSite};
use crate::ir::{
    Assembler, Cond, ExitId, Insn, Label, Mem, Opnd, PReg, PatchId, Target, Width as MemWidth,
};
use crate::regalloc::parallel_move;
use crate::{AsmError, Lowered};

/// Scratch for immediate operands.
const IMM: Reg = X15;
/// Scratch for call targets, veneers, the high half of `SMULH`, store values.
const IP0: Reg = X16;
/// Scratch for address offsets and call-argument move cycles.
const IP1: Reg = X17;
/// AAPCS64 integer argument registers used by `CCall` (at most 6 arguments).
const ARG_REGS: [Reg; 6] = [X0, X1, X2, X3, X4, X5];

const X: Width = Width::X64;

/// Which instruction last set the flags (decides how `Overflow` is tested).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Producer {
    /// `SUBS`/`ADDS`/`ANDS`/`FCMP`: conditions map directly.
    Plain,
    /// `SMULH; MUL; CMP hi, lo, ASR #63`: overflow is `NE`.
    MulOverflow,
}

/// A branch whose offset is filled in once the stream is complete.
#[derive(Clone, Copy, Debug)]
struct Fixup {
    stream: usize,
    idx: usize,
    to: FixTo,
    /// `None`: `B`; `Some(c)`: `B.c`.
    cond: Option<A64Cond>,
}

#[derive(Clone, Copy, Debug)]
enum FixTo {
    Label(Label),
    Exit(ExitId),
}

const INLINE: usize = 0;
const OUTLINED: usize = 1;

struct Emitter<'a> {
    asm: &'a Assembler,
    cur: usize,
    code: [Vec<u32>; 2],
    base: [u64; 2],
    /// (stream, word index) of each bound label.
    labels: Vec<Option<(usize, usize)>>,
    /// Word index in the outlined stream of each exit body.
    exits: Vec<usize>,
    fixups: Vec<Fixup>,
    sites: Vec<PatchSite>,
    flags: Producer,
}

fn reg(o: Opnd) -> Result<Reg, AsmError> {
    match o {
        Opnd::Phys(PReg(n)) => {
            Reg::new(n).ok_or_else(|| AsmError::Invalid(format!("x{n} is not a general register")))
        }
        _ => Err(AsmError::Invalid(format!(
            "expected an allocated register, got {o}"
        ))),
    }
}

/// The AArch64 condition for an IR condition, given the flags producer.
fn cond_of(c: Cond, p: Producer) -> A64Cond {
    use A64Cond as A;
    match c {
        Cond::Eq | Cond::FEq => A::Eq,
        Cond::Ne | Cond::FNe => A::Ne,
        Cond::Lt => A::Lt,
        Cond::Le => A::Le,
        Cond::Gt | Cond::FGt => A::Gt,
        Cond::Ge | Cond::FGe => A::Ge,
        Cond::Below | Cond::NoCarry => A::Cc,
        Cond::BelowEq => A::Ls,
        Cond::Above => A::Hi,
        Cond::AboveEq | Cond::Carry => A::Cs,
        Cond::Overflow if p == Producer::MulOverflow => A::Ne,
        Cond::NoOverflow if p == Producer::MulOverflow => A::Eq,
        Cond::Overflow => A::Vs,
        Cond::NoOverflow => A::Vc,
        // After FCMP, an unordered result sets C and V and clears N and Z: MI
        // (N) and LS (!C || Z) are false on NaN where LT and LE would be true.
        Cond::FLt => A::Mi,
        Cond::FLe => A::Ls,
    }
}

fn invert(c: A64Cond) -> Result<A64Cond, AsmError> {
    c.invert()
        .ok_or_else(|| AsmError::Invalid("cannot invert AL".into()))
}

impl<'a> Emitter<'a> {
    fn new(asm: &'a Assembler, inline_base: u64, outlined_base: u64) -> Self {
        Emitter {
            asm,
            cur: OUTLINED,
            code: [Vec::new(), Vec::new()],
            base: [inline_base, outlined_base],
            labels: vec![None; asm.num_labels() as usize],
            exits: Vec::new(),
            fixups: Vec::new(),
            sites: Vec::new(),
            flags: Producer::Plain,
        }
    }

    fn put(&mut self, w: impl Into<u32>) {
        self.code[self.cur].push(w.into());
    }

    fn put_all(&mut self, ws: &[u32]) {
        self.code[self.cur].extend_from_slice(ws);
    }

    /// Absolute address of the next word.
    fn here(&self) -> u64 {
        self.base[self.cur] + 4 * self.code[self.cur].len() as u64
    }

    fn mov_imm(&mut self, rd: Reg, v: i64) -> Result<(), AsmError> {
        let ws = mov_imm(rd, v as u64)?;
        self.put_all(&ws);
        Ok(())
    }

    /// A source as a register: registers as they are, 0 as XZR, other
    /// immediates materialized in `scratch`.
    fn src(&mut self, o: Opnd, scratch: Reg) -> Result<Reg, AsmError> {
        match o {
            Opnd::Imm(0) => Ok(Reg::ZR),
            Opnd::Imm(v) => {
                self.mov_imm(scratch, v)?;
                Ok(scratch)
            }
            _ => reg(o),
        }
    }

    fn mov(&mut self, d: Reg, src: Opnd) -> Result<(), AsmError> {
        match src {
            Opnd::Imm(v) => self.mov_imm(d, v),
            _ => {
                let s = reg(src)?;
                if s != d {
                    self.put(LogicalReg::mov(X, d, s)?);
                }
                Ok(())
            }
        }
    }

    /// `ADDS`/`SUBS` (`sub`) with a register or immediate second operand,
    /// writing `d` (ZR for `CMP`/`CMN`). A negative immediate uses the opposite
    /// operation with its negation, which sets identical flags.
    fn add_sub(&mut self, sub: bool, d: Reg, a: Reg, b: Opnd) -> Result<(), AsmError> {
        if let Opnd::Imm(v) = b {
            let (op_sub, mag) = if v < 0 {
                (!sub, v.unsigned_abs())
            } else {
                (sub, v as u64)
            };
            if let Some(i) = ShiftedImm12::new(mag) {
                let w = if op_sub {
                    AddSubImm::subs(X, d, a, i)?
                } else {
                    AddSubImm::adds(X, d, a, i)?
                };
                self.put(w);
                return Ok(());
            }
        }
        let rb = self.src(b, IMM)?;
        let w = if sub {
            AddSubReg::subs(X, d, a, rb, Shift::Lsl, 0)?
        } else {
            AddSubReg::adds(X, d, a, rb, Shift::Lsl, 0)?
        };
        self.put(w);
        Ok(())
    }

    /// AND/ORR/EOR/ANDS(`op` 0..3) with a bitmask immediate when possible.
    fn logical(&mut self, op: u8, d: Reg, a: Reg, b: Opnd) -> Result<(), AsmError> {
        if let Opnd::Imm(v) = b {
            if BitmaskImm::new(v as u64, X).is_some() {
                let w = match op {
                    0 => LogicalImm::and(X, d, a, v as u64)?,
                    1 => LogicalImm::orr(X, d, a, v as u64)?,
                    2 => LogicalImm::eor(X, d, a, v as u64)?,
                    _ => LogicalImm::ands(X, d, a, v as u64)?,
                };
                self.put(w);
                return Ok(());
            }
        }
        let rb = self.src(b, IMM)?;
        let w = match op {
            0 => LogicalReg::and(X, d, a, rb, Shift::Lsl, 0)?,
            1 => LogicalReg::orr(X, d, a, rb, Shift::Lsl, 0)?,
            2 => LogicalReg::eor(X, d, a, rb, Shift::Lsl, 0)?,
            _ => LogicalReg::ands(X, d, a, rb, Shift::Lsl, 0)?,
        };
        self.put(w);
        Ok(())
    }

    /// Shift `kind`: 0 LSL, 1 ASR, 2 LSR.
    fn shift(&mut self, kind: u8, d: Reg, a: Reg, amount: Opnd) -> Result<(), AsmError> {
        match amount {
            Opnd::Imm(n) => {
                let n = (n & 63) as u8;
                let w = match kind {
                    0 => Bitfield::lsl(X, d, a, n)?,
                    1 => Bitfield::asr(X, d, a, n)?,
                    _ => Bitfield::lsr(X, d, a, n)?,
                };
                self.put(w);
            }
            _ => {
                let r = reg(amount)?;
                let w = match kind {
                    0 => DataProc2Src::lslv(X, d, a, r)?,
                    1 => DataProc2Src::asrv(X, d, a, r)?,
                    _ => DataProc2Src::lsrv(X, d, a, r)?,
                };
                self.put(w);
            }
        }
        Ok(())
    }

    /// Load (`load`) or store `rt` at `[base + disp]`.
    fn mem_access(
        &mut self,
        load: bool,
        rt: Reg,
        m: &Mem,
        width: MemWidth,
    ) -> Result<(), AsmError> {
        let base = reg(m.base)?;
        let disp = m.disp as i64;
        let size = match width {
            MemWidth::W8 => AccessSize::B,
            MemWidth::W32 => AccessSize::W,
            MemWidth::W64 => AccessSize::X,
        };
        for index in [Index::Unsigned, Index::Unscaled] {
            if let Ok(w) = LoadStore::new(size, load, index, rt, base, disp) {
                self.put(w);
                return Ok(());
            }
        }
        self.mov_imm(IP1, disp)?;
        self.put(LoadStoreReg::new(size, load, rt, base, IP1, false)?);
        Ok(())
    }

    fn lea(&mut self, d: Reg, m: &Mem) -> Result<(), AsmError> {
        let base = reg(m.base)?;
        let disp = m.disp as i64;
        if let Some(i) = ShiftedImm12::new(disp.unsigned_abs()) {
            let w = if disp < 0 {
                AddSubImm::sub(X, d, base, i)?
            } else {
                AddSubImm::add(X, d, base, i)?
            };
            self.put(w);
        } else {
            self.mov_imm(IP1, disp)?;
            // ADD (shifted register), not ADDS: Lea leaves the flags alone.
            self.put(AddSubReg::add(X, d, base, IP1, Shift::Lsl, 0)?);
        }
        Ok(())
    }

    fn fbin(&mut self, kind: u8, d: Reg, a: Reg, b: Reg) -> Result<(), AsmError> {
        self.put(FpInt::fmov_to_d(D0, a)?);
        self.put(FpInt::fmov_to_d(D1, b)?);
        self.put(match kind {
            0 => FpDp2::fadd(D0, D0, D1),
            1 => FpDp2::fsub(D0, D0, D1),
            2 => FpDp2::fmul(D0, D0, D1),
            _ => FpDp2::fdiv(D0, D0, D1),
        });
        self.put(FpInt::fmov_from_d(d, D0)?);
        Ok(())
    }

    fn ccall(
        &mut self,
        fun: u64,
        args: &[Opnd],
        out: Option<Opnd>,
        saves: &[PReg],
    ) -> Result<(), AsmError> {
        if args.len() > ARG_REGS.len() {
            return Err(AsmError::Invalid("more than 6 call arguments".into()));
        }
        if saves.len() > SPILL_SLOTS as usize {
            return Err(AsmError::OutOfRegisters);
        }
        let save_regs = saves
            .iter()
            .map(|r| reg(Opnd::Phys(*r)))
            .collect::<Result<Vec<_>, _>>()?;
        for (i, r) in save_regs.iter().enumerate() {
            self.put(LoadStore::str(X, *r, SP, 8 * i as i64)?);
        }
        let moves: Vec<(PReg, Opnd)> = ARG_REGS
            .iter()
            .map(|r| PReg(r.num()))
            .zip(args.iter().copied())
            .collect();
        for (d, s) in parallel_move(&moves, PReg(IP1.num())) {
            self.mov(reg(Opnd::Phys(d))?, s)?;
        }
        self.mov_imm(IP0, fun as i64)?;
        self.put(BranchReg::blr(IP0)?);
        if let Some(o) = out {
            let d = reg(o)?;
            if d != X0 {
                self.put(LogicalReg::mov(X, d, X0)?);
            }
        }
        for (i, r) in save_regs.iter().enumerate() {
            self.put(LoadStore::ldr(X, *r, SP, 8 * i as i64)?);
        }
        Ok(())
    }

    /// A far jump (`cond = None`: unconditional) to an absolute address,
    /// reported as a patch site when `id` is given.
    fn far(
        &mut self,
        cond: Option<A64Cond>,
        target: u64,
        id: Option<PatchId>,
    ) -> Result<(), AsmError> {
        let start = self.here();
        // B reaches if the offset from the B itself (after an optional B.!cond) fits.
        let b_addr = start + 4 * cond.is_some() as u64;
        let off = target.wrapping_sub(b_addr) as i64;
        let near = PcRelBits::Imm26.fits(off);
        if let Some(c) = cond {
            // Skip the B (4 bytes) or the veneer (16 bytes) when the condition fails.
            let skip = if near { 8 } else { 20 };
            self.put(BranchCond::bcond(invert(c)?, skip)?);
        }
        let (kind, addr) = if near {
            self.put(BranchImm::b(off)?);
            (PatchKind::A64B, b_addr)
        } else {
            self.put(LoadLiteral::ldr(X, IP0, 8)?);
            self.put(BranchReg::br(IP0)?);
            self.put(target as u32);
            self.put((target >> 32) as u32);
            (PatchKind::A64Veneer, b_addr)
        };
        if let Some(id) = id {
            self.sites.push(PatchSite {
                id,
                addr,
                kind,
                start,
                end: self.here(),
            });
        }
        Ok(())
    }

    /// Jump (`cond = None`: always) to any target.
    fn jump(&mut self, cond: Option<A64Cond>, t: Target) -> Result<(), AsmError> {
        match t {
            Target::Label(l) => self.fixup(cond, FixTo::Label(l)),
            Target::SideExit(e) => {
                if e.0 as usize >= self.asm.exit_bodies().len() {
                    return Err(AsmError::Invalid(format!("no side exit {}", e.0)));
                }
                if self.cur == OUTLINED {
                    // Between exit bodies: resolved once all bodies are placed.
                    return self.fixup(cond, FixTo::Exit(e));
                }
                // Inline code is emitted after the bodies: the address is known.
                let idx = self.exits.get(e.0 as usize).copied();
                let idx = idx.ok_or_else(|| AsmError::Invalid(format!("no side exit {}", e.0)))?;
                let target = self.base[OUTLINED] + 4 * idx as u64;
                let off = target.wrapping_sub(self.here()) as i64;
                match cond {
                    Some(c) if PcRelBits::Imm19.fits(off) => self.put(BranchCond::bcond(c, off)?),
                    _ => self.far(cond, target, None)?,
                }
                Ok(())
            }
            Target::Patchable(id) => {
                let addr = *self
                    .asm
                    .patch_targets()
                    .get(id.0 as usize)
                    .ok_or_else(|| AsmError::Invalid(format!("no patch id {}", id.0)))?;
                self.far(cond, addr, Some(id))
            }
            Target::Addr(addr) => self.far(cond, addr, None),
        }
    }

    fn fixup(&mut self, cond: Option<A64Cond>, to: FixTo) -> Result<(), AsmError> {
        let idx = self.code[self.cur].len();
        self.fixups.push(Fixup {
            stream: self.cur,
            idx,
            to,
            cond,
        });
        // Placeholder, rewritten by `resolve`.
        self.put(match cond {
            None => u32::from(BranchImm::b(0)?),
            Some(c) => u32::from(BranchCond::bcond(c, 0)?),
        });
        Ok(())
    }

    fn resolve(&mut self) -> Result<(), AsmError> {
        for f in &self.fixups {
            let (stream, tidx) = match f.to {
                FixTo::Label(l) => self
                    .labels
                    .get(l.0 as usize)
                    .copied()
                    .flatten()
                    .ok_or_else(|| AsmError::Invalid(format!("label {} not bound", l.0)))?,
                FixTo::Exit(e) => {
                    let idx = self.exits.get(e.0 as usize).copied();
                    (
                        OUTLINED,
                        idx.ok_or_else(|| AsmError::Invalid(format!("no side exit {}", e.0)))?,
                    )
                }
            };
            if stream != f.stream {
                return Err(AsmError::Invalid(
                    "jump to a label in another stream".into(),
                ));
            }
            let off = 4 * (tidx as i64 - f.idx as i64);
            let w: u32 = match f.cond {
                None => BranchImm::b(off).map(u32::from),
                Some(c) => BranchCond::bcond(c, off).map(u32::from),
            }
            .map_err(|_| AsmError::OutOfRange(format!("branch of {off} bytes to a label")))?;
            self.code[f.stream][f.idx] = w;
        }
        Ok(())
    }

    fn insn(&mut self, insn: &Insn) -> Result<(), AsmError> {
        match insn {
            Insn::Bind(l) => {
                let slot = self
                    .labels
                    .get_mut(l.0 as usize)
                    .ok_or_else(|| AsmError::Invalid(format!("no label {}", l.0)))?;
                *slot = Some((self.cur, self.code[self.cur].len()));
            }
            Insn::Mov { dst, src } => self.mov(reg(*dst)?, *src)?,
            Insn::Load { dst, mem, width } => self.mem_access(true, reg(*dst)?, mem, *width)?,
            Insn::Store { mem, src, width } => {
                let s = self.src(*src, IP0)?;
                self.mem_access(false, s, mem, *width)?;
            }
            Insn::Lea { dst, mem } => self.lea(reg(*dst)?, mem)?,
            Insn::Add { dst, a, b } => {
                self.add_sub(false, reg(*dst)?, reg(*a)?, *b)?;
                self.flags = Producer::Plain;
            }
            Insn::Sub { dst, a, b } => {
                self.add_sub(true, reg(*dst)?, reg(*a)?, *b)?;
                self.flags = Producer::Plain;
            }
            Insn::Cmp { a, b } => {
                self.add_sub(true, Reg::ZR, reg(*a)?, *b)?;
                self.flags = Producer::Plain;
            }
            Insn::Test { a, b } => {
                self.logical(3, Reg::ZR, reg(*a)?, *b)?;
                self.flags = Producer::Plain;
            }
            Insn::Mul { dst, a, b } => {
                let (d, ra) = (reg(*dst)?, reg(*a)?);
                let rb = self.src(*b, IMM)?;
                self.put(DataProc3Src::mul(X, d, ra, rb)?);
            }
            Insn::MulOverflow { dst, a, b } => {
                let (d, ra) = (reg(*dst)?, reg(*a)?);
                let rb = self.src(*b, IMM)?;
                let seq = mul_overflow_check(d, ra, rb, IP0)?;
                self.put_all(&seq);
                self.flags = Producer::MulOverflow;
            }
            Insn::And { dst, a, b } => self.logical(0, reg(*dst)?, reg(*a)?, *b)?,
            Insn::Or { dst, a, b } => self.logical(1, reg(*dst)?, reg(*a)?, *b)?,
            Insn::Xor { dst, a, b } => self.logical(2, reg(*dst)?, reg(*a)?, *b)?,
            Insn::Shl { dst, a, amount } => self.shift(0, reg(*dst)?, reg(*a)?, *amount)?,
            Insn::Sar { dst, a, amount } => self.shift(1, reg(*dst)?, reg(*a)?, *amount)?,
            Insn::Shr { dst, a, amount } => self.shift(2, reg(*dst)?, reg(*a)?, *amount)?,
            Insn::Neg { dst, src } => {
                let s = self.src(*src, IMM)?;
                self.put(AddSubReg::neg(X, reg(*dst)?, s, Shift::Lsl, 0)?);
            }
            Insn::Not { dst, src } => {
                let s = self.src(*src, IMM)?;
                self.put(LogicalReg::mvn(X, reg(*dst)?, s)?);
            }
            Insn::Jmp(t) => self.jump(None, *t)?,
            Insn::Jcc(c, t) => self.jump(Some(cond_of(*c, self.flags)), *t)?,
            Insn::JmpReg(o) => self.put(BranchReg::br(reg(*o)?)?),
            Insn::CSel { dst, cond, t, f } => {
                let c = cond_of(*cond, self.flags);
                self.put(CondSelect::csel(X, reg(*dst)?, reg(*t)?, reg(*f)?, c)?);
            }
            Insn::SetCond { dst, cond } => {
                let c = cond_of(*cond, self.flags);
                self.put(CondSelect::cset(X, reg(*dst)?, c)?);
            }
            Insn::FAdd { dst, a, b } => self.fbin(0, reg(*dst)?, reg(*a)?, reg(*b)?)?,
            Insn::FSub { dst, a, b } => self.fbin(1, reg(*dst)?, reg(*a)?, reg(*b)?)?,
            Insn::FMul { dst, a, b } => self.fbin(2, reg(*dst)?, reg(*a)?, reg(*b)?)?,
            Insn::FDiv { dst, a, b } => self.fbin(3, reg(*dst)?, reg(*a)?, reg(*b)?)?,
            Insn::FCmp { a, b } => {
                self.put(FpInt::fmov_to_d(D0, reg(*a)?)?);
                self.put(FpInt::fmov_to_d(D1, reg(*b)?)?);
                self.put(FpCmp::fcmp(D0, D1));
                self.flags = Producer::Plain;
            }
            Insn::IntToFloat { dst, src } => {
                self.put(FpInt::scvtf(X, D0, reg(*src)?)?);
                self.put(FpInt::fmov_from_d(reg(*dst)?, D0)?);
            }
            Insn::FloatToInt { dst, src } => {
                self.put(FpInt::fmov_to_d(D0, reg(*src)?)?);
                self.put(FpInt::fcvtzs(X, reg(*dst)?, D0)?);
            }
            Insn::CCall {
                fun,
                args,
                out,
                saves,
            } => self.ccall(*fun, args, *out, saves)?,
            Insn::Leave(v) => {
                self.mov(X0, *v)?;
                let ws = epilogue()?;
                self.put_all(&ws);
            }
            Insn::Breakpoint => self.put(System::brk(0)),
        }
        Ok(())
    }
}

/// Encode allocated IR for the given inline and outlined base addresses.
pub fn emit(asm: &Assembler, inline_base: u64, outlined_base: u64) -> Result<Lowered, AsmError> {
    if !inline_base.is_multiple_of(4) || !outlined_base.is_multiple_of(4) {
        return Err(AsmError::Invalid(
            "AArch64 code must be 4-byte aligned".into(),
        ));
    }
    let mut e = Emitter::new(asm, inline_base, outlined_base);
    // Exit positions first (bodies may jump to each other), then the bodies.
    e.cur = OUTLINED;
    for body in asm.exit_bodies() {
        e.exits.push(e.code[OUTLINED].len());
        e.flags = Producer::Plain;
        for insn in body {
            e.insn(insn)?;
        }
    }
    e.cur = INLINE;
    e.flags = Producer::Plain;
    for insn in asm.insns() {
        e.insn(insn)?;
    }
    e.resolve()?;
    let labels = e
        .labels
        .iter()
        .map(|l| l.map(|(s, i)| e.base[s] + 4 * i as u64))
        .collect();
    let exits = e
        .exits
        .iter()
        .map(|&i| outlined_base + 4 * i as u64)
        .collect();
    Ok(Lowered {
        inline: words_to_bytes(&e.code[INLINE]),
        outlined: words_to_bytes(&e.code[OUTLINED]),
        patch_sites: e.sites,
        labels,
        exits,
    })
}

#[cfg(test)]
mod tests {
    use crate::arm64::test_util::text;
    use crate::ir::{Assembler, Cond, Insn, Mem, Opnd, Target, Width};
    use crate::{lower, Arch, Lowered, PatchKind};

    const P0: Opnd = Opnd::Pinned(0);
    const P1: Opnd = Opnd::Pinned(1);
    const P2: Opnd = Opnd::Pinned(2);
    const BASE: u64 = 0x10_0000;

    fn words(b: &[u8]) -> Vec<u32> {
        b.chunks(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect()
    }

    /// Lower with the full pipeline; the inline listing (epilogue of the final
    /// `Leave` dropped) and the outlined words.
    fn lower_at(asm: &Assembler, outlined: u64) -> (Vec<String>, Vec<u32>, Lowered) {
        let l = lower(asm, Arch::Aarch64, BASE, outlined).unwrap_or_else(|e| panic!("{e}"));
        let mut t: Vec<String> = words(&l.inline).iter().map(|&w| text(w)).collect();
        t.truncate(t.len() - 8); // add sp; 5 x ldp; ldp x29, x30; ret
        (t, words(&l.outlined), l)
    }

    fn with_leave(f: impl FnOnce(&mut Assembler)) -> Assembler {
        let mut a = Assembler::new();
        f(&mut a);
        a.push(Insn::Leave(Opnd::Imm(0)));
        a
    }

    #[test]
    fn immediates_are_legalized() {
        let a = with_leave(|a| {
            a.push(Insn::Add {
                dst: P0,
                a: P1,
                b: Opnd::Imm(5),
            });
            a.push(Insn::Add {
                dst: P0,
                a: P1,
                b: Opnd::Imm(-5),
            });
            a.push(Insn::Sub {
                dst: P0,
                a: P1,
                b: Opnd::Imm(0x3000),
            });
            a.push(Insn::Cmp {
                a: P1,
                b: Opnd::Imm(-4096),
            });
            a.push(Insn::Add {
                dst: P0,
                a: P1,
                b: Opnd::Imm(0x12345),
            });
            a.push(Insn::And {
                dst: P0,
                a: P1,
                b: Opnd::Imm(0xff),
            });
            a.push(Insn::Test {
                a: P1,
                b: Opnd::Imm(0x1234),
            });
            a.push(Insn::Mov {
                dst: P2,
                src: Opnd::Imm(-1),
            });
            a.push(Insn::Shl {
                dst: P0,
                a: P1,
                amount: Opnd::Imm(67),
            });
            a.push(Insn::Store {
                mem: Mem::new(P1, 8),
                src: Opnd::Imm(0),
                width: Width::W64,
            });
            a.push(Insn::Store {
                mem: Mem::new(P1, 8),
                src: Opnd::Imm(7),
                width: Width::W8,
            });
        });
        let (t, _, _) = lower_at(&a, BASE + 0x1000);
        assert_eq!(
            t,
            [
                "adds x19, x20, #0x5",
                "subs x19, x20, #0x5",
                "subs x19, x20, #0x3, lsl #12",
                "cmn x20, #0x1, lsl #12",
                "mov x15, #0x2345",
                "movk x15, #0x1, lsl #16",
                "adds x19, x20, x15",
                "and x19, x20, #0xff",
                "mov x15, #0x1234",
                "tst x20, x15",
                "mov x21, #0xffffffffffffffff",
                "lsl x19, x20, #0x3",
                "str xzr, [x20, #0x8]",
                "mov x16, #0x7",
                "strb w16, [x20, #0x8]",
                "mov x0, #0x0",
            ]
        );
    }

    #[test]
    fn memory_offsets_are_legalized() {
        let a = with_leave(|a| {
            for (disp, w) in [
                (8, Width::W64),
                (-8, Width::W64),
                (32760, Width::W64),
                (32768, Width::W64),
                (2, Width::W32),
                (4095, Width::W8),
                (-70000, Width::W32),
            ] {
                a.push(Insn::Load {
                    dst: P0,
                    mem: Mem::new(P1, disp),
                    width: w,
                });
            }
            a.push(Insn::Lea {
                dst: P0,
                mem: Mem::new(P1, -16),
            });
            a.push(Insn::Lea {
                dst: P0,
                mem: Mem::new(P1, 0x10_0001),
            });
        });
        let (t, _, _) = lower_at(&a, BASE + 0x1000);
        assert_eq!(
            t,
            [
                "ldr x19, [x20, #0x8]",
                "ldur x19, [x20, #-0x8]",
                "ldr x19, [x20, #0x7ff8]",
                "mov x17, #0x8000",
                "ldr x19, [x20, x17]",
                "ldur w19, [x20, #0x2]",
                "ldrb w19, [x20, #0xfff]",
                "mov x17, #0xffffffffffffee90",
                "movk x17, #0xfffe, lsl #16",
                "ldr w19, [x20, x17]",
                "sub x19, x20, #0x10",
                "mov x17, #0x1",
                "movk x17, #0x10, lsl #16",
                "add x19, x20, x17",
                "mov x0, #0x0",
            ]
        );
    }

    #[test]
    fn conditions_follow_the_producer() {
        let a = with_leave(|a| {
            a.push(Insn::MulOverflow {
                dst: P0,
                a: P1,
                b: P2,
            });
            a.push(Insn::SetCond {
                dst: P0,
                cond: Cond::Overflow,
            });
            a.push(Insn::Sub {
                dst: P0,
                a: P1,
                b: P2,
            });
            a.push(Insn::SetCond {
                dst: P0,
                cond: Cond::Overflow,
            });
            a.push(Insn::SetCond {
                dst: P0,
                cond: Cond::Below,
            });
            a.push(Insn::FCmp { a: P1, b: P2 });
            a.push(Insn::SetCond {
                dst: P0,
                cond: Cond::FLt,
            });
            a.push(Insn::CSel {
                dst: P0,
                cond: Cond::FLe,
                t: P1,
                f: P2,
            });
        });
        let (t, _, _) = lower_at(&a, BASE + 0x1000);
        assert_eq!(
            t,
            [
                "smulh x16, x20, x21",
                "mul x19, x20, x21",
                "cmp x16, x19, asr #63",
                "cset x19, ne",
                "subs x19, x20, x21",
                "cset x19, vs",
                "cset x19, lo",
                "fmov d0, x20",
                "fmov d1, x21",
                "fcmp d0, d1",
                "cset x19, mi",
                "csel x19, x20, x21, ls",
                "mov x0, #0x0",
            ]
        );
    }

    #[test]
    fn far_jumps_and_patch_sites() {
        let mut a = Assembler::new();
        let near = a.patchable(BASE + 0x1000);
        let far = a.patchable(BASE + (1 << 28));
        a.cmp(P1, P2);
        a.jcc(Cond::Eq, near);
        a.cmp(P1, P2);
        a.jcc(Cond::Lt, far);
        a.jmp(Target::Addr(BASE.wrapping_sub(1 << 30)));
        let l = lower(&a, Arch::Aarch64, BASE, BASE + 0x1000).unwrap();
        let w = words(&l.inline);
        let t: Vec<String> = w.iter().map(|&x| text(x)).collect();
        assert_eq!(&t[..3], ["cmp x20, x21", "b.ne $+0x8", "b $+0xff8"]);
        assert_eq!(
            &t[3..7],
            ["cmp x20, x21", "b.ge $+0x14", "ldr x16, $+0x8", "br x16"]
        );
        assert_eq!(u64::from(w[7]) | (u64::from(w[8]) << 32), BASE + (1 << 28));
        assert_eq!(&t[9..11], ["ldr x16, $+0x8", "br x16"]);
        assert_eq!(
            u64::from(w[11]) | (u64::from(w[12]) << 32),
            BASE.wrapping_sub(1 << 30)
        );
        assert_eq!(l.patch_sites.len(), 2);
        let (s0, s1) = (l.patch_sites[0], l.patch_sites[1]);
        assert_eq!(
            (s0.kind, s0.start, s0.addr, s0.end),
            (PatchKind::A64B, BASE + 4, BASE + 8, BASE + 12)
        );
        assert_eq!(
            (s1.kind, s1.start, s1.addr, s1.end),
            (PatchKind::A64Veneer, BASE + 16, BASE + 20, BASE + 36)
        );
    }

    #[test]
    fn side_exits_near_and_far() {
        let mut a = Assembler::new();
        let exit = a.side_exit(|e| e.push(Insn::Leave(Opnd::Imm(1))));
        a.cmp(P1, P2);
        a.jcc(Cond::Gt, exit);
        a.jmp(exit);
        // Near: one B.cond; far (beyond ±1 MiB): B.!cond over a B.
        let l = lower(&a, Arch::Aarch64, BASE, BASE + 0x1000).unwrap();
        let t: Vec<String> = words(&l.inline).iter().map(|&x| text(x)).collect();
        assert_eq!(l.exits, [BASE + 0x1000]);
        assert_eq!(text(words(&l.outlined)[0]), "mov x0, #0x1");
        assert_eq!(t, ["cmp x20, x21", "b.gt $+0xffc", "b $+0xff8"]);
        let l = lower(&a, Arch::Aarch64, BASE, BASE + (4 << 20)).unwrap();
        let t: Vec<String> = words(&l.inline).iter().map(|&x| text(x)).collect();
        assert_eq!(
            t,
            ["cmp x20, x21", "b.le $+0x8", "b $+0x3ffff8", "b $+0x3ffff4"]
        );
        assert!(l.patch_sites.is_empty());
    }

    #[test]
    fn calls_follow_aapcs64() {
        let a = with_leave(|a| {
            a.push(Insn::CCall {
                fun: 0x1234_5678_9abc,
                args: vec![P2, P1, Opnd::Imm(-3)],
                out: Some(P0),
                saves: vec![],
            });
        });
        let (t, _, _) = lower_at(&a, BASE + 0x1000);
        assert_eq!(
            t,
            [
                "mov x0, x21",
                "mov x1, x20",
                "mov x2, #0xfffffffffffffffd",
                "mov x16, #0x9abc",
                "movk x16, #0x5678, lsl #16",
                "movk x16, #0x1234, lsl #32",
                "blr x16",
                "mov x19, x0",
                "mov x0, #0x0",
            ]
        );
    }
}
