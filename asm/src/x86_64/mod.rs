//! x86-64 backend: register conventions, the frame, the entry trampoline and
//! the x86-specific split. Emission through iced-x86 is in [`emit`].
//!
//! # Registers
//!
//! | use                         | registers                          |
//! |-----------------------------|------------------------------------|
//! | pinned (`Opnd::Pinned(0..3)`) | rbx, r12, r13                    |
//! | allocatable, caller-saved   | rax, rdx, rsi, rdi, r8, r9, rcx    |
//! | allocatable, callee-saved   | rbp, r14, r15                      |
//! | emission scratch            | r10 (large immediates, saving rcx for shifts), r11 (temps, call-move cycles) |
//! | float scratch               | xmm0, xmm1                         |
//!
//! # Frame
//!
//! The entry trampoline pushes rbp, rbx, r12, r13, r14, r15 and reserves
//! [`FRAME_RESERVE`] bytes, leaving rsp 16-byte aligned in block code. The
//! first [`SPILL_SLOTS`] quadwords at `[rsp]` are the spill area, used to save
//! caller-saved registers around calls (`CCall::saves`, slot `i` at
//! `[rsp + 8*i]`). `Leave` undoes exactly this.

mod cond;
pub mod emit;
mod ops;

use crate::ir::{Assembler, Cond, Insn, Opnd, PReg};
use crate::regalloc::RegInfo;
use crate::{Arch, AsmError, Backend, Lowered};
use iced_x86::code_asm::*;
use iced_x86::IcedError;

/// Spill slots in the trampoline frame.
pub const SPILL_SLOTS: u32 = 16;
/// Bytes the trampoline subtracts from rsp after its pushes (spill area plus
/// 8 bytes of alignment padding).
pub const FRAME_RESERVE: i32 = 8 * SPILL_SLOTS as i32 + 8;

const RAX: PReg = PReg(0);
const RCX: PReg = PReg(1);
const RDX: PReg = PReg(2);
const RBX: PReg = PReg(3);
const RBP: PReg = PReg(5);
const RSI: PReg = PReg(6);
const RDI: PReg = PReg(7);
const R8: PReg = PReg(8);
const R9: PReg = PReg(9);
const R12: PReg = PReg(12);
const R13: PReg = PReg(13);
const R14: PReg = PReg(14);
const R15: PReg = PReg(15);

static CALLER_SAVED: [PReg; 7] = [RAX, RDX, RSI, RDI, R8, R9, RCX];
static CALLEE_SAVED: [PReg; 3] = [RBP, R14, R15];

static REG_INFO: RegInfo = RegInfo {
    pinned: [RBX, R12, R13],
    caller_saved: &CALLER_SAVED,
    callee_saved: &CALLEE_SAVED,
    spill_slots: SPILL_SLOTS,
};

/// The x86-64 backend.
#[derive(Clone, Copy, Debug, Default)]
pub struct X86Backend;

impl From<IcedError> for AsmError {
    fn from(e: IcedError) -> Self {
        AsmError::Encode(e.to_string())
    }
}

impl Backend for X86Backend {
    fn arch(&self) -> Arch {
        Arch::X86_64
    }

    fn reg_info(&self) -> &'static RegInfo {
        &REG_INFO
    }

    fn split(&self, asm: &mut Assembler) -> Result<(), AsmError> {
        let inline = std::mem::take(&mut asm.insns);
        asm.insns = orient_fcmps(inline)?;
        let exits = std::mem::take(&mut asm.exits);
        asm.exits = exits
            .into_iter()
            .map(orient_fcmps)
            .collect::<Result<_, _>>()?;
        Ok(())
    }

    fn emit(
        &self,
        asm: &Assembler,
        inline_base: u64,
        outlined_base: u64,
    ) -> Result<Lowered, AsmError> {
        emit::emit(asm, inline_base, outlined_base)
    }

    fn entry_trampoline(&self, base: u64) -> Result<Vec<u8>, AsmError> {
        let mut a = CodeAssembler::new(64)?;
        for r in [rbp, rbx, r12, r13, r14, r15] {
            a.push(r)?;
        }
        a.sub(rsp, FRAME_RESERVE)?;
        a.mov(rbx, rdi)?;
        a.mov(r12, rsi)?;
        a.mov(r13, rdx)?;
        a.jmp(rcx)?;
        Ok(a.assemble(base)?)
    }
}

/// Emit the frame teardown and return (the tail of `Leave`).
pub(crate) fn epilogue(a: &mut CodeAssembler) -> Result<(), IcedError> {
    a.add(rsp, FRAME_RESERVE)?;
    for r in [r15, r14, r13, r12, rbx, rbp] {
        a.pop(r)?;
    }
    a.ret()
}

/// Which operand order an `FCmp` was emitted with for its consumers.
struct FcmpState {
    a: Opnd,
    b: Opnd,
    /// `Some(true)` if emitted as `b, a` (for `FLt`/`FLe` consumers).
    swapped: Option<bool>,
    /// Index in the output of the `FCmp` whose order is still open.
    idx: usize,
    /// Destinations written since the `FCmp`.
    written: Vec<Opnd>,
}

/// `ucomisd` has no single-flag test for "less than" that is false on NaN,
/// but "above" is. So an `FCmp a, b` whose consumers test `FLt`/`FLe` is
/// emitted as `FCmp b, a` and the consumers test `FGt`/`FGe`. If consumers of
/// one `FCmp` need both orders, a second (swapped) `FCmp` is inserted before
/// the consumer that needs it.
fn orient_fcmps(insns: Vec<Insn>) -> Result<Vec<Insn>, AsmError> {
    let mut out: Vec<Insn> = Vec::with_capacity(insns.len());
    let mut cur: Option<FcmpState> = None;
    for mut insn in insns {
        match &mut insn {
            Insn::FCmp { a, b } => {
                cur = Some(FcmpState {
                    a: *a,
                    b: *b,
                    swapped: None,
                    idx: out.len(),
                    written: vec![],
                });
            }
            Insn::Jcc(c, _) | Insn::CSel { cond: c, .. } | Insn::SetCond { cond: c, .. }
                if c.is_float() =>
            {
                let st = cur
                    .as_mut()
                    .ok_or_else(|| AsmError::Invalid("float condition without FCmp".into()))?;
                let need = match c {
                    Cond::FLt | Cond::FLe => Some(true),
                    Cond::FGt | Cond::FGe => Some(false),
                    _ => None,
                };
                if let Some(n) = need {
                    match st.swapped {
                        None => {
                            if n {
                                out[st.idx] = Insn::FCmp { a: st.b, b: st.a };
                            }
                            st.swapped = Some(n);
                        }
                        Some(s) if s != n => {
                            if st.written.contains(&st.a) || st.written.contains(&st.b) {
                                return Err(AsmError::Unsupported(
                                    "float conditions of both orders after an FCmp whose operand was overwritten".into(),
                                ));
                            }
                            let (x, y) = if n { (st.b, st.a) } else { (st.a, st.b) };
                            st.idx = out.len();
                            out.push(Insn::FCmp { a: x, b: y });
                            st.swapped = Some(n);
                        }
                        _ => {}
                    }
                    if n {
                        *c = c.swap_operands();
                    }
                }
                st.written.extend(insn.outputs());
            }
            Insn::Mov { dst, .. } => {
                if let Some(st) = cur.as_mut() {
                    st.written.push(*dst);
                }
            }
            i if i.is_flags_consumer() => {}
            _ => cur = None,
        }
        out.push(insn);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Label, Target};

    #[test]
    fn fcmp_swapped_for_less_than() {
        let (x, y) = (Opnd::Imm(1), Opnd::Imm(2));
        let out = orient_fcmps(vec![
            Insn::FCmp { a: x, b: y },
            Insn::Jcc(Cond::FEq, Target::Label(Label(0))),
            Insn::Jcc(Cond::FLt, Target::Label(Label(0))),
            Insn::Jcc(Cond::FGe, Target::Label(Label(0))),
        ])
        .unwrap();
        assert_eq!(out[0], Insn::FCmp { a: y, b: x });
        assert_eq!(out[1], Insn::Jcc(Cond::FEq, Target::Label(Label(0))));
        assert_eq!(out[2], Insn::Jcc(Cond::FGt, Target::Label(Label(0))));
        assert_eq!(out[3], Insn::FCmp { a: x, b: y });
        assert_eq!(out[4], Insn::Jcc(Cond::FGe, Target::Label(Label(0))));
    }
}
