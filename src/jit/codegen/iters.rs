//! `for` loop iterators taken from and given back to the VM's pool inline
//! (`Vm::new_loop_iter`, `Vm::recycle_iter`, which the helpers call on the
//! slow paths): a loop over a list or a range allocates nothing and calls
//! nothing to start or to end.

use super::{Flow, Gen, VM};
use crate::jit::context::Type;
use crate::jit::helpers;
use crate::runtime::object::IterObj;
use crate::runtime::vm::{Vm, ITER_POOL};
use basil_asm::{AsmError, Cond, Label, Mem, Opnd, Target, Width};
use std::mem::offset_of;

/// An iterator state to write into a pooled iterator: the state's tag and
/// its three payload words.
pub(super) struct State {
    pub tag: u8,
    pub words: [Opnd; 3],
}

impl Gen<'_> {
    fn pool_len_mem(&self) -> Mem {
        Mem::new(
            VM,
            (offset_of!(Vm, iter_pool) + self.jit.layout.vec_len) as i32,
        )
    }

    fn pool_ptr_mem(&self) -> Mem {
        Mem::new(
            VM,
            (offset_of!(Vm, iter_pool) + self.jit.layout.vec_ptr) as i32,
        )
    }

    /// The running frame's depth (`Vm::frames.len()`).
    fn frame_depth(&mut self) -> Opnd {
        let off = offset_of!(Vm, frames) + self.jit.layout.frames_len;
        self.asm.load(Mem::new(VM, off as i32), Width::W64)
    }

    /// Writes `state` into the iterator whose object pointer is `p`.
    fn write_state(&mut self, p: Opnd, state: &State) {
        let lay = self.jit.layout;
        self.asm.store(
            Mem::new(p, lay.iter_tag as i32),
            Opnd::Imm(state.tag as i64),
            Width::W8,
        );
        for (k, &w) in state.words.iter().enumerate() {
            self.asm
                .store(Mem::new(p, lay.iter_word[k] as i32), w, Width::W64);
        }
    }

    /// An iterator for this frame's `for` loop in `out`: popped from the
    /// pool and given `state` inline; when the pool is empty, the code
    /// `slow` emits makes one (and raises through the usual exits).
    pub(super) fn take_loop_iter(
        &mut self,
        state: State,
        slow: impl FnOnce(&mut Self) -> Opnd,
    ) -> Opnd {
        let out = self.asm.new_vreg();
        let (empty, done) = (self.asm.new_label(), self.asm.new_label());
        let len_mem = self.pool_len_mem();
        let len = self.asm.load(len_mem, Width::W64);
        self.asm.cmp(len, Opnd::Imm(0));
        self.asm.jcc(Cond::Eq, Target::Label(empty));
        let last = self.asm.sub(len, Opnd::Imm(1));
        self.asm.store(len_mem, last, Width::W64);
        let ptr_mem = self.pool_ptr_mem();
        let items = self.asm.load(ptr_mem, Width::W64);
        let off = self.asm.shl(last, Opnd::Imm(3));
        let at = self.asm.add(items, off);
        let it = self.asm.load(Mem::new(at, 0), Width::W64);
        self.asm.mov(out, it);
        let p = self.untag(it);
        self.write_state(p, &state);
        let depth = self.frame_depth();
        self.asm.store(
            Mem::new(p, offset_of!(IterObj, owner) as i32),
            depth,
            Width::W32,
        );
        self.asm.jmp(Target::Label(done));
        self.asm.bind(empty);
        let r = slow(self);
        self.asm.mov(out, r);
        self.asm.bind(done);
        out
    }

    /// Gives the iterator `it` back to the pool inline when this frame's
    /// loop made it and the pool has room (`Vm::recycle_iter`): it then
    /// holds nothing.
    pub(super) fn give_back_loop_iter(&mut self, it: Opnd) {
        let skip = self.asm.new_label();
        let p = self.untag(it);
        let owner_mem = Mem::new(p, offset_of!(IterObj, owner) as i32);
        let owner = self.asm.load(owner_mem, Width::W32);
        let depth = self.frame_depth();
        self.asm.cmp(owner, depth);
        self.asm.jcc(Cond::Ne, Target::Label(skip));
        let len_mem = self.pool_len_mem();
        let len = self.asm.load(len_mem, Width::W64);
        self.asm.cmp(len, Opnd::Imm(ITER_POOL as i64));
        self.asm.jcc(Cond::AboveEq, Target::Label(skip));
        self.asm.store(owner_mem, Opnd::Imm(0), Width::W32);
        let empty = State {
            tag: self.jit.layout.tag_range,
            words: [Opnd::Imm(0), Opnd::Imm(0), Opnd::Imm(1)],
        };
        self.write_state(p, &empty);
        let ptr_mem = self.pool_ptr_mem();
        let items = self.asm.load(ptr_mem, Width::W64);
        let off = self.asm.shl(len, Opnd::Imm(3));
        let at = self.asm.add(items, off);
        self.asm.store(Mem::new(at, 0), it, Width::W64);
        let more = self.asm.add(len, Opnd::Imm(1));
        self.asm.store(len_mem, more, Width::W64);
        self.asm.bind(skip);
    }

    /// `GetIter` of a list the context knows: its iterator from the pool.
    pub(super) fn get_list_iter(&mut self) -> Result<Flow, AsmError> {
        let (list, _) = self.peek(1);
        let state = State {
            tag: self.jit.layout.tag_seq,
            words: [list, Opnd::Imm(0), Opnd::Imm(0)],
        };
        let r = self.take_loop_iter(state, |g| {
            let sp = g.sp_opnd();
            g.call_checked(helpers::get_iter as *const () as u64, vec![VM, sp])
        });
        self.drop_temps(1);
        // A list's iterator walks it by index for life.
        self.push(r, Type::ListIter);
        Ok(Flow::Next)
    }

    /// Where inline `ForIter` code goes when its iterator (temp `i`) ran
    /// out: the iterator goes back to the pool, then on to the loop's exit.
    pub(super) fn loop_exit(&mut self, ran_out: Label, i: u32, t_done: Target) {
        self.asm.bind(ran_out);
        let m = self.temp_mem(i);
        let it = self.asm.load(m, Width::W64);
        self.give_back_loop_iter(it);
        self.asm.jmp(t_done);
    }

    /// `Pop`: a `for` loop left by `break` gives its iterator back (when
    /// the context knows the popped value is an iterator).
    pub(super) fn gen_pop(&mut self) -> Result<Flow, AsmError> {
        let (v, t) = self.pop();
        if matches!(t, Type::ListIter | Type::RangeIter) {
            self.give_back_loop_iter(v);
        }
        Ok(Flow::Next)
    }
}
