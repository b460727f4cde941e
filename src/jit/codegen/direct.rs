//! Direct JIT-to-JIT calls: a callee known at compile time (a method
//! `LoadMethod` resolved, a function found on a class, a peeked callable
//! behind an identity guard, a class whose `__init__` is a Python function)
//! gets its parameters laid out in place (`jit::binding`), its frame record
//! pushed inline, and its entry version for the argument types and shapes
//! this site knows.

use super::{Flow, Gen, VM};
use crate::jit::binding::Source;
use crate::jit::context::Type;
use crate::jit::helpers;
use crate::runtime::object::{BuiltinType, Kind};
use crate::runtime::value::Value;
use basil_asm::{AsmError, Cond, Opnd, Width};

impl Gen<'_> {
    /// A direct JIT-to-JIT call when the callee (peeked now) is a Python
    /// function whose parameters the arguments bind to at compile time
    /// (`jit::binding`: positional arguments, then the values of the
    /// keyword names `kw`, then defaults), or a user class whose `__init__`
    /// is one: guard its identity (and, for a class, that no class changed
    /// since), lay the callee's parameters out in place and NULL its other
    /// locals, push its frame record, and run its entry version through the
    /// entry trampoline (which gives it a native frame of its own). A
    /// callee that leaves JIT code early is finished by the interpreter.
    /// None when this does not apply.
    pub(super) fn try_direct_call(
        &mut self,
        n: u32,
        method: bool,
        kw: &[&str],
    ) -> Result<Option<Flow>, AsmError> {
        if !self.specialize || self.ctx.chain() >= crate::jit::context::MAX_CHAIN {
            return Ok(None);
        }
        let extra = if method { 2 } else { 1 };
        let nk = kw.len() as u32;
        let fidx = self.depth - n - nk - extra;
        // A method resolved by LoadMethod in this version is a constant;
        // so is a function it found on a class (with no receiver).
        let resolved = self.resolved_method(fidx, method);
        let unbound = self
            .function_const
            .filter(|&(i, _)| method && i == fidx)
            .map(|(_, f)| f);
        let Some(fv) = resolved.or(unbound).or_else(|| self.peek_value(fidx)) else {
            return Ok(if self.at_start {
                None
            } else {
                Some(self.defer()?)
            });
        };
        let bound = resolved.is_some()
            || unbound.is_none()
                && method
                && self.peek_value(fidx + 1).is_some_and(|s| !s.is_null());
        // The function to run, and whether it is a class's __init__.
        let (func, class) = match fv.as_class() {
            Some(c) if c.builtin == BuiltinType::User => {
                if bound {
                    return Ok(None);
                }
                match self.vm.class_lookup(fv, self.vm.s.init) {
                    Some(init) if init.is_kind(Kind::Function) => (init, Some(fv)),
                    _ => return Ok(None),
                }
            }
            _ => (fv, None),
        };
        // Arguments (with the receiver or the new instance first).
        let with_self = bound || class.is_some();
        let argc = n + with_self as u32;
        let first = self.depth - argc - nk;
        let Some(fo) = func.as_function() else {
            return Ok(None);
        };
        let code = &self.vm.codes[fo.code as usize].code;
        // Where each parameter's value comes from; defaults are fixed for
        // this function, whose identity is guarded.
        let Some(plan) = crate::jit::binding::plan(code, fo, &self.vm.names, argc as usize, kw)
        else {
            return Ok(None);
        };
        let (callee, callee_nlocals) = (fo.code, code.nlocals());
        // The guards compare addresses: keep the objects alive.
        self.jit.core.embedded.insert(fv);
        self.jit.core.embedded.insert(func);
        // Guards: the same callable; a bound receiver for methods; no class
        // changed since this was compiled, for instantiation.
        let fail = self.branch_to(self.pc, self.ctx.chained())?;
        if resolved.is_none() && unbound.is_none() {
            let f = self.read_temp(fidx);
            self.jit.stats.identity_guards += 1;
            self.asm.cmp(f, Opnd::Imm(fv.0 as i64));
            self.asm.jcc(Cond::Ne, fail);
        }
        if bound && resolved.is_none() {
            let s = self.read_temp(fidx + 1);
            self.asm.cmp(s, Opnd::Imm(Value::NULL.0 as i64));
            self.asm.jcc(Cond::Eq, fail);
        }
        let mut inst = None;
        if let Some(cls) = class {
            self.guard_class_epoch(fail);
            let obj = self.asm.ccall(
                helpers::new_instance as *const () as u64,
                vec![VM, Opnd::Imm(cls.0 as i64)],
            );
            let m = self.temp_mem(first);
            self.asm.store(m, obj, Width::W64);
            self.forget_temp_regs(first);
            inst = Some(obj);
        }
        // The callee's frame starts at its first argument.
        let fp_mem = self.temp_mem(first);
        let new_fp = self.asm.lea(fp_mem);
        // Keyword values move to their parameters' slots: all are read
        // before any is written.
        let kw_vals: Vec<Opnd> = (0..nk).map(|j| self.read_temp(first + argc + j)).collect();
        for (p, src) in plan.iter().enumerate() {
            let v = match *src {
                Source::Arg(i) if i == p => continue,
                Source::Arg(i) => kw_vals[i - argc as usize],
                Source::Default(d) => Opnd::Imm(d.0 as i64),
            };
            self.asm
                .store(basil_asm::Mem::new(new_fp, (p * 8) as i32), v, Width::W64);
        }
        self.forget_temp_regs(first);
        let filled = plan.len() as u32;
        for i in filled..callee_nlocals {
            self.asm.store(
                basil_asm::Mem::new(new_fp, (i * 8) as i32),
                Opnd::Imm(Value::NULL.0 as i64),
                Width::W64,
            );
        }
        let frame_size = self.vm.codes[callee as usize].code.frame_size();
        self.push_frame_record(func, callee, callee_nlocals, frame_size, new_fp);
        // Entry-point versioning: the callee's entry is specialised for the
        // argument types this call site knows.
        let mut callee_ctx = crate::jit::context::Context::GENERIC;
        // The shapes of instances passed that are known here go with them:
        // a new instance's is its class's root shape; a receiver's was
        // guarded by LoadMethod; other arguments' are the context's.
        let shapes_before: Vec<(u32, u32)> = self.ctx.local_shape_entries().collect();
        for i in 0..argc.min(crate::jit::context::MAX_LOCALS as u32) {
            let shape = match (i, class) {
                (0, Some(c)) => c.as_class().map(|c| c.root_shape),
                (0, None) if bound => self
                    .receiver_shape
                    .filter(|&(r, _)| r == fidx + 1)
                    .map(|(_, s)| s),
                _ => self.known_shape(first + i),
            };
            if shape.is_some() {
                callee_ctx.set_local_shape(i, shape);
            }
        }
        for (p, src) in plan.iter().enumerate() {
            let t = match *src {
                Source::Arg(0) if class.is_some() => Type::Object,
                Source::Arg(i) => self.ctx.temp(first as usize + i),
                Source::Default(d) => Type::of(d),
            };
            callee_ctx.set_local(p, t);
        }
        let slot = self.jit.entry_slot(callee, callee_ctx)?;
        let sa = self.asm.mov_new(Opnd::Imm(slot as i64));
        let target = self.asm.load(basil_asm::Mem::new(sa, 0), Width::W64);
        let out = self.run_callee(new_fp, target);
        let result = match inst {
            Some(obj) => {
                // __init__ must return None.
                let ok = self.asm.new_label();
                self.asm.cmp(out, Opnd::Imm(Value::NONE.0 as i64));
                self.asm.jcc(Cond::Eq, basil_asm::Target::Label(ok));
                self.asm
                    .ccall_void(helpers::bad_init_result as *const () as u64, vec![VM, out]);
                let err3 = self.raise_exit();
                self.asm.jmp(err3);
                self.asm.bind(ok);
                obj
            }
            None => out,
        };
        self.drop_temps(n + nk + extra);
        if class.is_some() {
            self.push(result, Type::Object);
            return Ok(Some(Flow::Next));
        }
        self.continue_after_call(result, &shapes_before).map(Some)
    }

    /// Pushes the frame record of a direct call inline — when the frame
    /// table has room, the recursion limit and the VM stack allow, and no
    /// collection is due; otherwise through `helpers::push_frame`, which
    /// also checks the native stack, collects, or raises RecursionError.
    pub(super) fn push_frame_record(
        &mut self,
        func: Value,
        code: u32,
        nlocals: u32,
        frame_size: u32,
        new_fp: Opnd,
    ) {
        use crate::runtime::vm::{Frame, Vm};
        use basil_asm::{Mem, Target};
        use std::mem::{offset_of, size_of};
        /// Deeper than this, the helper also checks the native stack.
        const INLINE_DEPTH: i64 = 20_000;
        let lay = self.jit.layout;
        let frames = offset_of!(Vm, frames);
        let len_mem = Mem::new(VM, (frames + lay.frames_len) as i32);
        let (slow, done) = (self.asm.new_label(), self.asm.new_label());
        let len = self.asm.load(len_mem, Width::W64);
        let cap = self
            .asm
            .load(Mem::new(VM, (frames + lay.frames_cap) as i32), Width::W64);
        self.asm.cmp(len, cap);
        self.asm.jcc(Cond::AboveEq, Target::Label(slow));
        let limit = self.asm.load(
            Mem::new(VM, offset_of!(Vm, recursion_limit) as i32),
            Width::W64,
        );
        self.asm.cmp(len, limit);
        self.asm.jcc(Cond::AboveEq, Target::Label(slow));
        self.asm.cmp(len, Opnd::Imm(INLINE_DEPTH));
        self.asm.jcc(Cond::AboveEq, Target::Label(slow));
        let heap = &self.vm.heap;
        let aa = self
            .asm
            .mov_new(Opnd::Imm(&heap.allocated as *const usize as i64));
        let allocated = self.asm.load(Mem::new(aa, 0), Width::W64);
        let ta = self
            .asm
            .mov_new(Opnd::Imm(&heap.threshold as *const usize as i64));
        let threshold = self.asm.load(Mem::new(ta, 0), Width::W64);
        self.asm.cmp(allocated, threshold);
        self.asm.jcc(Cond::AboveEq, Target::Label(slow));
        let stack0 = self.vm.stack.base_addr() as i64;
        let stack_end = stack0 + (self.vm.stack.capacity() as i64) * 8;
        let end = self
            .asm
            .add(new_fp, Opnd::Imm((frame_size as i64 + 64) * 8));
        self.asm.cmp(end, Opnd::Imm(stack_end));
        self.asm.jcc(Cond::AboveEq, Target::Label(slow));
        // The record at ptr + len * size; the caller's (just below) gets
        // its sp: the arguments now belong to the callee.
        let ptr = self
            .asm
            .load(Mem::new(VM, (frames + lay.frames_ptr) as i32), Width::W64);
        let size = size_of::<Frame>() as i64;
        let scaled = self.asm.mul(len, Opnd::Imm(size));
        let rec = self.asm.add(ptr, scaled);
        let rel = self.asm.sub(new_fp, Opnd::Imm(stack0));
        let base = self.asm.shr(rel, Opnd::Imm(3));
        let sp = self.asm.add(base, Opnd::Imm(nlocals as i64));
        let at = |field: usize| Mem::new(rec, field as i32);
        self.asm.store(
            Mem::new(rec, (offset_of!(Frame, sp) as i64 - size) as i32),
            base,
            Width::W64,
        );
        self.asm.store(
            at(offset_of!(Frame, code)),
            Opnd::Imm(code as i64),
            Width::W32,
        );
        self.asm
            .store(at(offset_of!(Frame, base)), base, Width::W64);
        self.asm.store(at(offset_of!(Frame, sp)), sp, Width::W64);
        self.asm.store(
            at(offset_of!(Frame, func)),
            Opnd::Imm(func.0 as i64),
            Width::W64,
        );
        self.asm.store(
            at(offset_of!(Frame, namespace)),
            Opnd::Imm(Value::NULL.0 as i64),
            Width::W64,
        );
        let next = self.asm.add(len, Opnd::Imm(1));
        self.asm.store(len_mem, next, Width::W64);
        self.asm.jmp(Target::Label(done));
        self.asm.bind(slow);
        let pushed = self.asm.ccall(
            helpers::push_frame as *const () as u64,
            vec![VM, Opnd::Imm(func.0 as i64), new_fp],
        );
        let err = self.raise_exit();
        self.asm.cmp(pushed, Opnd::Imm(helpers::JIT_ERR as i64));
        self.asm.jcc(Cond::Eq, err);
        self.asm.bind(done);
    }

    /// Pops the frame record pushed by `push_frame_record`.
    pub(super) fn pop_frame_record(&mut self) {
        use basil_asm::Mem;
        let off = std::mem::offset_of!(crate::runtime::vm::Vm, frames) + self.jit.layout.frames_len;
        let len_mem = Mem::new(VM, off as i32);
        let len = self.asm.load(len_mem, Width::W64);
        let prev = self.asm.sub(len, Opnd::Imm(1));
        self.asm.store(len_mem, prev, Width::W64);
    }
}
