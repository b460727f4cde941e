//! The IR instruction set ([`Insn`]) and operand queries used by the passes.

use super::{Cond, Label, Mem, Opnd, PReg, Target, Width};

/// One IR instruction. Sources (`a`, `b`, `src`, ...) may be registers or
/// immediates unless stated otherwise; destinations must be registers.
#[derive(Clone, Debug, PartialEq)]
pub enum Insn {
    /// Bind a label to the position of the next instruction.
    Bind(Label),
    /// `dst = src`. Never changes the flags.
    Mov { dst: Opnd, src: Opnd },
    /// `dst = zero_extend(mem[width])`.
    Load { dst: Opnd, mem: Mem, width: Width },
    /// `mem[width] = low bits of src`.
    Store { mem: Mem, src: Opnd, width: Width },
    /// `dst = base + disp` (address computation; flags unchanged).
    Lea { dst: Opnd, mem: Mem },
    /// `dst = a + b` (wrapping). Sets flags: `Overflow`, `Carry`.
    Add { dst: Opnd, a: Opnd, b: Opnd },
    /// `dst = a - b` (wrapping). Sets flags as `Cmp a, b`, plus `Overflow`.
    Sub { dst: Opnd, a: Opnd, b: Opnd },
    /// `dst = low 64 bits of a * b`. Flags undefined afterwards.
    Mul { dst: Opnd, a: Opnd, b: Opnd },
    /// `dst = low 64 bits of a * b`; sets `Overflow` iff the signed 64-bit
    /// product does not fit in 64 bits.
    MulOverflow { dst: Opnd, a: Opnd, b: Opnd },
    /// `dst = a & b`. Flags undefined afterwards.
    And { dst: Opnd, a: Opnd, b: Opnd },
    /// `dst = a | b`. Flags undefined afterwards.
    Or { dst: Opnd, a: Opnd, b: Opnd },
    /// `dst = a ^ b`. Flags undefined afterwards.
    Xor { dst: Opnd, a: Opnd, b: Opnd },
    /// `dst = a << (amount & 63)`. Flags undefined afterwards.
    Shl { dst: Opnd, a: Opnd, amount: Opnd },
    /// `dst = a >> (amount & 63)`, arithmetic (sign-filling). Flags undefined.
    Sar { dst: Opnd, a: Opnd, amount: Opnd },
    /// `dst = a >> (amount & 63)`, logical (zero-filling). Flags undefined.
    Shr { dst: Opnd, a: Opnd, amount: Opnd },
    /// `dst = -src` (wrapping). Flags undefined afterwards.
    Neg { dst: Opnd, src: Opnd },
    /// `dst = !src`. Flags undefined afterwards.
    Not { dst: Opnd, src: Opnd },
    /// Compare `a` with `b` (sets flags as `a - b`).
    Cmp { a: Opnd, b: Opnd },
    /// Set flags from `a & b` (only `Eq`/`Ne` are defined).
    Test { a: Opnd, b: Opnd },
    /// Unconditional jump.
    Jmp(Target),
    /// Conditional jump.
    Jcc(Cond, Target),
    /// Indirect jump to the address in a register.
    JmpReg(Opnd),
    /// `dst = cond ? t : f`. Flags unchanged.
    CSel {
        dst: Opnd,
        cond: Cond,
        t: Opnd,
        f: Opnd,
    },
    /// `dst = cond ? 1 : 0`. Flags unchanged.
    SetCond { dst: Opnd, cond: Cond },
    /// Float add on bit patterns: `dst = bits(f64(a) + f64(b))`.
    FAdd { dst: Opnd, a: Opnd, b: Opnd },
    /// Float subtract on bit patterns.
    FSub { dst: Opnd, a: Opnd, b: Opnd },
    /// Float multiply on bit patterns.
    FMul { dst: Opnd, a: Opnd, b: Opnd },
    /// Float divide on bit patterns (IEEE: x/0 is ±inf or NaN; check first
    /// if Python semantics are wanted).
    FDiv { dst: Opnd, a: Opnd, b: Opnd },
    /// Float compare on bit patterns; sets the float conditions.
    FCmp { a: Opnd, b: Opnd },
    /// `dst = bits(src as f64)` for a signed 64-bit integer `src`.
    IntToFloat { dst: Opnd, src: Opnd },
    /// `dst = trunc(f64(src)) as i64`, rounding toward zero. The result is
    /// unspecified (backend-dependent) when `src` is NaN or outside
    /// `[-2^63, 2^63)`: check the range with `FCmp` first (a NaN fails every
    /// ordered comparison). Flags undefined afterwards.
    FloatToInt { dst: Opnd, src: Opnd },
    /// Call an `extern "C"` function at `fun` with up to 6 integer arguments;
    /// `out` (if any) receives the return value. `saves` is filled in by the
    /// register allocator (the caller-saved machine registers holding values
    /// live across the call, which the lowering saves in the frame's spill
    /// area around the call); leave it empty in user IR.
    CCall {
        fun: u64,
        args: Vec<Opnd>,
        out: Option<Opnd>,
        saves: Vec<PReg>,
    },
    /// Return `val` from the entry trampoline's frame (restoring callee-saved
    /// registers). A terminator.
    Leave(Opnd),
    /// A debug trap (`int3` / `brk #0`).
    Breakpoint,
}

impl Insn {
    /// Whether this instruction sets flags for a following consumer.
    pub fn is_flags_producer(&self) -> bool {
        matches!(
            self,
            Insn::Cmp { .. }
                | Insn::Test { .. }
                | Insn::Add { .. }
                | Insn::Sub { .. }
                | Insn::MulOverflow { .. }
                | Insn::FCmp { .. }
        )
    }

    /// Whether this instruction reads the flags.
    pub fn is_flags_consumer(&self) -> bool {
        matches!(
            self,
            Insn::Jcc(..) | Insn::CSel { .. } | Insn::SetCond { .. }
        )
    }

    /// Whether control never falls through this instruction.
    pub fn is_terminator(&self) -> bool {
        matches!(self, Insn::Jmp(_) | Insn::JmpReg(_) | Insn::Leave(_))
    }

    /// The destination operands written by this instruction.
    pub fn outputs(&self) -> Vec<Opnd> {
        use Insn::*;
        match self {
            Mov { dst, .. }
            | Load { dst, .. }
            | Lea { dst, .. }
            | Add { dst, .. }
            | Sub { dst, .. }
            | Mul { dst, .. }
            | MulOverflow { dst, .. }
            | And { dst, .. }
            | Or { dst, .. }
            | Xor { dst, .. }
            | Shl { dst, .. }
            | Sar { dst, .. }
            | Shr { dst, .. }
            | Neg { dst, .. }
            | Not { dst, .. }
            | CSel { dst, .. }
            | SetCond { dst, .. }
            | FAdd { dst, .. }
            | FSub { dst, .. }
            | FMul { dst, .. }
            | FDiv { dst, .. }
            | IntToFloat { dst, .. }
            | FloatToInt { dst, .. } => vec![*dst],
            CCall { out, .. } => out.iter().copied().collect(),
            _ => vec![],
        }
    }

    /// The source operands read by this instruction (including memory bases).
    pub fn inputs(&self) -> Vec<Opnd> {
        use Insn::*;
        match self {
            Mov { src, .. } | Neg { src, .. } | Not { src, .. } => vec![*src],
            IntToFloat { src, .. } | FloatToInt { src, .. } => vec![*src],
            Load { mem, .. } | Lea { mem, .. } => vec![mem.base],
            Store { mem, src, .. } => vec![mem.base, *src],
            Add { a, b, .. }
            | Sub { a, b, .. }
            | Mul { a, b, .. }
            | MulOverflow { a, b, .. }
            | And { a, b, .. }
            | Or { a, b, .. }
            | Xor { a, b, .. }
            | FAdd { a, b, .. }
            | FSub { a, b, .. }
            | FMul { a, b, .. }
            | FDiv { a, b, .. }
            | Cmp { a, b }
            | Test { a, b }
            | FCmp { a, b } => vec![*a, *b],
            Shl { a, amount, .. } | Sar { a, amount, .. } | Shr { a, amount, .. } => {
                vec![*a, *amount]
            }
            CSel { t, f, .. } => vec![*t, *f],
            JmpReg(o) | Leave(o) => vec![*o],
            CCall { args, .. } => args.clone(),
            _ => vec![],
        }
    }

    /// Apply `f` to every operand (sources, destinations and memory bases), in place.
    pub fn map_opnds(&mut self, mut f: impl FnMut(&mut Opnd)) {
        use Insn::*;
        match self {
            Bind(_) | Jmp(_) | Jcc(..) | Breakpoint => {}
            Mov { dst, src } | Neg { dst, src } | Not { dst, src } => {
                f(dst);
                f(src);
            }
            IntToFloat { dst, src } | FloatToInt { dst, src } => {
                f(dst);
                f(src);
            }
            Load { dst, mem, .. } | Lea { dst, mem } => {
                f(dst);
                f(&mut mem.base);
            }
            Store { mem, src, .. } => {
                f(&mut mem.base);
                f(src);
            }
            Add { dst, a, b }
            | Sub { dst, a, b }
            | Mul { dst, a, b }
            | MulOverflow { dst, a, b }
            | And { dst, a, b }
            | Or { dst, a, b }
            | Xor { dst, a, b }
            | FAdd { dst, a, b }
            | FSub { dst, a, b }
            | FMul { dst, a, b }
            | FDiv { dst, a, b } => {
                f(dst);
                f(a);
                f(b);
            }
            Shl { dst, a, amount } | Sar { dst, a, amount } | Shr { dst, a, amount } => {
                f(dst);
                f(a);
                f(amount);
            }
            Cmp { a, b } | Test { a, b } | FCmp { a, b } => {
                f(a);
                f(b);
            }
            JmpReg(o) | Leave(o) => f(o),
            CSel { dst, t, f: fv, .. } => {
                f(dst);
                f(t);
                f(fv);
            }
            SetCond { dst, .. } => f(dst),
            CCall { args, out, .. } => {
                for a in args.iter_mut() {
                    f(a);
                }
                if let Some(o) = out {
                    f(o);
                }
            }
        }
    }

    /// The jump target, if this is a direct jump.
    pub fn target(&self) -> Option<Target> {
        match self {
            Insn::Jmp(t) | Insn::Jcc(_, t) => Some(*t),
            _ => None,
        }
    }
}
