//! Arithmetic and comparison: inline int (48-bit payload, overflow checked
//! with the CPU's flag on payloads shifted left by 16) and float fast paths,
//! int/float mixing, compare-and-branch fusion; runtime helpers otherwise.

use super::{Flow, Gen};
use crate::bytecode::{BinOp, CmpOp, Instr, UnOp};
use crate::jit::context::Type;
use crate::jit::helpers;
use crate::jit::stats::ExitReason;
use crate::runtime::value::{Value, TAG_INT, TAG_SHIFT};
use basil_asm::{AsmError, Cond, Opnd, Target};

/// The tag bits of a small int (its payload is the low 48 bits).
pub(super) const INT_TAG: i64 = (TAG_INT << TAG_SHIFT) as i64;

fn int_cond(op: CmpOp) -> Cond {
    match op {
        CmpOp::Lt => Cond::Lt,
        CmpOp::Le => Cond::Le,
        CmpOp::Eq => Cond::Eq,
        CmpOp::Ne => Cond::Ne,
        CmpOp::Gt => Cond::Gt,
        CmpOp::Ge => Cond::Ge,
    }
}

fn float_cond(op: CmpOp) -> Cond {
    match op {
        CmpOp::Lt => Cond::FLt,
        CmpOp::Le => Cond::FLe,
        CmpOp::Eq => Cond::FEq,
        CmpOp::Ne => Cond::FNe,
        CmpOp::Gt => Cond::FGt,
        CmpOp::Ge => Cond::FGe,
    }
}

impl Gen<'_> {
    /// The payload of an int value, sign-extended.
    pub(super) fn int_payload(&mut self, v: Opnd) -> Opnd {
        let s = self.asm.shl(v, Opnd::Imm(16));
        self.asm.sar(s, Opnd::Imm(16))
    }

    /// A number as float bits: ints are converted.
    fn as_float(&mut self, v: Opnd, t: Type) -> Opnd {
        if t == Type::Int {
            let p = self.int_payload(v);
            self.asm.int_to_float(p)
        } else {
            v
        }
    }

    /// Int `a op b` on two int values; jumps to `overflow` when the result
    /// leaves the unboxed range. Returns the boxed result.
    fn int_op(&mut self, op: BinOp, a: Opnd, b: Opnd, overflow: Target) -> Opnd {
        match op {
            BinOp::And => self.asm.and(a, b),
            BinOp::Or => self.asm.or(a, b),
            BinOp::Xor => {
                let x = self.asm.xor(a, b);
                self.asm.or(x, Opnd::Imm(INT_TAG))
            }
            _ => {
                let a16 = self.asm.shl(a, Opnd::Imm(16));
                let b16 = self.asm.shl(b, Opnd::Imm(16));
                let r = match op {
                    BinOp::Add => self.asm.add(a16, b16),
                    BinOp::Sub => self.asm.sub(a16, b16),
                    _ => {
                        let ap = self.asm.sar(a16, Opnd::Imm(16));
                        self.asm.mul_overflow(ap, b16)
                    }
                };
                self.asm.jcc(Cond::Overflow, overflow);
                let p = self.asm.shr(r, Opnd::Imm(16));
                self.asm.or(p, Opnd::Imm(INT_TAG))
            }
        }
    }

    /// `a op b` and `a op= b`.
    pub(super) fn gen_binary(&mut self, op: BinOp, inplace: bool) -> Result<Flow, AsmError> {
        let (ia, ib) = (self.depth - 2, self.depth - 1);
        let Some(ts) = self.specialise(&[ia, ib])? else {
            return self.defer();
        };
        let (ta, tb) = (ts[0], ts[1]);
        let int_ok = matches!(
            op,
            BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::And | BinOp::Or | BinOp::Xor
        );
        let float_ok = matches!(op, BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::TrueDiv);
        let num = |t: Type| t == Type::Int || t == Type::Float;
        if ta == Type::Int && tb == Type::Int && int_ok {
            let (b, _) = self.pop();
            let (a, _) = self.pop();
            let ovf = self.exit(ExitReason::Overflow)?;
            let r = self.int_op(op, a, b, ovf);
            self.push(r, Type::Int);
            return Ok(Flow::Next);
        }
        if ta == Type::Int && tb == Type::Int && matches!(op, BinOp::FloorDiv | BinOp::Mod) {
            if let Some(k) = self.const_power_of_two_divisor() {
                // Floor division and modulo by 2**k are an arithmetic shift
                // and a mask, negative dividends included (two's
                // complement floors); neither overflows.
                self.drop_temps(1);
                let (a, _) = self.pop();
                let payload = self.asm.shl(a, Opnd::Imm(16));
                let r = if op == BinOp::FloorDiv {
                    let q = self.asm.sar(payload, Opnd::Imm(16 + k as i64));
                    let q16 = self.asm.shl(q, Opnd::Imm(16));
                    self.asm.shr(q16, Opnd::Imm(16))
                } else {
                    self.asm.and(a, Opnd::Imm((1i64 << k) - 1))
                };
                let r = self.asm.or(r, Opnd::Imm(INT_TAG));
                self.push(r, Type::Int);
                return Ok(Flow::Next);
            }
            if let Some(c) = self.const_divisor() {
                return self.int_div_by_const(op, c);
            }
            let (b, _) = self.pop();
            let (a, _) = self.pop();
            // A zero divisor raises in the interpreter.
            let z = self.exit(ExitReason::ZeroDivision)?;
            self.asm.cmp(b, Opnd::Imm(INT_TAG));
            self.asm.jcc(Cond::Eq, z);
            let r = self.floordiv_mod_call(op, a, b)?;
            self.push(r, Type::Int);
            return Ok(Flow::Next);
        }
        if num(ta)
            && num(tb)
            && float_ok
            && (ta == Type::Float || tb == Type::Float || op == BinOp::TrueDiv)
        {
            let (b, _) = self.pop();
            let (a, _) = self.pop();
            let fa = self.as_float(a, ta);
            let fb = self.as_float(b, tb);
            let r = self.float_op(op, fa, fb)?;
            self.push(r, Type::Float);
            return Ok(Flow::Next);
        }
        if let Some(flow) = self.try_dunder_binary(op, inplace, ta, tb)? {
            return Ok(flow);
        }
        if ta == Type::Unknown || tb == Type::Unknown {
            return self.binary_generic(op, inplace, int_ok, float_ok);
        }
        // Known types without a fast path (str + str, list += ...).
        let r = self.binary_helper(op, inplace);
        self.drop_temps(2);
        let t = match (op, ta, tb) {
            (BinOp::Add, Type::Str, Type::Str) => Type::Str,
            (BinOp::FloorDiv | BinOp::Mod, Type::Int, Type::Int) => Type::Unknown,
            _ => Type::Unknown,
        };
        self.push(r, t);
        Ok(Flow::Next)
    }

    /// `k` when the divisor on top is the constant `2**k` (pushed by the
    /// `LoadConst` just before, which is the only way here when this op is
    /// no jump target), `k` in 0..=46.
    fn const_power_of_two_divisor(&self) -> Option<u32> {
        let d = self.const_operand()?;
        (d > 0 && d.count_ones() == 1 && d.trailing_zeros() <= 46).then(|| d.trailing_zeros())
    }

    /// The right operand when it is an int constant pushed by the op just
    /// before this one (in this block).
    fn const_operand(&self) -> Option<i64> {
        if self.code.blocks.is_leader(self.pc) {
            return None;
        }
        let Some(&crate::bytecode::Instr::LoadConst(c)) =
            self.code.code.get(self.pc.checked_sub(1)? as usize)
        else {
            return None;
        };
        self.consts.get(c as usize)?.as_small()
    }

    /// `a // b` or `a % b` of ints (`b` not zero) by the helper; a result
    /// past the unboxed range exits (the interpreter makes the big int).
    fn floordiv_mod_call(&mut self, op: BinOp, a: Opnd, b: Opnd) -> Result<Opnd, AsmError> {
        let code = if op == BinOp::FloorDiv { 0 } else { 1 };
        let r = self.asm.ccall(
            helpers::int_floordiv_mod as *const () as u64,
            vec![a, b, Opnd::Imm(code)],
        );
        let ovf = self.exit(ExitReason::Overflow)?;
        self.asm.cmp(r, Opnd::Imm(helpers::JIT_ERR as i64));
        self.asm.jcc(Cond::Eq, ovf);
        Ok(r)
    }

    /// A constant divisor above 2 that `int_div_by_const` serves.
    fn const_divisor(&self) -> Option<i64> {
        self.const_operand().filter(|&d| d > 2 && d < 1 << 46)
    }

    /// `a // c` or `a % c` for a constant `c` > 2, without a division: for
    /// `0 <= a < 2**47` the quotient `a * (1/c)` in doubles is within 2**-6
    /// of the true one, so truncating it is off by at most one, which one
    /// check of the remainder corrects. A negative dividend takes the
    /// helper.
    fn int_div_by_const(&mut self, op: BinOp, c: i64) -> Result<Flow, AsmError> {
        self.drop_temps(1);
        let (a, _) = self.pop();
        let (slow, done, fixed) = (
            self.asm.new_label(),
            self.asm.new_label(),
            self.asm.new_label(),
        );
        let out = self.asm.new_vreg();
        let x = self.int_payload(a);
        self.asm.cmp(x, Opnd::Imm(0));
        self.asm.jcc(Cond::Lt, Target::Label(slow));
        let xf = self.asm.int_to_float(x);
        let inv = self
            .asm
            .mov_new(Opnd::Imm((1.0 / c as f64).to_bits() as i64));
        let qf = self.asm.fmul(xf, inv);
        let q0 = self.asm.float_to_int(qf);
        let cr = self.asm.mov_new(Opnd::Imm(c));
        let prod = self.asm.mul(q0, cr);
        let r0 = self.asm.sub(x, prod);
        let (q, r) = (self.asm.new_vreg(), self.asm.new_vreg());
        self.asm.mov(q, q0);
        self.asm.mov(r, r0);
        let not_low = self.asm.new_label();
        self.asm.cmp(r0, Opnd::Imm(0));
        self.asm.jcc(Cond::Ge, Target::Label(not_low));
        let q1 = self.asm.sub(q0, Opnd::Imm(1));
        self.asm.mov(q, q1);
        let r1 = self.asm.add(r0, Opnd::Imm(c));
        self.asm.mov(r, r1);
        self.asm.jmp(Target::Label(fixed));
        self.asm.bind(not_low);
        self.asm.cmp(r0, Opnd::Imm(c));
        self.asm.jcc(Cond::Lt, Target::Label(fixed));
        let q2 = self.asm.add(q0, Opnd::Imm(1));
        self.asm.mov(q, q2);
        let r2 = self.asm.sub(r0, Opnd::Imm(c));
        self.asm.mov(r, r2);
        self.asm.bind(fixed);
        // Both are in [0, 2**47): boxing cannot overflow.
        let v = if op == BinOp::FloorDiv { q } else { r };
        let boxed = self.asm.or(v, Opnd::Imm(INT_TAG));
        self.asm.mov(out, boxed);
        self.asm.jmp(Target::Label(done));
        self.asm.bind(slow);
        let b = self.asm.mov_new(Opnd::Imm(Value::from_small(c).0 as i64));
        let h = self.floordiv_mod_call(op, a, b)?;
        self.asm.mov(out, h);
        self.asm.bind(done);
        self.push(out, Type::Int);
        Ok(Flow::Next)
    }

    fn float_op(&mut self, op: BinOp, fa: Opnd, fb: Opnd) -> Result<Opnd, AsmError> {
        Ok(match op {
            BinOp::Add => self.asm.fadd(fa, fb),
            BinOp::Sub => self.asm.fsub(fa, fb),
            BinOp::Mul => self.asm.fmul(fa, fb),
            _ => {
                // x / 0.0 and x / -0.0 raise ZeroDivisionError.
                let z = self.exit(ExitReason::ZeroDivision)?;
                let mag = self.asm.shl(fb, Opnd::Imm(1));
                self.asm.cmp(mag, Opnd::Imm(0));
                self.asm.jcc(Cond::Eq, z);
                self.asm.fdiv(fa, fb)
            }
        })
    }

    /// Calls the generic binary helper on the two top temps (still in place).
    fn binary_helper(&mut self, op: BinOp, inplace: bool) -> Opnd {
        let sp = self.sp_opnd();
        let code = (op as u8 as i64) | if inplace { 0x100 } else { 0 };
        self.call_checked(
            helpers::binary as *const () as u64,
            vec![super::VM, sp, Opnd::Imm(code)],
        )
    }

    /// Unknown operand types: inline int and float tests, helper otherwise.
    fn binary_generic(
        &mut self,
        op: BinOp,
        inplace: bool,
        int_ok: bool,
        float_ok: bool,
    ) -> Result<Flow, AsmError> {
        let out = self.asm.new_vreg();
        let slow = self.asm.new_label();
        let done = self.asm.new_label();
        let (a, _) = self.peek(2);
        let (b, _) = self.peek(1);
        let try_float = self.asm.new_label();
        if int_ok {
            self.guard(a, Type::Int, Target::Label(try_float));
            self.guard(b, Type::Int, Target::Label(slow));
            let r = self.int_op(op, a, b, Target::Label(slow));
            self.asm.mov(out, r);
            self.asm.jmp(Target::Label(done));
        }
        self.asm.bind(try_float);
        if float_ok {
            self.guard(a, Type::Float, Target::Label(slow));
            self.guard(b, Type::Float, Target::Label(slow));
            let r = if op == BinOp::TrueDiv {
                let mag = self.asm.shl(b, Opnd::Imm(1));
                self.asm.cmp(mag, Opnd::Imm(0));
                self.asm.jcc(Cond::Eq, Target::Label(slow));
                self.asm.fdiv(a, b)
            } else {
                self.float_op(op, a, b)?
            };
            self.asm.mov(out, r);
            self.asm.jmp(Target::Label(done));
        }
        self.asm.bind(slow);
        let r = self.binary_helper(op, inplace);
        self.asm.mov(out, r);
        self.asm.bind(done);
        self.drop_temps(2);
        self.push(out, Type::Unknown);
        Ok(Flow::Next)
    }

    /// `a op b` for comparisons, fused with a following conditional jump.
    pub(super) fn gen_compare(&mut self, op: CmpOp) -> Result<Flow, AsmError> {
        let (ia, ib) = (self.depth - 2, self.depth - 1);
        let Some(ts) = self.specialise(&[ia, ib])? else {
            return self.defer();
        };
        let (ta, tb) = (ts[0], ts[1]);
        let num = |t: Type| t == Type::Int || t == Type::Float;
        if let Some(flow) = self.try_dunder_compare(op, ta, tb)? {
            return Ok(flow);
        }
        if !(num(ta) && num(tb)) {
            return self.compare_generic(op, ta, tb);
        }
        let (b, _) = self.pop();
        let (a, _) = self.pop();
        let cond = if ta == Type::Int && tb == Type::Int {
            if matches!(op, CmpOp::Eq | CmpOp::Ne) {
                self.asm.cmp(a, b);
            } else {
                let a16 = self.asm.shl(a, Opnd::Imm(16));
                let b16 = self.asm.shl(b, Opnd::Imm(16));
                self.asm.cmp(a16, b16);
            }
            int_cond(op)
        } else {
            let fa = self.as_float(a, ta);
            let fb = self.as_float(b, tb);
            self.asm.fcmp(fa, fb);
            float_cond(op)
        };
        self.finish_condition(cond)
    }

    /// After a flags-setting compare: branch directly if a conditional jump
    /// follows in the same block, else materialise a bool.
    pub(super) fn finish_condition(&mut self, cond: Cond) -> Result<Flow, AsmError> {
        let next = self.pc + 1;
        let fused = match self.code.code.get(next as usize) {
            Some(Instr::PopJumpIfFalse(t)) if !self.code.blocks.is_leader(next) => {
                Some((*t, false))
            }
            Some(Instr::PopJumpIfTrue(t)) if !self.code.blocks.is_leader(next) => Some((*t, true)),
            _ => None,
        };
        match fused {
            Some((target, jump_if)) => {
                // The pushed bool is consumed by the jump: the depth at both
                // successors is the current one.
                let ctx = self.ctx.unchained();
                let on_true_pc = if jump_if { target } else { next + 1 };
                let on_false_pc = if jump_if { next + 1 } else { target };
                let t_true = self.branch_to(on_true_pc, ctx)?;
                let t_false = self.branch_to(on_false_pc, ctx)?;
                self.asm.jcc(cond, t_true);
                self.asm.jmp(t_false);
                Ok(Flow::End)
            }
            None => {
                let r = self.asm.csel(
                    cond,
                    Opnd::Imm(Value::TRUE.0 as i64),
                    Opnd::Imm(Value::FALSE.0 as i64),
                );
                self.push(r, Type::Bool);
                Ok(Flow::Next)
            }
        }
    }

    fn compare_generic(&mut self, op: CmpOp, ta: Type, tb: Type) -> Result<Flow, AsmError> {
        let out = self.asm.new_vreg();
        let done = self.asm.new_label();
        let slow = self.asm.new_label();
        let maybe_int = |t: Type| t == Type::Unknown || t == Type::Int;
        if maybe_int(ta) && maybe_int(tb) {
            let (a, _) = self.peek(2);
            let (b, _) = self.peek(1);
            if ta != Type::Int {
                self.guard(a, Type::Int, Target::Label(slow));
            }
            if tb != Type::Int {
                self.guard(b, Type::Int, Target::Label(slow));
            }
            let a16 = self.asm.shl(a, Opnd::Imm(16));
            let b16 = self.asm.shl(b, Opnd::Imm(16));
            self.asm.cmp(a16, b16);
            let r = self.asm.csel(
                int_cond(op),
                Opnd::Imm(Value::TRUE.0 as i64),
                Opnd::Imm(Value::FALSE.0 as i64),
            );
            self.asm.mov(out, r);
            self.asm.jmp(Target::Label(done));
        }
        self.asm.bind(slow);
        let sp = self.sp_opnd();
        let r = self.call_checked(
            helpers::compare as *const () as u64,
            vec![super::VM, sp, Opnd::Imm(op as u8 as i64)],
        );
        self.asm.mov(out, r);
        self.asm.bind(done);
        self.drop_temps(2);
        // A comparison of builtin values gives a bool; user __eq__ may not.
        let t = if ta != Type::Object
            && tb != Type::Object
            && ta != Type::Unknown
            && tb != Type::Unknown
        {
            Type::Bool
        } else {
            Type::Unknown
        };
        self.push(out, t);
        Ok(Flow::Next)
    }

    /// `-x`, `not x`, ...
    pub(super) fn gen_unary(&mut self, op: UnOp) -> Result<Flow, AsmError> {
        let i = self.depth - 1;
        let Some(ts) = self.specialise(&[i])? else {
            return self.defer();
        };
        match (op, ts[0]) {
            (UnOp::Neg, Type::Int) => {
                let (a, _) = self.pop();
                let ovf = self.exit(ExitReason::Overflow)?;
                let zero = Opnd::Imm(INT_TAG);
                let r = self.int_op(BinOp::Sub, zero, a, ovf);
                self.push(r, Type::Int);
            }
            (UnOp::Neg, Type::Float) => {
                let (a, _) = self.pop();
                let r = self.asm.xor(a, Opnd::Imm(i64::MIN));
                self.push(r, Type::Float);
            }
            (UnOp::Not, Type::Bool) => {
                let (a, _) = self.pop();
                let r = self.asm.xor(a, Opnd::Imm(1));
                self.push(r, Type::Bool);
            }
            (UnOp::Pos, Type::Int | Type::Float) => {}
            _ => {
                let sp = self.sp_opnd();
                let r = self.call_checked(
                    helpers::unary as *const () as u64,
                    vec![super::VM, sp, Opnd::Imm(op as u8 as i64)],
                );
                self.drop_temps(1);
                let t = if op == UnOp::Not {
                    Type::Bool
                } else {
                    Type::Unknown
                };
                self.push(r, t);
            }
        }
        Ok(Flow::Next)
    }

    /// `a is b`: identity of the words (floats are boxed in CPython, so `is`
    /// on floats is never relied upon by correct programs).
    pub(super) fn gen_is(&mut self, neg: bool) -> Result<Flow, AsmError> {
        let (b, _) = self.pop();
        let (a, _) = self.pop();
        self.asm.cmp(a, b);
        let cond = if neg { Cond::Ne } else { Cond::Eq };
        self.finish_condition(cond)
    }
}
