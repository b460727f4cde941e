//! The [`Assembler`]: collects the inline stream and side-exit bodies of one
//! compilation unit, with builder methods for every instruction.

use super::{Cond, ExitId, Insn, Label, Mem, Opnd, PatchId, Target, VReg, Width};

/// Collects IR for one compilation unit. See the module documentation.
///
/// Builder methods that produce a value (`add`, `load`, ...) allocate a fresh
/// vreg for the result and return it; [`Assembler::push`] appends any
/// instruction with explicit operands (e.g. to re-assign a loop variable).
#[derive(Clone, Debug, Default)]
pub struct Assembler {
    /// The inline stream (or, while a side exit is being built, that exit's body).
    pub(crate) insns: Vec<Insn>,
    /// Side-exit bodies, indexed by [`ExitId`].
    pub(crate) exits: Vec<Vec<Insn>>,
    /// Initial destinations of patchable jumps, indexed by [`PatchId`].
    pub(crate) patches: Vec<u64>,
    pub(crate) num_vregs: u32,
    pub(crate) num_labels: u32,
}

impl Assembler {
    /// An empty assembler.
    pub fn new() -> Self {
        Self::default()
    }

    /// The inline instructions.
    pub fn insns(&self) -> &[Insn] {
        &self.insns
    }

    /// The side-exit bodies.
    pub fn exit_bodies(&self) -> &[Vec<Insn>] {
        &self.exits
    }

    /// Number of vregs allocated so far.
    pub fn num_vregs(&self) -> u32 {
        self.num_vregs
    }

    /// Number of labels created so far.
    pub fn num_labels(&self) -> u32 {
        self.num_labels
    }

    /// Initial destinations of patchable jumps, indexed by [`PatchId`].
    pub fn patch_targets(&self) -> &[u64] {
        &self.patches
    }

    /// A fresh virtual register.
    pub fn new_vreg(&mut self) -> Opnd {
        let v = VReg(self.num_vregs);
        self.num_vregs += 1;
        Opnd::VReg(v)
    }

    /// A fresh, unbound label.
    pub fn new_label(&mut self) -> Label {
        let l = Label(self.num_labels);
        self.num_labels += 1;
        l
    }

    /// Bind `label` to the position of the next instruction.
    pub fn bind(&mut self, label: Label) {
        self.insns.push(Insn::Bind(label));
    }

    /// Append an instruction.
    pub fn push(&mut self, insn: Insn) {
        self.insns.push(insn);
    }

    /// A patchable far-jump target whose initial destination is `initial`.
    /// Each `Jmp`/`Jcc` using it produces one [`crate::PatchSite`] with this id.
    pub fn patchable(&mut self, initial: u64) -> Target {
        let id = PatchId(self.patches.len() as u32);
        self.patches.push(initial);
        Target::Patchable(id)
    }

    /// Build a side-exit body with `body` (which must end in a terminator)
    /// and return the target that jumps to it. The body is emitted in the
    /// outlined buffer.
    pub fn side_exit(&mut self, body: impl FnOnce(&mut Assembler)) -> Target {
        let saved = std::mem::take(&mut self.insns);
        body(self);
        let exit_body = std::mem::replace(&mut self.insns, saved);
        let id = ExitId(self.exits.len() as u32);
        self.exits.push(exit_body);
        Target::SideExit(id)
    }

    fn binop(&mut self, mk: fn(Opnd, Opnd, Opnd) -> Insn, a: Opnd, b: Opnd) -> Opnd {
        let dst = self.new_vreg();
        self.insns.push(mk(dst, a, b));
        dst
    }

    /// `dst = src` into a fresh vreg.
    pub fn mov_new(&mut self, src: Opnd) -> Opnd {
        let dst = self.new_vreg();
        self.insns.push(Insn::Mov { dst, src });
        dst
    }

    /// `dst = src` (explicit destination).
    pub fn mov(&mut self, dst: Opnd, src: Opnd) {
        self.insns.push(Insn::Mov { dst, src });
    }

    /// Zero-extending load into a fresh vreg.
    pub fn load(&mut self, mem: Mem, width: Width) -> Opnd {
        let dst = self.new_vreg();
        self.insns.push(Insn::Load { dst, mem, width });
        dst
    }

    /// Store the low `width` bits of `src`.
    pub fn store(&mut self, mem: Mem, src: Opnd, width: Width) {
        self.insns.push(Insn::Store { mem, src, width });
    }

    /// `base + disp` into a fresh vreg.
    pub fn lea(&mut self, mem: Mem) -> Opnd {
        let dst = self.new_vreg();
        self.insns.push(Insn::Lea { dst, mem });
        dst
    }

    /// `a + b` (sets `Overflow`/`Carry`).
    pub fn add(&mut self, a: Opnd, b: Opnd) -> Opnd {
        self.binop(|dst, a, b| Insn::Add { dst, a, b }, a, b)
    }

    /// `a - b` (sets flags as `Cmp a, b` plus `Overflow`).
    pub fn sub(&mut self, a: Opnd, b: Opnd) -> Opnd {
        self.binop(|dst, a, b| Insn::Sub { dst, a, b }, a, b)
    }

    /// `a * b`, low 64 bits.
    pub fn mul(&mut self, a: Opnd, b: Opnd) -> Opnd {
        self.binop(|dst, a, b| Insn::Mul { dst, a, b }, a, b)
    }

    /// `a * b` with signed-overflow detection (`Overflow`).
    pub fn mul_overflow(&mut self, a: Opnd, b: Opnd) -> Opnd {
        self.binop(|dst, a, b| Insn::MulOverflow { dst, a, b }, a, b)
    }

    /// `a & b`.
    pub fn and(&mut self, a: Opnd, b: Opnd) -> Opnd {
        self.binop(|dst, a, b| Insn::And { dst, a, b }, a, b)
    }

    /// `a | b`.
    pub fn or(&mut self, a: Opnd, b: Opnd) -> Opnd {
        self.binop(|dst, a, b| Insn::Or { dst, a, b }, a, b)
    }

    /// `a ^ b`.
    pub fn xor(&mut self, a: Opnd, b: Opnd) -> Opnd {
        self.binop(|dst, a, b| Insn::Xor { dst, a, b }, a, b)
    }

    /// `a << amount`.
    pub fn shl(&mut self, a: Opnd, amount: Opnd) -> Opnd {
        self.binop(|dst, a, amount| Insn::Shl { dst, a, amount }, a, amount)
    }

    /// `a >> amount` (arithmetic).
    pub fn sar(&mut self, a: Opnd, amount: Opnd) -> Opnd {
        self.binop(|dst, a, amount| Insn::Sar { dst, a, amount }, a, amount)
    }

    /// `a >> amount` (logical).
    pub fn shr(&mut self, a: Opnd, amount: Opnd) -> Opnd {
        self.binop(|dst, a, amount| Insn::Shr { dst, a, amount }, a, amount)
    }

    /// `-src`.
    pub fn neg(&mut self, src: Opnd) -> Opnd {
        let dst = self.new_vreg();
        self.insns.push(Insn::Neg { dst, src });
        dst
    }

    /// `!src`.
    pub fn not(&mut self, src: Opnd) -> Opnd {
        let dst = self.new_vreg();
        self.insns.push(Insn::Not { dst, src });
        dst
    }

    /// Compare `a` with `b`.
    pub fn cmp(&mut self, a: Opnd, b: Opnd) {
        self.insns.push(Insn::Cmp { a, b });
    }

    /// Test `a & b`.
    pub fn test(&mut self, a: Opnd, b: Opnd) {
        self.insns.push(Insn::Test { a, b });
    }

    /// Unconditional jump.
    pub fn jmp(&mut self, target: Target) {
        self.insns.push(Insn::Jmp(target));
    }

    /// Conditional jump.
    pub fn jcc(&mut self, cond: Cond, target: Target) {
        self.insns.push(Insn::Jcc(cond, target));
    }

    /// Indirect jump.
    pub fn jmp_reg(&mut self, addr: Opnd) {
        self.insns.push(Insn::JmpReg(addr));
    }

    /// `cond ? t : f` into a fresh vreg.
    pub fn csel(&mut self, cond: Cond, t: Opnd, f: Opnd) -> Opnd {
        let dst = self.new_vreg();
        self.insns.push(Insn::CSel { dst, cond, t, f });
        dst
    }

    /// `cond ? 1 : 0` into a fresh vreg.
    pub fn set_cond(&mut self, cond: Cond) -> Opnd {
        let dst = self.new_vreg();
        self.insns.push(Insn::SetCond { dst, cond });
        dst
    }

    /// Float add.
    pub fn fadd(&mut self, a: Opnd, b: Opnd) -> Opnd {
        self.binop(|dst, a, b| Insn::FAdd { dst, a, b }, a, b)
    }

    /// Float subtract.
    pub fn fsub(&mut self, a: Opnd, b: Opnd) -> Opnd {
        self.binop(|dst, a, b| Insn::FSub { dst, a, b }, a, b)
    }

    /// Float multiply.
    pub fn fmul(&mut self, a: Opnd, b: Opnd) -> Opnd {
        self.binop(|dst, a, b| Insn::FMul { dst, a, b }, a, b)
    }

    /// Float divide.
    pub fn fdiv(&mut self, a: Opnd, b: Opnd) -> Opnd {
        self.binop(|dst, a, b| Insn::FDiv { dst, a, b }, a, b)
    }

    /// Float compare.
    pub fn fcmp(&mut self, a: Opnd, b: Opnd) {
        self.insns.push(Insn::FCmp { a, b });
    }

    /// Signed int64 to float bits.
    pub fn int_to_float(&mut self, src: Opnd) -> Opnd {
        let dst = self.new_vreg();
        self.insns.push(Insn::IntToFloat { dst, src });
        dst
    }

    /// Float bits to int64, truncating (check the range first).
    pub fn float_to_int(&mut self, src: Opnd) -> Opnd {
        let dst = self.new_vreg();
        self.insns.push(Insn::FloatToInt { dst, src });
        dst
    }

    /// Call an `extern "C"` function; returns the vreg holding its result.
    pub fn ccall(&mut self, fun: u64, args: Vec<Opnd>) -> Opnd {
        let out = self.new_vreg();
        self.insns.push(Insn::CCall {
            fun,
            args,
            out: Some(out),
            saves: vec![],
        });
        out
    }

    /// Call an `extern "C"` function, ignoring its result.
    pub fn ccall_void(&mut self, fun: u64, args: Vec<Opnd>) {
        self.insns.push(Insn::CCall {
            fun,
            args,
            out: None,
            saves: vec![],
        });
    }

    /// Return `val` from the trampoline frame.
    pub fn leave(&mut self, val: Opnd) {
        self.insns.push(Insn::Leave(val));
    }

    /// A debug trap.
    pub fn breakpoint(&mut self) {
        self.insns.push(Insn::Breakpoint);
    }
}
