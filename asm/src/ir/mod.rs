//! The backend IR: operands, instructions, jump targets and the [`Assembler`]
//! that collects them.
//!
//! # Model
//!
//! One [`Assembler`] holds the code of one compilation unit (for the JIT, one
//! block version): an *inline* instruction stream, plus any number of
//! *side-exit bodies* that are emitted into a separate *outlined* buffer so that
//! the hot inline code stays dense. The IR is three-address, register-to-register
//! (RISC-like): only [`Insn::Load`], [`Insn::Store`] and [`Insn::Lea`] touch
//! memory, and memory is always `[base register + disp32]`.
//!
//! # Operands
//!
//! * [`Opnd::VReg`]: a virtual register, created by [`Assembler::new_vreg`] (or
//!   returned by the value-producing builder methods). The register allocator
//!   maps it to a machine register. A vreg may be assigned more than once (loop
//!   variables); its live range is the span between its first and last mention,
//!   extended over loops it is live around and to the last jump to a side exit
//!   that reads it (see [`crate::regalloc`]).
//! * [`Opnd::Pinned`]`(0..3)`: the three pinned callee-saved registers that the
//!   entry trampoline loads with its arguments `p0..p2`
//!   (x86-64: rbx, r12, r13; AArch64: x19, x20, x21). Never allocated to vregs;
//!   readable and writable by block code; preserved across calls.
//! * [`Opnd::Imm`]: a 64-bit immediate; legal wherever a *source* is legal.
//!   Backends legalize immediates that the machine cannot take.
//! * [`Opnd::Phys`]: a machine register. Produced by register allocation; the
//!   lowering (`Backend::emit`) sees only `Phys` and `Imm` operands. Do not put
//!   `Phys` in user IR.
//!
//! A *destination* must be a `VReg` or `Pinned`. A [`Mem`] base must be a
//! register operand (`VReg`, `Pinned`).
//!
//! # Flags
//!
//! Flags *producers* are [`Insn::Cmp`], [`Insn::Test`], [`Insn::Add`],
//! [`Insn::Sub`], [`Insn::MulOverflow`] and [`Insn::FCmp`]. Flags *consumers*
//! are [`Insn::Jcc`], [`Insn::CSel`] and [`Insn::SetCond`]. A consumer reads the
//! flags of the nearest preceding producer, and **between the producer and the
//! consumer only other consumers and [`Insn::Mov`] may appear** (no label
//! binding, no other instruction). `Mov` never changes the flags on any backend
//! (backends must not lower it with flag-setting idioms such as `xor r, r`);
//! `CSel`, `SetCond` and `Jcc` do not change the flags either, so several
//! consumers may read one producer. The conditions each producer defines:
//!
//! | producer        | valid conditions                                         |
//! |-----------------|----------------------------------------------------------|
//! | `Cmp a, b`      | `Eq Ne Lt Le Gt Ge Below BelowEq Above AboveEq` (a ? b)   |
//! | `Sub dst, a, b` | as `Cmp a, b`, plus `Overflow NoOverflow` (signed)        |
//! | `Add dst, a, b` | `Overflow NoOverflow` (signed), `Carry NoCarry` (unsigned)|
//! | `MulOverflow`   | `Overflow NoOverflow` (signed 64-bit product overflow)    |
//! | `Test a, b`     | `Eq Ne` (whether `a & b` is zero)                         |
//! | `FCmp a, b`     | `FEq FNe FLt FLe FGt FGe` (IEEE: NaN compares false except `FNe`) |
//!
//! The common split pass ([`crate::split::common_split`]) checks these rules and
//! returns [`crate::AsmError::Invalid`] when they are broken. How a backend
//! realizes a condition is its own business (e.g. on AArch64 `Overflow` after
//! `MulOverflow` is `NE` after `SMULH`/`CMP ..., ASR #63`; on x86-64 `FLt` is
//! lowered by swapping the `ucomisd` operands).
//!
//! # Floats
//!
//! Floats are IEEE doubles held as their 64-bit bit pattern in general
//! registers (the VM NaN-boxes values). `FAdd`..`FDiv` take and produce bit
//! patterns; the lowering moves through float scratch registers.
//!
//! # Jump targets
//!
//! * [`Target::Label`]: a label bound in the *same stream* (the inline stream,
//!   or the same side-exit body).
//! * [`Target::SideExit`]: a side-exit body built with [`Assembler::side_exit`];
//!   it is emitted in the outlined buffer. Exit bodies must end in a terminator
//!   ([`Insn::Leave`], [`Insn::Jmp`], [`Insn::JmpReg`]). An exit body may read
//!   vregs computed by the inline code before the jump.
//! * [`Target::Patchable`]: a far jump to code elsewhere in the code memory,
//!   encoded so that it can be rewritten in place later
//!   (see [`crate::PatchSite`], [`crate::CodeMem::patch_jump`]). Its initial
//!   destination is given to [`Assembler::patchable`].
//! * [`Target::Addr`]: a far jump to a fixed address in the code memory (e.g. a
//!   shared side exit compiled earlier with [`crate::compile_outlined`], or an
//!   exit of an earlier block from [`crate::Compiled::exits`]); not reported as
//!   a patch site.
//!
//! # Calls
//!
//! [`Insn::CCall`] calls an `extern "C"` function with up to 6 integer
//! arguments (SysV on x86-64, AAPCS64 on AArch64) and optionally receives the
//! 64-bit return value. All caller-saved registers are clobbered by the callee;
//! the register allocator arranges that vregs live across the call survive it
//! (see [`crate::regalloc`]). The flags are undefined after a call.
//!
//! # Leaving
//!
//! Block code runs inside the single native frame set up by the entry
//! trampoline ([`crate::gen_entry_trampoline`]). [`Insn::Leave`] puts its
//! operand in the return register, tears that frame down and returns to the
//! trampoline's caller.

mod builder;
mod insn;

pub use builder::Assembler;
pub use insn::Insn;

use std::fmt;

/// A virtual register (index into the assembler's vreg space).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VReg(pub u32);

/// A machine register, numbered as the architecture numbers it:
/// x86-64: 0 rax, 1 rcx, 2 rdx, 3 rbx, 4 rsp, 5 rbp, 6 rsi, 7 rdi, 8..15 r8..r15;
/// AArch64: 0..30 x0..x30 (31 is sp or zr depending on the instruction).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PReg(pub u8);

/// Number of pinned registers ([`Opnd::Pinned`]).
pub const NUM_PINNED: u8 = 3;

/// An operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Opnd {
    /// A virtual register.
    VReg(VReg),
    /// Pinned callee-saved register `0..NUM_PINNED` (loaded by the entry trampoline).
    Pinned(u8),
    /// A 64-bit immediate.
    Imm(i64),
    /// A machine register (only after register allocation).
    Phys(PReg),
}

impl Opnd {
    /// Whether this operand names a register (virtual, pinned or physical).
    pub fn is_reg(self) -> bool {
        !matches!(self, Opnd::Imm(_))
    }

    /// The immediate value, if this is an immediate.
    pub fn imm(self) -> Option<i64> {
        match self {
            Opnd::Imm(v) => Some(v),
            _ => None,
        }
    }

    /// The physical register, if this is one (after allocation).
    pub fn phys(self) -> Option<PReg> {
        match self {
            Opnd::Phys(r) => Some(r),
            _ => None,
        }
    }

    /// The virtual register, if this is one.
    pub fn vreg(self) -> Option<VReg> {
        match self {
            Opnd::VReg(v) => Some(v),
            _ => None,
        }
    }
}

impl From<VReg> for Opnd {
    fn from(v: VReg) -> Self {
        Opnd::VReg(v)
    }
}

impl From<i64> for Opnd {
    fn from(v: i64) -> Self {
        Opnd::Imm(v)
    }
}

impl fmt::Display for Opnd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Opnd::VReg(v) => write!(f, "v{}", v.0),
            Opnd::Pinned(p) => write!(f, "pin{p}"),
            Opnd::Imm(i) => write!(f, "{i}"),
            Opnd::Phys(r) => write!(f, "r{}", r.0),
        }
    }
}

/// A memory operand: `[base + disp]`. `base` must be a register operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Mem {
    /// Base register (`VReg`, `Pinned`, or `Phys` after allocation).
    pub base: Opnd,
    /// Signed byte displacement.
    pub disp: i32,
}

impl Mem {
    /// `[base + disp]`.
    pub fn new(base: Opnd, disp: i32) -> Self {
        Mem { base, disp }
    }
}

/// Width of a memory access. Loads zero-extend to 64 bits; stores write the
/// low bits of the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Width {
    /// 1 byte.
    W8,
    /// 4 bytes.
    W32,
    /// 8 bytes.
    W64,
}

impl Width {
    /// Size in bytes.
    pub fn bytes(self) -> u32 {
        match self {
            Width::W8 => 1,
            Width::W32 => 4,
            Width::W64 => 8,
        }
    }
}

/// A label: a position in one stream, bound with [`Assembler::bind`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Label(pub u32);

/// A side exit (index into the assembler's exit bodies).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExitId(pub u32);

/// A patchable far jump's identity (index into the assembler's patch table).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PatchId(pub u32);

/// A jump target. See the module documentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// A label in the same stream.
    Label(Label),
    /// A side-exit body (outlined).
    SideExit(ExitId),
    /// A far jump that is reported as a patch site and can be rewritten later.
    Patchable(PatchId),
    /// A far jump to a fixed absolute address inside the code memory.
    Addr(u64),
}

/// A condition, read from the flags of the preceding producer (see the module
/// documentation for which producer defines which condition).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cond {
    /// Equal / zero.
    Eq,
    /// Not equal / non-zero.
    Ne,
    /// Signed less than.
    Lt,
    /// Signed less or equal.
    Le,
    /// Signed greater than.
    Gt,
    /// Signed greater or equal.
    Ge,
    /// Unsigned less than.
    Below,
    /// Unsigned less or equal.
    BelowEq,
    /// Unsigned greater than.
    Above,
    /// Unsigned greater or equal.
    AboveEq,
    /// Signed overflow (after `Add`, `Sub`, `MulOverflow`).
    Overflow,
    /// No signed overflow.
    NoOverflow,
    /// Unsigned carry out of an `Add`.
    Carry,
    /// No unsigned carry out of an `Add`.
    NoCarry,
    /// Float equal (false if either is NaN).
    FEq,
    /// Float not equal (true if either is NaN).
    FNe,
    /// Float less than (false if either is NaN).
    FLt,
    /// Float less or equal (false if either is NaN).
    FLe,
    /// Float greater than (false if either is NaN).
    FGt,
    /// Float greater or equal (false if either is NaN).
    FGe,
}

impl Cond {
    /// The condition that holds exactly when `self` does not, or `None` for
    /// the ordered float conditions (`FLt FLe FGt FGe`), whose negation also
    /// holds on NaN and is no single condition.
    pub fn invert(self) -> Option<Cond> {
        use Cond::*;
        Some(match self {
            Eq => Ne,
            Ne => Eq,
            Lt => Ge,
            Ge => Lt,
            Le => Gt,
            Gt => Le,
            Below => AboveEq,
            AboveEq => Below,
            BelowEq => Above,
            Above => BelowEq,
            Overflow => NoOverflow,
            NoOverflow => Overflow,
            Carry => NoCarry,
            NoCarry => Carry,
            FEq => FNe,
            FNe => FEq,
            FLt | FLe | FGt | FGe => return None,
        })
    }

    /// Whether this is a float condition (valid only after `FCmp`).
    pub fn is_float(self) -> bool {
        matches!(
            self,
            Cond::FEq | Cond::FNe | Cond::FLt | Cond::FLe | Cond::FGt | Cond::FGe
        )
    }

    /// The condition with the comparison operands swapped (`a < b` ⇔ `b > a`),
    /// for the comparison conditions; others are returned unchanged.
    pub fn swap_operands(self) -> Cond {
        use Cond::*;
        match self {
            Lt => Gt,
            Gt => Lt,
            Le => Ge,
            Ge => Le,
            Below => Above,
            Above => Below,
            BelowEq => AboveEq,
            AboveEq => BelowEq,
            FLt => FGt,
            FGt => FLt,
            FLe => FGe,
            FGe => FLe,
            c => c,
        }
    }
}
