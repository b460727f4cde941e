//! Control flow: jumps (with a GC poll on back-edges), conditional jumps on
//! truthiness, `for` iteration, and return.

use super::{Flow, Gen, VM};
use crate::jit::context::Type;
use crate::jit::helpers;
use crate::jit::RETURN;
use crate::runtime::value::{Value, TAG_INT, TAG_SHIFT};
use basil_asm::{AsmError, Cond, Mem, Opnd, Target, Width};

impl Gen<'_> {
    /// A collection point on loop back-edges: JIT loops never pass through
    /// the interpreter's safepoints.
    fn gc_poll(&mut self) {
        let heap = &self.vm.heap;
        let alloc_addr = &heap.allocated as *const usize as i64;
        let thresh_addr = &heap.threshold as *const usize as i64;
        let a = self.asm.mov_new(Opnd::Imm(alloc_addr));
        let allocated = self.asm.load(Mem::new(a, 0), Width::W64);
        let t = self.asm.mov_new(Opnd::Imm(thresh_addr));
        let threshold = self.asm.load(Mem::new(t, 0), Width::W64);
        let skip = self.asm.new_label();
        self.asm.cmp(allocated, threshold);
        self.asm.jcc(Cond::Below, Target::Label(skip));
        let sp = self.sp_opnd();
        self.asm
            .ccall_void(helpers::safepoint as *const () as u64, vec![VM, sp]);
        self.asm.bind(skip);
    }

    pub(super) fn gen_jump(&mut self, target: u32) -> Result<Flow, AsmError> {
        if target <= self.pc {
            self.gc_poll();
        }
        let t = self.branch_to(target, self.ctx.unchained())?;
        self.asm.jmp(t);
        Ok(Flow::End)
    }

    /// `PopJumpIfFalse`/`PopJumpIfTrue`.
    pub(super) fn gen_pop_jump(&mut self, target: u32, jump_if: bool) -> Result<Flow, AsmError> {
        let i = self.depth - 1;
        let Some(ts) = self.specialise(&[i])? else {
            return self.defer();
        };
        let next = self.pc + 1;
        let (on_true, on_false) = if jump_if {
            (target, next)
        } else {
            (next, target)
        };
        let cond = match ts[0] {
            Type::Bool => {
                let (v, _) = self.pop();
                self.asm.cmp(v, Opnd::Imm(Value::TRUE.0 as i64));
                Cond::Eq
            }
            Type::Int => {
                let (v, _) = self.pop();
                self.asm.cmp(v, Opnd::Imm((TAG_INT << TAG_SHIFT) as i64));
                Cond::Ne
            }
            Type::None => {
                self.pop();
                let t = self.branch_to(on_false, self.ctx.unchained())?;
                self.asm.jmp(t);
                return Ok(Flow::End);
            }
            _ => {
                let sp = self.sp_opnd();
                let r = self.call_checked(helpers::truthy as *const () as u64, vec![VM, sp]);
                self.drop_temps(1);
                self.asm.cmp(r, Opnd::Imm(1));
                Cond::Eq
            }
        };
        let ctx = self.ctx.unchained();
        let t_true = self.branch_to(on_true, ctx)?;
        let t_false = self.branch_to(on_false, ctx)?;
        self.asm.jcc(cond, t_true);
        self.asm.jmp(t_false);
        Ok(Flow::End)
    }

    /// `JumpIfFalseOrPop`/`JumpIfTrueOrPop` (`and`/`or`): the operand stays
    /// on the stack when jumping, and is popped when falling through.
    pub(super) fn gen_jump_or_pop(&mut self, target: u32, jump_if: bool) -> Result<Flow, AsmError> {
        let i = self.depth - 1;
        let Some(ts) = self.specialise(&[i])? else {
            return self.defer();
        };
        let (v, t) = self.peek(1);
        let cond = match t {
            Type::Bool => {
                self.asm.cmp(v, Opnd::Imm(Value::TRUE.0 as i64));
                Cond::Eq
            }
            Type::Int => {
                self.asm.cmp(v, Opnd::Imm((TAG_INT << TAG_SHIFT) as i64));
                Cond::Ne
            }
            _ => {
                let sp = self.sp_opnd();
                let r = self.call_checked(helpers::truthy as *const () as u64, vec![VM, sp]);
                self.asm.cmp(r, Opnd::Imm(1));
                Cond::Eq
            }
        };
        let _ = ts;
        let keep_ctx = self.ctx.unchained();
        let mut pop_ctx = keep_ctx;
        pop_ctx.set_temp(i as usize, Type::Unknown);
        let next = self.pc + 1;
        // Truthy: jump (keeping the value) for `or`, fall through for `and`.
        let (t_true, t_false) = if jump_if {
            (
                self.branch_to(target, keep_ctx)?,
                self.branch_to(next, pop_ctx)?,
            )
        } else {
            (
                self.branch_to(next, pop_ctx)?,
                self.branch_to(target, keep_ctx)?,
            )
        };
        self.asm.jcc(cond, t_true);
        self.asm.jmp(t_false);
        Ok(Flow::End)
    }

    pub(super) fn gen_get_iter(&mut self) -> Result<Flow, AsmError> {
        let (_, t) = self.peek(1);
        if t == Type::List {
            return self.get_list_iter();
        }
        let sp = self.sp_opnd();
        let r = self.call_checked(helpers::get_iter as *const () as u64, vec![VM, sp]);
        self.drop_temps(1);
        self.push(r, Type::Heap);
        if !self.specialize {
            return Ok(Flow::Next);
        }
        // Split on the iterator's kind once, before the loop: the loop's
        // header then has one version, which knows the kind, instead of one
        // for its entry and another for its back edge.
        let i = self.depth - 1;
        let with = |g: &Self, t: Type| {
            let mut c = g.ctx.unchained();
            c.set_temp(i as usize, t);
            c
        };
        let (range_ctx, list_ctx, other_ctx) = (
            with(self, Type::RangeIter),
            with(self, Type::ListIter),
            with(self, Type::Heap),
        );
        let to_range = self.branch_to(self.pc + 1, range_ctx)?;
        let to_list = self.branch_to(self.pc + 1, list_ctx)?;
        let to_other = self.branch_to(self.pc + 1, other_ctx)?;
        let (not_range, not_list) = (self.asm.new_label(), self.asm.new_label());
        self.count_test();
        self.emit_type_test(r, Type::RangeIter, Target::Label(not_range));
        self.asm.jmp(to_range);
        self.asm.bind(not_range);
        self.count_test();
        self.emit_type_test(r, Type::ListIter, Target::Label(not_list));
        self.asm.jmp(to_list);
        self.asm.bind(not_list);
        self.asm.jmp(to_other);
        Ok(Flow::End)
    }

    /// `ForIter`: the helper advances the iterator; when the peeked iterator
    /// yields ints, the item is guarded as an int after the advance (a
    /// failing guard continues after this op in a version that does not
    /// know the item's type).
    pub(super) fn gen_for_iter(&mut self, target: u32) -> Result<Flow, AsmError> {
        if let Some(flow) = self.for_iter_inline(target)? {
            return Ok(flow);
        }
        let expect_int = self.specialize && self.peeked_range_iter();
        if !expect_int {
            return self.for_iter_dynamic(target);
        }
        let sp = self.sp_opnd();
        let r = self.call_checked(helpers::for_iter as *const () as u64, vec![VM, sp]);
        let done_ctx = {
            let mut c = self.ctx.unchained();
            c.set_temp(self.depth as usize - 1, Type::Unknown);
            c
        };
        let t_done = self.branch_to(target, done_ctx)?;
        self.asm.cmp(r, Opnd::Imm(Value::NULL.0 as i64));
        self.asm.jcc(Cond::Eq, t_done);
        self.push(r, Type::Unknown);
        if expect_int {
            // A non-int item continues in the version that does not assume it.
            let other = self.branch_to(self.pc + 1, self.ctx.unchained())?;
            self.guard(r, Type::Int, other);
            self.learn(self.depth - 1, Type::Int);
        }
        let t = self.branch_to(self.pc + 1, self.ctx.unchained())?;
        self.asm.jmp(t);
        Ok(Flow::End)
    }

    /// Steps a range iterator (positive step, small-int bounds) or a list
    /// iterator inline, when the peeked iterator is one: a guard on its kind
    /// and state tag (failing into the next chain version), then a few loads
    /// and stores.
    fn for_iter_inline(&mut self, target: u32) -> Result<Option<Flow>, AsmError> {
        use crate::runtime::object::{IterState, Kind, ListObj};
        use crate::runtime::value::SMALL_MAX;
        if !self.specialize || self.ctx.chain() >= crate::jit::context::MAX_CHAIN {
            return Ok(None);
        }
        let i = self.depth - 1;
        let Some(it) = self.peek_value(i) else {
            return Ok(None);
        };
        let Some(io) = it.as_iter() else {
            return Ok(None);
        };
        let lay = self.jit.layout;
        let range = match io.state {
            IterState::Range { stop, step, .. }
                if step > 0 && step <= SMALL_MAX && stop <= SMALL_MAX =>
            {
                true
            }
            IterState::Seq { seq, .. } if seq.is_kind(Kind::List) => false,
            _ => return Ok(None),
        };
        // The iterator's kind is tested once: the loop's next iterations
        // run in versions whose context knows it.
        let want = if range {
            Type::RangeIter
        } else {
            Type::ListIter
        };
        let (itv, known) = self.peek(1);
        if known != want {
            let fail = self.branch_to(self.pc, self.ctx.chained())?;
            self.guard(itv, want, fail);
            self.learn(i, want);
        } else {
            self.count_removed(1);
        }
        let fail = self.branch_to(self.pc, self.ctx.chained())?;
        let p = self.untag(itv);
        let w = |k: usize| Mem::new(p, lay.iter_word[k] as i32);
        let done_ctx = {
            let mut c = self.ctx.unchained();
            c.set_temp(i as usize, Type::Unknown);
            c
        };
        let t_done = self.branch_to(target, done_ctx)?;
        let ran_out = self.asm.new_label();
        let item = if range {
            let step = self.asm.load(w(2), Width::W64);
            let stop = self.asm.load(w(1), Width::W64);
            // Items are small ints and `cur + step` cannot overflow:
            // 0 < step <= SMALL_MAX and SMALL_MIN <= cur < stop <= SMALL_MAX.
            self.asm.cmp(step, Opnd::Imm(0));
            self.asm.jcc(Cond::Le, fail);
            self.asm.cmp(step, Opnd::Imm(SMALL_MAX));
            self.asm.jcc(Cond::Gt, fail);
            self.asm.cmp(stop, Opnd::Imm(SMALL_MAX));
            self.asm.jcc(Cond::Gt, fail);
            let cur = self.asm.load(w(0), Width::W64);
            self.asm
                .cmp(cur, Opnd::Imm(crate::runtime::value::SMALL_MIN));
            self.asm.jcc(Cond::Lt, fail);
            self.asm.cmp(cur, stop);
            self.asm.jcc(Cond::Ge, Target::Label(ran_out));
            let next = self.asm.add(cur, step);
            self.asm.store(w(0), next, Width::W64);
            let payload = self
                .asm
                .and(cur, Opnd::Imm(((1u64 << TAG_SHIFT) - 1) as i64));
            self.asm
                .or(payload, Opnd::Imm((TAG_INT << TAG_SHIFT) as i64))
        } else {
            let seq = self.asm.load(w(0), Width::W64);
            let idx = self.asm.load(w(1), Width::W64);
            let lp = self.untag(seq);
            let base = std::mem::offset_of!(ListObj, items);
            let len = self
                .asm
                .load(Mem::new(lp, (base + lay.vec_len) as i32), Width::W64);
            self.asm.cmp(idx, len);
            self.asm.jcc(Cond::AboveEq, Target::Label(ran_out));
            let items = self
                .asm
                .load(Mem::new(lp, (base + lay.vec_ptr) as i32), Width::W64);
            let off = self.asm.shl(idx, Opnd::Imm(3));
            let addr = self.asm.add(items, off);
            let v = self.asm.load(Mem::new(addr, 0), Width::W64);
            let next = self.asm.add(idx, Opnd::Imm(1));
            self.asm.store(w(1), next, Width::W64);
            v
        };
        self.push(item, if range { Type::Int } else { Type::Unknown });
        let t = self.branch_to(self.pc + 1, self.ctx.unchained())?;
        self.asm.jmp(t);
        self.loop_exit(ran_out, i, t_done);
        Ok(Some(Flow::End))
    }

    /// `ForIter` with no knowledge of the iterator (the unversioned path and
    /// the megamorphic fallback): tests of its kind and state select inline
    /// range or list stepping, anything else calls the helper.
    fn for_iter_dynamic(&mut self, target: u32) -> Result<Flow, AsmError> {
        use crate::runtime::object::{Kind, ListObj};
        use crate::runtime::value::{SMALL_MAX, SMALL_MIN};
        let lay = self.jit.layout;
        let i = self.depth - 1;
        let done_ctx = {
            let mut c = self.ctx.unchained();
            c.set_temp(i as usize, Type::Unknown);
            c
        };
        let t_done = self.branch_to(target, done_ctx)?;
        let (slow, not_range, got) = (
            self.asm.new_label(),
            self.asm.new_label(),
            self.asm.new_label(),
        );
        let out = self.asm.new_vreg();
        let (itv, _) = self.peek(1);
        self.guard(itv, Type::Heap, Target::Label(slow));
        let p = self.untag(itv);
        let kind = self.asm.load(Mem::new(p, 0), Width::W8);
        self.count_test();
        self.asm.cmp(kind, Opnd::Imm(Kind::Iter as i64));
        self.asm.jcc(Cond::Ne, Target::Label(slow));
        let tag = self.asm.load(Mem::new(p, lay.iter_tag as i32), Width::W8);
        let w = |k: usize| Mem::new(p, lay.iter_word[k] as i32);
        // Range with small-int bounds and a positive step.
        self.count_test();
        self.asm.cmp(tag, Opnd::Imm(lay.tag_range as i64));
        self.asm.jcc(Cond::Ne, Target::Label(not_range));
        let step = self.asm.load(w(2), Width::W64);
        let stop = self.asm.load(w(1), Width::W64);
        let cur = self.asm.load(w(0), Width::W64);
        self.asm.cmp(step, Opnd::Imm(0));
        self.asm.jcc(Cond::Le, Target::Label(slow));
        self.asm.cmp(step, Opnd::Imm(SMALL_MAX));
        self.asm.jcc(Cond::Gt, Target::Label(slow));
        self.asm.cmp(stop, Opnd::Imm(SMALL_MAX));
        self.asm.jcc(Cond::Gt, Target::Label(slow));
        self.asm.cmp(cur, Opnd::Imm(SMALL_MIN));
        self.asm.jcc(Cond::Lt, Target::Label(slow));
        let ran_out = self.asm.new_label();
        self.asm.cmp(cur, stop);
        self.asm.jcc(Cond::Ge, Target::Label(ran_out));
        let next = self.asm.add(cur, step);
        self.asm.store(w(0), next, Width::W64);
        let payload = self
            .asm
            .and(cur, Opnd::Imm(((1u64 << TAG_SHIFT) - 1) as i64));
        let boxed = self
            .asm
            .or(payload, Opnd::Imm((TAG_INT << TAG_SHIFT) as i64));
        self.asm.mov(out, boxed);
        self.asm.jmp(Target::Label(got));
        // A list iterator.
        self.asm.bind(not_range);
        self.count_test();
        self.asm.cmp(tag, Opnd::Imm(lay.tag_seq as i64));
        self.asm.jcc(Cond::Ne, Target::Label(slow));
        let seq = self.asm.load(w(0), Width::W64);
        let lp = self.untag(seq);
        let sk = self.asm.load(Mem::new(lp, 0), Width::W8);
        self.count_test();
        self.asm.cmp(sk, Opnd::Imm(Kind::List as i64));
        self.asm.jcc(Cond::Ne, Target::Label(slow));
        let idx = self.asm.load(w(1), Width::W64);
        let base = std::mem::offset_of!(ListObj, items);
        let len = self
            .asm
            .load(Mem::new(lp, (base + lay.vec_len) as i32), Width::W64);
        self.asm.cmp(idx, len);
        self.asm.jcc(Cond::AboveEq, Target::Label(ran_out));
        let items = self
            .asm
            .load(Mem::new(lp, (base + lay.vec_ptr) as i32), Width::W64);
        let off = self.asm.shl(idx, Opnd::Imm(3));
        let addr = self.asm.add(items, off);
        let v = self.asm.load(Mem::new(addr, 0), Width::W64);
        let inc = self.asm.add(idx, Opnd::Imm(1));
        self.asm.store(w(1), inc, Width::W64);
        self.asm.mov(out, v);
        self.asm.jmp(Target::Label(got));
        // Anything else.
        self.asm.bind(slow);
        let sp = self.sp_opnd();
        let r = self.call_checked(helpers::for_iter as *const () as u64, vec![VM, sp]);
        self.asm.cmp(r, Opnd::Imm(Value::NULL.0 as i64));
        self.asm.jcc(Cond::Eq, t_done);
        self.asm.mov(out, r);
        self.asm.bind(got);
        self.push(out, Type::Unknown);
        let t = self.branch_to(self.pc + 1, self.ctx.unchained())?;
        self.asm.jmp(t);
        self.loop_exit(ran_out, i, t_done);
        Ok(Flow::End)
    }

    /// True if the iterator on top is, right now, an iterator over a range.
    fn peeked_range_iter(&self) -> bool {
        if !self.at_start {
            return false;
        }
        let Some(fp) = self.fp else { return false };
        // SAFETY: at the version's first op the frame's temps are live.
        let it = unsafe { *fp.add((self.nlocals + self.depth - 1) as usize) };
        it.as_iter()
            .is_some_and(|io| matches!(io.state, crate::runtime::object::IterState::Range { .. }))
    }

    pub(super) fn gen_return(&mut self) -> Result<Flow, AsmError> {
        let (v, t) = self.pop();
        self.asm
            .store(crate::jit::returns::ret_mem(), v, Width::W64);
        // The caller's continuation dispatches on the type (`jit::returns`).
        self.asm.store(
            crate::jit::returns::ret_type_mem(),
            Opnd::Imm(t as i64 * 8),
            Width::W64,
        );
        self.asm.leave(Opnd::Imm(RETURN as i64));
        Ok(Flow::End)
    }
}
