//! Data-processing lowerings of the x86-64 emitter: moves and immediates,
//! ALU operations with destination/source aliasing, multiplies, shifts,
//! conditional selects, loads and stores, float operations and calls.

use super::cond::{test_of, Cc, Test};
use super::emit::Emitter;
use crate::ir::{Cond, Mem, Opnd, PReg, Width};
use crate::regalloc::parallel_move;
use crate::AsmError;
use iced_x86::code_asm::*;
use iced_x86::{Code, Instruction};

pub(super) const GPR64: [AsmRegister64; 16] = [
    rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8, r9, r10, r11, r12, r13, r14, r15,
];
pub(super) const GPR32: [AsmRegister32; 16] = [
    eax, ecx, edx, ebx, esp, ebp, esi, edi, r8d, r9d, r10d, r11d, r12d, r13d, r14d, r15d,
];
pub(super) const GPR8: [AsmRegister8; 16] = [
    al, cl, dl, bl, spl, bpl, sil, dil, r8b, r9b, r10b, r11b, r12b, r13b, r14b, r15b,
];
/// SysV integer argument registers.
pub(super) const ARG_REGS: [PReg; 6] = [PReg(7), PReg(6), PReg(2), PReg(1), PReg(8), PReg(9)];
pub(super) const R11: PReg = PReg(11);

pub(super) fn preg(o: Opnd) -> Result<PReg, AsmError> {
    match o {
        Opnd::Phys(r) if r.0 < 16 => Ok(r),
        _ => Err(AsmError::Invalid(format!(
            "expected an allocated register, got {o}"
        ))),
    }
}

pub(super) fn r64(o: Opnd) -> Result<AsmRegister64, AsmError> {
    Ok(GPR64[preg(o)?.0 as usize])
}

pub(super) fn mem_opnd(m: &Mem) -> Result<AsmMemoryOperand, AsmError> {
    Ok(r64(m.base)? + m.disp)
}

/// Generate `op dst, src` for the ALU ops that have `r64, r64` and `r64, imm32` forms.
macro_rules! alu {
    ($a:expr, $op:ident, $dst:expr, $src:expr) => {
        match $src {
            Src::R(r) => $a.$op($dst, r),
            Src::I(i) => $a.$op($dst, i),
        }
    };
}

/// A legalized source: register or sign-extended imm32.
#[derive(Clone, Copy)]
pub(super) enum Src {
    R(AsmRegister64),
    I(i32),
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Alu {
    Add,
    Sub,
    And,
    Or,
    Xor,
}

impl Emitter<'_> {
    /// `mov dst, imm` with the shortest form that does not touch the flags.
    pub(super) fn mov_imm(&mut self, dst: AsmRegister64, v: i64) -> Result<(), AsmError> {
        if (0..=u32::MAX as i64).contains(&v) {
            let d32 = GPR32[GPR64.iter().position(|r| *r == dst).unwrap_or(0)];
            self.a.mov(d32, v as u32)?;
        } else if let Ok(i) = i32::try_from(v) {
            self.a.add_instruction(Instruction::with2(
                Code::Mov_rm64_imm32,
                iced_x86::Register::from(dst),
                i,
            )?)?;
        } else {
            self.a.mov(dst, v)?;
        }
        Ok(())
    }

    /// `mov dst, src` for a register or immediate source (no-op if equal).
    pub(super) fn mov(&mut self, dst: AsmRegister64, src: Opnd) -> Result<(), AsmError> {
        match src {
            Opnd::Imm(v) => self.mov_imm(dst, v),
            _ => {
                let s = r64(src)?;
                if s != dst {
                    self.a.mov(dst, s)?;
                }
                Ok(())
            }
        }
    }

    /// A source as register or imm32, loading large immediates into r10.
    pub(super) fn src(&mut self, o: Opnd) -> Result<Src, AsmError> {
        match o {
            Opnd::Imm(v) => match i32::try_from(v) {
                Ok(i) => Ok(Src::I(i)),
                Err(_) => {
                    self.mov_imm(r10, v)?;
                    Ok(Src::R(r10))
                }
            },
            _ => Ok(Src::R(r64(o)?)),
        }
    }

    pub(super) fn alu_op(&mut self, op: Alu, dst: AsmRegister64, s: Src) -> Result<(), AsmError> {
        let a = &mut self.a;
        match op {
            Alu::Add => alu!(a, add, dst, s)?,
            Alu::Sub => alu!(a, sub, dst, s)?,
            Alu::And => alu!(a, and, dst, s)?,
            Alu::Or => alu!(a, or, dst, s)?,
            Alu::Xor => alu!(a, xor, dst, s)?,
        }
        Ok(())
    }

    /// `dst = a op b`, handling `dst` aliasing `b`.
    pub(super) fn alu(&mut self, op: Alu, dst: Opnd, a: Opnd, b: Opnd) -> Result<(), AsmError> {
        let (d, ra) = (r64(dst)?, r64(a)?);
        let s = self.src(b)?;
        match s {
            Src::R(rb) if rb == d && ra != d => {
                if op == Alu::Sub {
                    self.a.mov(r11, ra)?;
                    self.a.sub(r11, rb)?;
                    self.a.mov(d, r11)?;
                } else {
                    self.alu_op(op, d, Src::R(ra))?;
                }
            }
            _ => {
                if ra != d {
                    self.a.mov(d, ra)?;
                }
                self.alu_op(op, d, s)?;
            }
        }
        Ok(())
    }

    pub(super) fn imul(&mut self, dst: Opnd, a: Opnd, b: Opnd) -> Result<(), AsmError> {
        let (d, ra) = (r64(dst)?, r64(a)?);
        match self.src(b)? {
            Src::I(i) => self.a.imul_3(d, ra, i)?,
            Src::R(rb) => {
                if d == ra {
                    self.a.imul_2(d, rb)?;
                } else if d == rb {
                    self.a.imul_2(d, ra)?;
                } else {
                    self.a.mov(d, ra)?;
                    self.a.imul_2(d, rb)?;
                }
            }
        }
        Ok(())
    }

    pub(super) fn shift(
        &mut self,
        kind: u8,
        dst: Opnd,
        a: Opnd,
        amount: Opnd,
    ) -> Result<(), AsmError> {
        let (d, ra) = (r64(dst)?, r64(a)?);
        match amount {
            Opnd::Imm(n) => {
                if ra != d {
                    self.a.mov(d, ra)?;
                }
                let n = (n & 63) as u32;
                match kind {
                    0 => self.a.shl(d, n)?,
                    1 => self.a.sar(d, n)?,
                    _ => self.a.shr(d, n)?,
                }
            }
            _ => {
                let rm = r64(amount)?;
                if rm == rcx && d != rcx {
                    if ra != d {
                        self.a.mov(d, ra)?;
                    }
                    self.shift_cl(kind, d)?;
                } else {
                    // rcx may hold a live value (or be `a` or `dst`): shift in
                    // r11 with rcx saved in r10.
                    self.a.mov(r11, ra)?;
                    self.a.mov(r10, rcx)?;
                    self.a.mov(rcx, rm)?;
                    self.shift_cl(kind, r11)?;
                    self.a.mov(rcx, r10)?;
                    self.a.mov(d, r11)?;
                }
            }
        }
        Ok(())
    }

    pub(super) fn shift_cl(&mut self, kind: u8, d: AsmRegister64) -> Result<(), AsmError> {
        match kind {
            0 => self.a.shl(d, cl)?,
            1 => self.a.sar(d, cl)?,
            _ => self.a.shr(d, cl)?,
        }
        Ok(())
    }

    pub(super) fn cmov(
        &mut self,
        cc: Cc,
        d: AsmRegister64,
        s: AsmRegister64,
    ) -> Result<(), AsmError> {
        let a = &mut self.a;
        match cc {
            Cc::O => a.cmovo(d, s)?,
            Cc::No => a.cmovno(d, s)?,
            Cc::B => a.cmovb(d, s)?,
            Cc::Ae => a.cmovae(d, s)?,
            Cc::E => a.cmove(d, s)?,
            Cc::Ne => a.cmovne(d, s)?,
            Cc::Be => a.cmovbe(d, s)?,
            Cc::A => a.cmova(d, s)?,
            Cc::P => a.cmovp(d, s)?,
            Cc::L => a.cmovl(d, s)?,
            Cc::Ge => a.cmovge(d, s)?,
            Cc::Le => a.cmovle(d, s)?,
            Cc::G => a.cmovg(d, s)?,
        }
        Ok(())
    }

    /// `d = cond ? t : f` without touching the flags.
    pub(super) fn csel(
        &mut self,
        cond: Cond,
        d: AsmRegister64,
        t: AsmRegister64,
        f: AsmRegister64,
    ) -> Result<(), AsmError> {
        match test_of(cond)? {
            Test::One(cc) => {
                if d == t && d == f {
                } else if d == t {
                    self.cmov(cc.invert(), d, f)?;
                } else if d == f {
                    self.cmov(cc, d, t)?;
                } else {
                    self.a.mov(d, f)?;
                    self.cmov(cc, d, t)?;
                }
            }
            Test::FEq => {
                // tmp = t; if PF or !ZF { tmp = f }; the temp must not be `f`.
                let tmp = if d != f { d } else { r11 };
                self.a.mov(tmp, t)?;
                self.a.cmovp(tmp, f)?;
                self.a.cmovne(tmp, f)?;
                if tmp != d {
                    self.a.mov(d, tmp)?;
                }
            }
            Test::FNe => {
                // tmp = f; if !ZF or PF { tmp = t }; the temp must not be `t`.
                let tmp = if d != t { d } else { r11 };
                self.a.mov(tmp, f)?;
                self.a.cmovne(tmp, t)?;
                self.a.cmovp(tmp, t)?;
                if tmp != d {
                    self.a.mov(d, tmp)?;
                }
            }
        }
        Ok(())
    }

    pub(super) fn load(&mut self, dst: Opnd, m: &Mem, w: Width) -> Result<(), AsmError> {
        let d = preg(dst)?.0 as usize;
        let mo = mem_opnd(m)?;
        match w {
            Width::W8 => self.a.movzx(GPR32[d], byte_ptr(mo))?,
            Width::W32 => self.a.mov(GPR32[d], dword_ptr(mo))?,
            Width::W64 => self.a.mov(GPR64[d], qword_ptr(mo))?,
        }
        Ok(())
    }

    pub(super) fn store(&mut self, m: &Mem, src: Opnd, w: Width) -> Result<(), AsmError> {
        let mo = mem_opnd(m)?;
        match (src, w) {
            (Opnd::Imm(v), Width::W8) => self.a.mov(byte_ptr(mo), v as i8 as i32)?,
            (Opnd::Imm(v), Width::W32) => self.a.mov(dword_ptr(mo), v as i32)?,
            (Opnd::Imm(v), Width::W64) => match i32::try_from(v) {
                Ok(i) => self.a.mov(qword_ptr(mo), i)?,
                Err(_) => {
                    self.mov_imm(r10, v)?;
                    self.a.mov(qword_ptr(mo), r10)?;
                }
            },
            (_, w) => {
                let s = preg(src)?.0 as usize;
                match w {
                    Width::W8 => self.a.mov(byte_ptr(mo), GPR8[s])?,
                    Width::W32 => self.a.mov(dword_ptr(mo), GPR32[s])?,
                    Width::W64 => self.a.mov(qword_ptr(mo), GPR64[s])?,
                }
            }
        }
        Ok(())
    }

    pub(super) fn fbin(&mut self, kind: u8, dst: Opnd, a: Opnd, b: Opnd) -> Result<(), AsmError> {
        self.a.movq(xmm0, r64(a)?)?;
        self.a.movq(xmm1, r64(b)?)?;
        match kind {
            0 => self.a.addsd(xmm0, xmm1)?,
            1 => self.a.subsd(xmm0, xmm1)?,
            2 => self.a.mulsd(xmm0, xmm1)?,
            _ => self.a.divsd(xmm0, xmm1)?,
        }
        self.a.movq(r64(dst)?, xmm0)?;
        Ok(())
    }

    pub(super) fn ccall(
        &mut self,
        fun: u64,
        args: &[Opnd],
        out: Option<Opnd>,
        saves: &[PReg],
    ) -> Result<(), AsmError> {
        if args.len() > ARG_REGS.len() {
            return Err(AsmError::Invalid("more than 6 call arguments".into()));
        }
        if saves.len() > super::SPILL_SLOTS as usize {
            return Err(AsmError::OutOfRegisters);
        }
        for (i, r) in saves.iter().enumerate() {
            self.a
                .mov(qword_ptr(rsp + 8 * i as i32), GPR64[r.0 as usize])?;
        }
        let moves: Vec<(PReg, Opnd)> = ARG_REGS.iter().copied().zip(args.iter().copied()).collect();
        for (d, s) in parallel_move(&moves, R11) {
            self.mov(GPR64[d.0 as usize], s)?;
        }
        self.a.mov(rax, fun)?;
        self.a.call(rax)?;
        if let Some(o) = out {
            let d = r64(o)?;
            if d != rax {
                self.a.mov(d, rax)?;
            }
        }
        for (i, r) in saves.iter().enumerate() {
            self.a
                .mov(GPR64[r.0 as usize], qword_ptr(rsp + 8 * i as i32))?;
        }
        Ok(())
    }
}
