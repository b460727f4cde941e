//! Builtins compiled inline where the call is recognised: `len` of a
//! list, tuple or str, `range(...)` feeding a `for` loop, and
//! `list.append`. Each applies only when the callable is known to be the
//! builtin (resolved by `LoadMethod`, peeked, or pushed by `LoadGlobal` of
//! its name) and is guarded by its identity where it was not resolved, so
//! rebinding the name takes the guard chain's next version.

use super::arith::INT_TAG;
use super::{Flow, Gen, VM};
use crate::bytecode::Instr;
use crate::intern::Sym;
use crate::jit::context::{Type, MAX_CHAIN};
use crate::jit::helpers;
use crate::runtime::object::{ListObj, StrObj, TupleObj};
use crate::runtime::value::Value;
use basil_asm::{AsmError, Cond, Mem, Opnd, Target, Width};
use std::mem::offset_of;

impl Gen<'_> {
    /// The builtin `name` when the callable in temp `fidx` is it: peeked,
    /// or pushed by `LoadGlobal name` (the last op before this one that
    /// started at the callable's depth). Still to be guarded by identity.
    fn builtin_callee(&self, fidx: u32, name: Sym) -> Option<Value> {
        let f = self.vm.builtin(name)?;
        let pushed_by_global = || {
            (0..self.pc)
                .rev()
                .find(|&p| self.depths.get(p as usize) == Some(&fidx))
                .and_then(|p| match self.code.code.get(p as usize) {
                    Some(&Instr::LoadGlobal(g)) => {
                        let m = self.vm.codes[self.code_id as usize].module as usize;
                        self.vm.modules.get(m)?.names.get(g as usize).copied()
                    }
                    _ => None,
                })
                .is_some_and(|n| n == name)
        };
        let is = match self.peek_value(fidx) {
            Some(v) => v == f,
            None => pushed_by_global(),
        };
        is.then_some(f)
    }

    /// Guards that temp `fidx` holds `f` (else the guard chain's next
    /// version of this op).
    fn guard_callee(&mut self, fidx: u32, f: Value) -> Result<(), AsmError> {
        let fail = self.branch_to(self.pc, self.ctx.chained())?;
        let fv = self.read_temp(fidx);
        self.jit.stats.identity_guards += 1;
        self.asm.cmp(fv, Opnd::Imm(f.0 as i64));
        self.asm.jcc(Cond::Ne, fail);
        Ok(())
    }

    /// `range(a1 .. an)` whose result goes straight to `GetIter`, with 1 to
    /// 3 arguments known to be ints: one helper makes the iterator (no
    /// range object, no generic call) and both ops are done.
    pub(super) fn try_range_iter(&mut self, n: u32) -> Result<Option<Flow>, AsmError> {
        let next = self.pc + 1;
        if !self.specialize
            || self.ctx.chain() >= MAX_CHAIN
            || !(1..=3).contains(&n)
            || self.code.code.get(next as usize) != Some(&Instr::GetIter)
            || self.code.blocks.is_leader(next)
        {
            return Ok(None);
        }
        let fidx = self.depth - n - 1;
        if (fidx + 1..self.depth).any(|i| self.ctx.temp(i as usize) != Type::Int) {
            return Ok(None);
        }
        let Some(f) = self.builtin_callee(fidx, self.vm.s.range) else {
            return Ok(None);
        };
        self.guard_callee(fidx, f)?;
        let helper = |g: &mut Self| {
            let sp = g.sp_opnd();
            let r = g.asm.ccall(
                helpers::range_iter as *const () as u64,
                vec![VM, sp, Opnd::Imm(n as i64)],
            );
            let err = g.raise_exit();
            g.asm.cmp(r, Opnd::Imm(helpers::JIT_ERR as i64));
            g.asm.jcc(Cond::Eq, err);
            r
        };
        let r = if n < 3 {
            // No step to check: the iterator comes from the pool inline.
            let (a, _) = self.peek(1);
            let stop = self.int_payload(a);
            let start = if n == 2 {
                let (b, _) = self.peek(2);
                self.int_payload(b)
            } else {
                Opnd::Imm(0)
            };
            let state = super::iters::State {
                tag: self.jit.layout.tag_range,
                words: [start, stop, Opnd::Imm(1)],
            };
            self.take_loop_iter(state, helper)
        } else {
            helper(self)
        };
        self.drop_temps(n + 1);
        self.push(r, Type::RangeIter);
        // The GetIter is done too: go on after it.
        self.pc = next;
        Ok(Some(Flow::Next))
    }

    /// `len(x)` with `x` a list, tuple or str (known, or learned here by a
    /// type test): its length, read from the object.
    pub(super) fn try_len(&mut self, n: u32) -> Result<Option<Flow>, AsmError> {
        if !self.specialize || self.ctx.chain() >= MAX_CHAIN || n != 1 {
            return Ok(None);
        }
        let (fidx, arg) = (self.depth - 2, self.depth - 1);
        let Some(f) = self.builtin_callee(fidx, self.vm.s.len_builtin) else {
            return Ok(None);
        };
        let t = match self.specialise(&[arg])? {
            Some(ts) => ts[0],
            None => return self.defer().map(Some),
        };
        let lay = self.jit.layout;
        let off = match t {
            Type::List => offset_of!(ListObj, items) + lay.vec_len,
            Type::Tuple => offset_of!(TupleObj, items) + lay.slice_len,
            Type::Str => offset_of!(StrObj, chars),
            _ => return Ok(None),
        };
        self.guard_callee(fidx, f)?;
        let (x, _) = self.pop();
        self.drop_temps(1);
        let p = self.untag(x);
        let len = self.asm.load(Mem::new(p, off as i32), Width::W64);
        let r = self.asm.or(len, Opnd::Imm(INT_TAG));
        self.push(r, Type::Int);
        Ok(Some(Flow::Next))
    }

    /// `lst.append(v)` (one argument) when `LoadMethod` resolved
    /// `list.append` on a list: stores in place when the item buffer has
    /// room, else a helper pushes (and grows it).
    pub(super) fn try_list_append(&mut self, n: u32) -> Result<Option<Flow>, AsmError> {
        if n != 1 || !self.resolved_list_append() {
            return Ok(None);
        }
        // `lst.append(v)` with `lst` a list: store in place when the
        // item buffer has room, else a helper pushes (and grows it).
        let (v, _) = self.pop();
        let (l, _) = self.pop();
        self.drop_temps(1);
        let p = self.untag(l);
        let items = offset_of!(ListObj, items);
        let (grow, done) = (self.asm.new_label(), self.asm.new_label());
        let (len_mem, len) = self.vec_room(p, items, Target::Label(grow));
        let buf = self.asm.load(
            Mem::new(p, (items + self.jit.layout.vec_ptr) as i32),
            Width::W64,
        );
        let off = self.asm.shl(len, Opnd::Imm(3));
        let at = self.asm.add(buf, off);
        self.asm.store(Mem::new(at, 0), v, Width::W64);
        let len1 = self.asm.add(len, Opnd::Imm(1));
        self.asm.store(len_mem, len1, Width::W64);
        self.asm.jmp(Target::Label(done));
        self.asm.bind(grow);
        self.asm
            .ccall(helpers::list_push as *const () as u64, vec![p, v]);
        self.asm.bind(done);
        let none = self.asm.mov_new(Opnd::Imm(Value::NONE.0 as i64));
        self.push(none, Type::None);
        Ok(Some(Flow::Next))
    }

    /// Whether the method call with one argument on top is `list.append`
    /// on a list: `LoadMethod` resolved it in this version with the
    /// receiver's type known (builtin types cannot change).
    fn resolved_list_append(&self) -> bool {
        let fidx = self.depth - 3;
        let Some((i, m)) = self.method_const else {
            return false;
        };
        i == fidx
            && self.ctx.temp(fidx as usize + 1) == Type::List
            && self
                .vm
                .class_lookup(self.vm.cls.list, self.vm.s.append)
                .is_some_and(|a| a == m)
    }

    /// The callable in temp `fidx` when the op that pushed it was
    /// `LoadGlobal` (its value now: still to be guarded by identity).
    fn global_callee(&self, fidx: u32) -> Option<Value> {
        let p = (0..self.pc)
            .rev()
            .find(|&p| self.depths.get(p as usize) == Some(&fidx))?;
        let Some(&Instr::LoadGlobal(g)) = self.code.code.get(p as usize) else {
            return None;
        };
        let m = &self.vm.modules[self.vm.codes[self.code_id as usize].module as usize];
        let v = m.globals.get(g as usize).copied()?;
        let v = if v.is_null() {
            m.builtin_fallback.get(g as usize).copied()?
        } else {
            v
        };
        (!v.is_null()).then_some(v)
    }

    /// `math.sqrt(x)` and the other float functions of one float
    /// (`Vm::float_fns`) with `x` known to be a float or an int: a direct
    /// call of the function, no argument binding. The function is a
    /// constant `LoadMethod` resolved on the module (`method`), or is
    /// peeked or pushed by `LoadGlobal` and guarded by identity. A domain
    /// or range error makes the generic call, which raises.
    pub(super) fn try_float_fn(&mut self, n: u32, method: bool) -> Result<Option<Flow>, AsmError> {
        if !self.specialize || self.ctx.chain() >= MAX_CHAIN || n != 1 {
            return Ok(None);
        }
        let fidx = self.depth - n - 1 - method as u32;
        let arg = self.depth - 1;
        let t = self.ctx.temp(arg as usize);
        if t != Type::Float && t != Type::Int {
            return Ok(None);
        }
        let (f, guarded) = if method {
            match self.function_const.filter(|&(i, _)| i == fidx) {
                Some((_, f)) => (f, true),
                None => return Ok(None),
            }
        } else {
            match self.peek_value(fidx).or_else(|| self.global_callee(fidx)) {
                Some(f) => (f, false),
                None => return Ok(None),
            }
        };
        let Some(idx) = self.vm.float_fns.iter().position(|&(b, _, _)| b == f) else {
            return Ok(None);
        };
        if !guarded {
            self.jit.core.embedded.insert(f);
            self.guard_callee(fidx, f)?;
        }
        let (x, _) = self.peek(1);
        let xf = if t == Type::Int {
            let p = self.int_payload(x);
            self.asm.int_to_float(p)
        } else {
            x
        };
        let out = self.asm.new_vreg();
        let done = self.asm.new_label();
        let r = self.asm.ccall(
            helpers::float_fn as *const () as u64,
            vec![VM, xf, Opnd::Imm(idx as i64)],
        );
        self.asm.mov(out, r);
        self.asm.cmp(r, Opnd::Imm(helpers::JIT_ERR as i64));
        self.asm.jcc(Cond::Ne, Target::Label(done));
        let sp = self.sp_opnd();
        let fun = if method {
            helpers::call_method as *const () as u64
        } else {
            helpers::call as *const () as u64
        };
        // It raises: it runs no Python code (the argument is a number),
        // so what this version knows of shapes stays true.
        let r2 = self.asm.ccall(fun, vec![VM, sp, Opnd::Imm(n as i64)]);
        let err = self.raise_exit();
        self.asm.cmp(r2, Opnd::Imm(helpers::JIT_ERR as i64));
        self.asm.jcc(Cond::Eq, err);
        self.asm.mov(out, r2);
        self.asm.bind(done);
        self.drop_temps(n + 1 + method as u32);
        self.push(out, Type::Float);
        Ok(Some(Flow::Next))
    }
}
