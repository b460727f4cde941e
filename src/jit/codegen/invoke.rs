//! Running a Python callee from JIT code and continuing after it: the part
//! of a call shared by direct calls (callee known at compile time,
//! `direct.rs`) and dynamic ones (callee found at run time by
//! `jit::dyncall::enter_call`, which pushes its frame and picks its entry
//! version), and the return-type dispatch that follows (`jit::returns`).

use super::{Flow, Gen, VM};
use crate::jit::context::{Type, MAX_TEMPS};
use crate::jit::{dyncall, helpers, returns};
use basil_asm::{AsmError, Cond, Mem, Opnd, Target, Width};

impl Gen<'_> {
    /// Runs the callee whose frame record is pushed and whose frame starts
    /// at `new_fp`, from the entry address `target`, through the entry
    /// trampoline (a native frame of its own); a callee that left JIT code
    /// early is finished by the interpreter. Pops the record and raises if
    /// the callee did. Returns the result (its type code is in
    /// `Vm::jit_ret_type`).
    pub(super) fn run_callee(&mut self, new_fp: Opnd, target: Opnd) -> Opnd {
        self.forget_shapes();
        let status = self
            .asm
            .ccall(self.jit.tramp.addr, vec![new_fp, VM, Opnd::Imm(0), target]);
        let out = self.asm.new_vreg();
        let slow = self.asm.new_label();
        let done = self.asm.new_label();
        self.asm.cmp(status, Opnd::Imm(crate::jit::RETURN as i64));
        self.asm.jcc(Cond::Ne, Target::Label(slow));
        let r = self.asm.load(returns::ret_mem(), Width::W64);
        self.asm.mov(out, r);
        self.asm.jmp(Target::Label(done));
        self.asm.bind(slow);
        let r2 = self
            .asm
            .ccall(helpers::complete_call as *const () as u64, vec![VM, status]);
        self.asm.mov(out, r2);
        // Finished by the interpreter: the result's type is unknown.
        self.asm
            .store(returns::ret_type_mem(), Opnd::Imm(0), Width::W64);
        self.asm.bind(done);
        self.pop_frame_record();
        let err = self.raise_exit();
        self.asm.cmp(out, Opnd::Imm(helpers::JIT_ERR as i64));
        self.asm.jcc(Cond::Eq, err);
        out
    }

    /// Pushes a call's result and continues in the version for the type in
    /// `Vm::jit_ret_type`, through the call site's continuation table.
    /// `shapes` are the locals' shapes known before the call, which the
    /// continuation keeps where they are final (`jit::returns`).
    pub(super) fn continue_after_call(
        &mut self,
        result: Opnd,
        shapes: &[(u32, u32)],
    ) -> Result<Flow, AsmError> {
        self.push(result, Type::Unknown);
        let temp = self.depth as usize - 1;
        if temp >= MAX_TEMPS {
            return Ok(Flow::Next);
        }
        let table = self.jit.new_ret_site(
            self.code_id,
            self.pc + 1,
            self.ctx.unchained(),
            temp,
            shapes,
        )?;
        // `jit_ret_type` holds the table offset (type code * 8).
        let off = self.asm.load(returns::ret_type_mem(), Width::W64);
        let base = self.asm.mov_new(Opnd::Imm(table as i64));
        let at = self.asm.add(base, off);
        let dest = self.asm.load(Mem::new(at, 0), Width::W64);
        self.asm.jmp_reg(dest);
        Ok(Flow::End)
    }

    /// A call whose callee is known only at run time (a method from an
    /// inline cache, a function in a variable): `enter_call` checks that it
    /// is a Python function the arguments fill exactly, pushes its frame
    /// and gives the entry version for the argument types known here (0
    /// otherwise: the generic call helper serves). Not for callables that
    /// are, when compiled, something other than a Python function.
    pub(super) fn try_dynamic_call(
        &mut self,
        n: u32,
        method: bool,
    ) -> Result<Option<Flow>, AsmError> {
        if !self.specialize {
            return Ok(None);
        }
        let extra = if method { 2 } else { 1 };
        let fidx = self.depth - n - extra;
        // A method LoadMethod resolved here, or the callable peeked now.
        let known = self
            .resolved_method(fidx, method)
            .or_else(|| self.peek_value(fidx));
        if known.is_some_and(|f| f.as_function().is_none()) {
            return Ok(None);
        }
        // The known types of the arguments, the receiver (if any) first.
        let mut types = 0u64;
        for i in 0..(n + method as u32).min(dyncall::TYPED_ARGS) {
            types |= (self.ctx.temp((fidx + 1 + i) as usize) as u64) << (4 * i);
        }
        let cell = self.jit.new_call_cell();
        let sp = self.sp_opnd();
        let shapes_before: Vec<(u32, u32)> = self.ctx.local_shape_entries().collect();
        self.forget_shapes();
        let arg = n as i64 | (method as i64) << 32;
        let entry = self.asm.ccall(
            dyncall::enter_call as *const () as u64,
            vec![
                VM,
                sp,
                Opnd::Imm(arg),
                Opnd::Imm(types as i64),
                Opnd::Imm(cell as i64),
            ],
        );
        let err = self.raise_exit();
        self.asm.cmp(entry, Opnd::Imm(helpers::JIT_ERR as i64));
        self.asm.jcc(Cond::Eq, err);
        let out = self.asm.new_vreg();
        let (generic, join) = (self.asm.new_label(), self.asm.new_label());
        self.asm.cmp(entry, Opnd::Imm(0));
        self.asm.jcc(Cond::Eq, Target::Label(generic));
        let fp = self.asm.load(dyncall::call_fp_mem(), Width::W64);
        let r = self.run_callee(fp, entry);
        self.asm.mov(out, r);
        self.asm.jmp(Target::Label(join));
        self.asm.bind(generic);
        let sp = self.sp_opnd();
        let fun = if method {
            helpers::call_method as *const () as u64
        } else {
            helpers::call as *const () as u64
        };
        let r2 = self.call_checked(fun, vec![VM, sp, Opnd::Imm(n as i64)]);
        self.asm.mov(out, r2);
        self.asm
            .store(returns::ret_type_mem(), Opnd::Imm(0), Width::W64);
        self.asm.bind(join);
        self.drop_temps(n + extra);
        self.continue_after_call(out, &shapes_before).map(Some)
    }
}
