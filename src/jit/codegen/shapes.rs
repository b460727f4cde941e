//! What versions know of instances' shapes: `self`'s shape (after a guard
//! or from the caller), the shape a switch found for an op's object, shape
//! guards on peeked shapes, and the shape switch itself (`jit::switch`).

use super::{Flow, Gen};
use crate::intern::Sym;
use crate::jit::context::{Type, MAX_CHAIN, MAX_TEMPS, NO_SWITCH};
use crate::runtime::object::InstanceObj;
use basil_asm::{AsmError, Cond, Mem, Opnd, Target, Width};
use std::mem::offset_of;

impl Gen<'_> {
    /// The shape and slot of attribute `name` on the instance on top, peeked.
    pub(super) fn peek_shape_slot(&self, idx: u32, name: Sym) -> Option<(u32, u32)> {
        let shape = self.peek_shape(idx)?;
        let slot = self.jit.shapes.lookup(shape, name)?;
        Some((shape, slot))
    }

    /// Guards that the instance `obj` has `shape` (else to `fail`),
    /// returning its slots.
    pub(super) fn guard_shape(&mut self, obj: Opnd, shape: u32, fail: Target) -> Opnd {
        let p = self.untag(obj);
        self.count_test();
        let s = self.asm.load(
            Mem::new(p, offset_of!(InstanceObj, shape) as i32),
            Width::W32,
        );
        self.asm.cmp(s, Opnd::Imm(shape as i64));
        self.asm.jcc(Cond::Ne, fail);
        let off = offset_of!(InstanceObj, slots) + self.jit.layout.vec_ptr;
        self.asm.load(Mem::new(p, off as i32), Width::W64)
    }

    /// The shape of the instance on top as the context knows it: a shape
    /// switch found it, or it is a copy of a local (`self`, say) whose
    /// shape the context knows. No guard is needed then.
    pub(super) fn known_top_shape(&self) -> Option<u32> {
        self.known_shape(self.depth - 1)
    }

    /// Whether storing to attribute `name` of the object on top depends on
    /// the stored value's type: the object's shape (known for `self`, else
    /// peeked) has `name` in a typed slot, or lacks it (an added slot takes
    /// the first value's type).
    pub(super) fn store_type_matters(&self, name: Sym) -> bool {
        let Some(shape) = self
            .known_top_shape()
            .or_else(|| self.peek_shape(self.depth - 1))
        else {
            return false;
        };
        match self.jit.shapes.lookup(shape, name) {
            Some(slot) => self.jit.shapes.slot_type(shape, slot) != Type::Unknown,
            None => true,
        }
    }

    /// Whether the instance on top has a shape this version cannot know
    /// (code before this op may have changed it, and the context does not
    /// know its shape): the op is then compiled as a version of its own,
    /// which peeks when it is reached.
    pub(super) fn shape_is_stale(&self) -> bool {
        let i = self.depth - 1;
        self.specialize
            && self.shapes_written
            && !self.at_start
            && self.known_top_shape().is_none()
            && self
                .peek_value(i)
                .is_some_and(|v| v.as_instance().is_some())
    }

    /// The local the temp on top is an unchanged copy of, if any.
    pub(super) fn top_local(&self) -> Option<u32> {
        self.temp_local(self.depth - 1)
    }

    /// The local temp `i` is an unchanged copy of, if any (locals past 63
    /// are not followed).
    pub(super) fn temp_local(&self, i: u32) -> Option<u32> {
        self.temp_src
            .get(i as usize)
            .copied()
            .flatten()
            .filter(|&l| l < 64 && self.dirty_locals & (1 << l) == 0)
    }

    /// The shape of the instance in temp `i` as the context knows it (its
    /// own, or that of the local it copies).
    pub(super) fn known_shape(&self, i: u32) -> Option<u32> {
        self.ctx
            .temp_shape(i as usize)
            .or_else(|| self.temp_local(i).and_then(|l| self.ctx.local_shape(l)))
    }

    /// The address of `self`'s slot array (its shape is known).
    pub(super) fn slots_of(&mut self, obj: Opnd) -> Opnd {
        let p = self.untag(obj);
        let off = offset_of!(InstanceObj, slots) + self.jit.layout.vec_ptr;
        self.asm.load(Mem::new(p, off as i32), Width::W64)
    }

    /// Whether a shape switch serves the instance in temp `i` at this op:
    /// versioning is on; the interpreter saw several shapes here, or (for
    /// a method, where a receiver's shape picks the callee's version) this
    /// version exists because a shape guard here failed and the value is
    /// an instance; the context does not know the shape already; and this
    /// op may still get versions. Not at the first op of a version the
    /// switch itself (or the version cap) sent there: dispatch always ends.
    pub(super) fn can_switch(&self, i: u32, method: bool) -> bool {
        let chained = method && self.ctx.chain() >= MAX_CHAIN;
        self.specialize
            && self.ctx.chain() < NO_SWITCH
            && (i as usize) < MAX_TEMPS
            && i + 1 == self.depth
            && self.known_top_shape().is_none()
            && (self.site_polymorphic()
                || chained
                    && self
                        .peek_value(i)
                        .is_some_and(|v| v.as_instance().is_some()))
            && !self.jit.core.capped.contains(&(self.code_id, self.pc))
    }

    /// Ends the version with a shape switch on the instance in temp `i`
    /// (`jit::switch`): one test, the shape looked up in the site's table,
    /// and a jump to the version of this op that knows it. A value that
    /// is no instance takes the miss stub too.
    pub(super) fn shape_switch(&mut self, i: u32) -> Result<Flow, AsmError> {
        let local = self.temp_local(i);
        // The versions it leads to know which temps are `self`.
        let mut ctx = self.ctx.unchained();
        if self.dirty_locals & 1 == 0 {
            let copies = (0..self.depth.min(MAX_TEMPS as u32))
                .filter(|&k| self.temp_src[k as usize] == Some(0))
                .fold(0u16, |m, k| m | 1 << k);
            ctx.set_self_copies(copies);
        }
        let (table, miss) =
            self.jit
                .new_switch_site(self.code_id, self.pc, ctx, i as usize, local)?;
        let obj = self.read_temp(i);
        if self.ctx.temp(i as usize) != Type::Object {
            self.guard(obj, Type::Object, Target::Addr(miss));
        }
        let p = self.untag(obj);
        let shape = self.asm.load(
            Mem::new(p, offset_of!(InstanceObj, shape) as i32),
            Width::W32,
        );
        use crate::jit::switch::{ENTRIES_OFFSET, INDEX_SHIFT};
        let base = self.asm.mov_new(Opnd::Imm(table as i64));
        let factor = self.asm.load(Mem::new(base, 0), Width::W64);
        let hash = self.asm.mul(shape, factor);
        let index = self.asm.shr(hash, Opnd::Imm(INDEX_SHIFT as i64));
        let off = self.asm.shl(index, Opnd::Imm(4));
        let entry = self.asm.add(base, off);
        let key = self.asm.load(Mem::new(entry, ENTRIES_OFFSET), Width::W64);
        self.count_test();
        self.jit.stats.shape_switches += 1;
        self.asm.cmp(key, shape);
        self.asm.jcc(Cond::Ne, Target::Addr(miss));
        let dest = self
            .asm
            .load(Mem::new(entry, ENTRIES_OFFSET + 8), Width::W64);
        self.asm.jmp_reg(dest);
        Ok(Flow::End)
    }
}
