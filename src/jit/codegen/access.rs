//! Variables and data access: constants, locals, cells, globals, stack
//! shuffles, list/tuple indexing with bounds checks, and instance
//! attributes through a shape guard.

use super::{Flow, Gen, VM};
use crate::intern::Sym;
use crate::jit::context::Type;
use crate::jit::helpers;
use crate::jit::stats::ExitReason;
use crate::runtime::object::{CellObj, InstanceObj, ListObj, TupleObj};
use crate::runtime::value::Value;
use basil_asm::{AsmError, Cond, Mem, Opnd, Target, Width};
use std::mem::offset_of;

impl Gen<'_> {
    pub(super) fn gen_load_const(&mut self, i: u32) -> Result<Flow, AsmError> {
        let v = self.consts.get(i as usize).copied().unwrap_or(Value::NONE);
        let r = self.asm.mov_new(Opnd::Imm(v.0 as i64));
        self.push(r, Type::of(v));
        Ok(Flow::Next)
    }

    pub(super) fn gen_load_fast(&mut self, s: u32) -> Result<Flow, AsmError> {
        let t = self.ctx.local(s as usize);
        let m = self.local_mem(s);
        let v = self.asm.load(m, Width::W64);
        if t == Type::Unknown {
            let unbound = self.exit(ExitReason::Unbound)?;
            self.asm.cmp(v, Opnd::Imm(Value::NULL.0 as i64));
            self.asm.jcc(Cond::Eq, unbound);
        } else {
            self.count_removed(1);
        }
        self.push(v, t);
        if let Some(src) = self.temp_src.get_mut(self.depth as usize - 1) {
            *src = Some(s);
        }
        Ok(Flow::Next)
    }

    pub(super) fn gen_store_fast(&mut self, s: u32) -> Result<Flow, AsmError> {
        let (v, t) = self.pop();
        let m = self.local_mem(s);
        self.asm.store(m, v, Width::W64);
        self.ctx.set_local(s as usize, t);
        self.ctx.set_local_shape(s, None);
        if s < 64 {
            self.dirty_locals |= 1 << s;
        }
        for src in self.temp_src.iter_mut() {
            if *src == Some(s) {
                *src = None;
            }
        }
        Ok(Flow::Next)
    }

    fn cell_value_mem(&mut self, s: u32) -> Mem {
        let m = self.local_mem(s);
        let cell = self.asm.load(m, Width::W64);
        let p = self.untag(cell);
        Mem::new(p, offset_of!(CellObj, v) as i32)
    }

    pub(super) fn gen_load_deref(&mut self, s: u32) -> Result<Flow, AsmError> {
        let m = self.cell_value_mem(s);
        let v = self.asm.load(m, Width::W64);
        let unbound = self.exit(ExitReason::Unbound)?;
        self.asm.cmp(v, Opnd::Imm(Value::NULL.0 as i64));
        self.asm.jcc(Cond::Eq, unbound);
        self.push(v, Type::Unknown);
        Ok(Flow::Next)
    }

    pub(super) fn gen_store_deref(&mut self, s: u32) -> Result<Flow, AsmError> {
        let (v, _) = self.pop();
        let m = self.cell_value_mem(s);
        self.asm.store(m, v, Width::W64);
        Ok(Flow::Next)
    }

    /// Addresses of a global's slot and of its builtin fallback (both stable:
    /// the module tables never grow after loading).
    fn global_addrs(&self, g: u32) -> (i64, i64) {
        let m = &self.vm.modules[self.vm.codes[self.code_id as usize].module as usize];
        (
            &m.globals[g as usize] as *const Value as i64,
            &m.builtin_fallback[g as usize] as *const Value as i64,
        )
    }

    pub(super) fn gen_load_global(&mut self, g: u32) -> Result<Flow, AsmError> {
        let (slot, fallback) = self.global_addrs(g);
        let out = self.asm.new_vreg();
        let done = self.asm.new_label();
        let a = self.asm.mov_new(Opnd::Imm(slot));
        let v = self.asm.load(Mem::new(a, 0), Width::W64);
        self.asm.mov(out, v);
        self.asm.cmp(out, Opnd::Imm(Value::NULL.0 as i64));
        self.asm.jcc(Cond::Ne, Target::Label(done));
        let b = self.asm.mov_new(Opnd::Imm(fallback));
        let w = self.asm.load(Mem::new(b, 0), Width::W64);
        self.asm.mov(out, w);
        let unbound = self.exit(ExitReason::Unbound)?;
        self.asm.cmp(out, Opnd::Imm(Value::NULL.0 as i64));
        self.asm.jcc(Cond::Eq, unbound);
        self.asm.bind(done);
        self.push(out, Type::Unknown);
        Ok(Flow::Next)
    }

    pub(super) fn gen_store_global(&mut self, g: u32) -> Result<Flow, AsmError> {
        let (slot, _) = self.global_addrs(g);
        let (v, _) = self.pop();
        let a = self.asm.mov_new(Opnd::Imm(slot));
        // Binding an unbound global is noted (the module dict's key order).
        let bound = self.asm.new_label();
        let old = self.asm.load(Mem::new(a, 0), Width::W64);
        self.asm.cmp(old, Opnd::Imm(Value::NULL.0 as i64));
        self.asm.jcc(Cond::Ne, Target::Label(bound));
        let module = self.vm.codes[self.code_id as usize].module;
        self.asm.ccall_void(
            helpers::global_bound as *const () as u64,
            vec![VM, Opnd::Imm(module as i64), Opnd::Imm(g as i64)],
        );
        self.asm.bind(bound);
        self.asm.store(Mem::new(a, 0), v, Width::W64);
        Ok(Flow::Next)
    }

    /// `Dup`, `Dup2`, `Rot2`, `Rot3`, `Rot4`: memory shuffles that keep the
    /// context's types (and local copies) with their values.
    pub(super) fn gen_stack_op(&mut self, ins: crate::bytecode::Instr) -> Result<Flow, AsmError> {
        use crate::bytecode::Instr::*;
        let n = match ins {
            Dup => 1,
            Dup2 | Rot2 => 2,
            Rot3 => 3,
            _ => 4,
        };
        let base = self.depth - n;
        let mut vals = Vec::new();
        for k in 0..n {
            let v = self.read_temp(base + k);
            let t = self.ctx.temp((base + k) as usize);
            let src = self.temp_src.get((base + k) as usize).copied().flatten();
            vals.push((v, t, src));
        }
        let order: Vec<usize> = match ins {
            Dup => vec![0, 0],
            Dup2 => vec![0, 1, 0, 1],
            Rot2 => vec![1, 0],
            Rot3 => vec![2, 0, 1],
            _ => vec![3, 0, 1, 2],
        };
        self.drop_temps(n);
        for i in order {
            let (v, t, src) = vals[i];
            self.push(v, t);
            if let Some(s) = self.temp_src.get_mut(self.depth as usize - 1) {
                *s = src;
            }
        }
        Ok(Flow::Next)
    }

    /// Loads a list's (`ListObj`) or tuple's item pointer and length.
    fn seq_parts(&mut self, obj: Opnd, list: bool) -> (Opnd, Opnd) {
        let p = self.untag(obj);
        let lay = self.jit.layout;
        let (ptr_off, len_off) = if list {
            let base = offset_of!(ListObj, items);
            (base + lay.vec_ptr, base + lay.vec_len)
        } else {
            let base = offset_of!(TupleObj, items);
            (base + lay.slice_ptr, base + lay.slice_len)
        };
        let items = self.asm.load(Mem::new(p, ptr_off as i32), Width::W64);
        let len = self.asm.load(Mem::new(p, len_off as i32), Width::W64);
        (items, len)
    }

    /// The checked element address `items + 8 * index` (negative indexes
    /// count from the end); out of range exits.
    fn element_mem(&mut self, items: Opnd, len: Opnd, key: Opnd) -> Result<Mem, AsmError> {
        let s = self.asm.shl(key, Opnd::Imm(16));
        let idx = self.asm.sar(s, Opnd::Imm(16));
        let ix = self.asm.new_vreg();
        self.asm.mov(ix, idx);
        let nonneg = self.asm.new_label();
        self.asm.cmp(ix, Opnd::Imm(0));
        self.asm.jcc(Cond::Ge, Target::Label(nonneg));
        let adj = self.asm.add(ix, len);
        self.asm.mov(ix, adj);
        self.asm.bind(nonneg);
        let oob = self.exit(ExitReason::IndexRange)?;
        self.asm.cmp(ix, len);
        self.asm.jcc(Cond::AboveEq, oob);
        let off = self.asm.shl(ix, Opnd::Imm(3));
        let addr = self.asm.add(items, off);
        Ok(Mem::new(addr, 0))
    }

    /// `container[key]`.
    pub(super) fn gen_subscr(&mut self) -> Result<Flow, AsmError> {
        let (ic, ik) = (self.depth - 2, self.depth - 1);
        let Some(ts) = self.specialise(&[ic, ik])? else {
            return self.defer();
        };
        if matches!(ts[0], Type::List | Type::Tuple) && ts[1] == Type::Int {
            let (k, _) = self.pop();
            let (c, _) = self.pop();
            let (items, len) = self.seq_parts(c, ts[0] == Type::List);
            let m = self.element_mem(items, len, k)?;
            let v = self.asm.load(m, Width::W64);
            self.push(v, Type::Unknown);
            return Ok(Flow::Next);
        }
        let sp = self.sp_opnd();
        let r = self.call_checked(helpers::subscr as *const () as u64, vec![VM, sp]);
        self.drop_temps(2);
        let t = if ts[0] == Type::Str && ts[1] == Type::Int {
            Type::Str
        } else {
            Type::Unknown
        };
        self.push(r, t);
        Ok(Flow::Next)
    }

    /// `container[key] = v`.
    pub(super) fn gen_store_subscr(&mut self) -> Result<Flow, AsmError> {
        let (ic, ik) = (self.depth - 2, self.depth - 1);
        let Some(ts) = self.specialise(&[ic, ik])? else {
            return self.defer();
        };
        if ts[0] == Type::List && ts[1] == Type::Int {
            let (k, _) = self.pop();
            let (c, _) = self.pop();
            let (v, _) = self.pop();
            let (items, len) = self.seq_parts(c, true);
            let m = self.element_mem(items, len, k)?;
            self.asm.store(m, v, Width::W64);
            return Ok(Flow::Next);
        }
        let sp = self.sp_opnd();
        self.call_checked(helpers::store_subscr as *const () as u64, vec![VM, sp]);
        self.drop_temps(3);
        Ok(Flow::Next)
    }

    /// Decides how to access attribute `name` of the instance on top:
    /// through a shape the context knows (`self`'s, or what a switch found:
    /// no guard), through a shape guard on the peeked shape (both pop the
    /// object and give its slot array and the slot), by deferring until the
    /// object can be peeked, by a shape switch where the interpreter saw
    /// several shapes, or through an inline cache.
    ///
    /// `store` is the type of the value a `StoreAttr` stores: a slot is used
    /// directly only when the store keeps the shape (the slot's type admits
    /// the value); otherwise the cache's helper changes the shape.
    fn attr_site(&mut self, name: Sym, store: Option<Type>) -> Result<AttrSite, AsmError> {
        let keeps = |g: &Self, shape: u32, slot: u32| {
            store.is_none_or(|t| g.jit.shapes.store_keeps_shape(shape, slot, t))
        };
        if let Some(shape) = self.known_top_shape() {
            if let Some(slot) = self.jit.shapes.lookup(shape, name) {
                if keeps(self, shape, slot) {
                    self.count_removed(2);
                    let (obj, _) = self.pop();
                    return Ok(AttrSite::Slots(self.slots_of(obj), shape, slot));
                }
            }
        }
        let i = self.depth - 1;
        let Some(ts) = self.specialise(&[i])? else {
            return Ok(AttrSite::Defer);
        };
        if ts[0] == Type::Object
            && self.specialize
            && self.ctx.chain() < crate::jit::context::MAX_CHAIN
            && !self.site_polymorphic()
        {
            match self.peek_shape_slot(i, name) {
                Some((shape, slot)) if keeps(self, shape, slot) => {
                    // The guard's failure continues in a version that knows
                    // no more than this one did before the guard.
                    let fail = self.branch_to(self.pc, self.ctx.chained())?;
                    let local = self.top_local();
                    let (obj, _) = self.pop();
                    let slots = self.guard_shape(obj, shape, fail);
                    if let Some(l) = local {
                        // From here on the context knows the local's shape.
                        self.ctx.set_local_shape(l, Some(shape));
                    }
                    return Ok(AttrSite::Slots(slots, shape, slot));
                }
                Some(_) => {}
                None if self.peek_value(i).is_none() => return Ok(AttrSite::Defer),
                None => {}
            }
        }
        if matches!(ts[0], Type::Object | Type::Unknown) && self.can_switch(i, false) {
            return Ok(AttrSite::Switch);
        }
        Ok(AttrSite::Cache(ts[0]))
    }

    /// `obj.name`.
    pub(super) fn gen_load_attr(&mut self, name: Sym) -> Result<Flow, AsmError> {
        if self.shape_is_stale() {
            return self.defer();
        }
        match self.attr_site(name, None)? {
            AttrSite::Slots(slots, shape, slot) => {
                let v = self
                    .asm
                    .load(Mem::new(slots, (slot * 8) as i32), Width::W64);
                // The shape guard also vouches for the slot's type.
                self.push(v, self.jit.shapes.slot_type(shape, slot));
                Ok(Flow::Next)
            }
            AttrSite::Defer => self.defer(),
            AttrSite::Switch => self.shape_switch(self.depth - 1),
            AttrSite::Cache(t) => self.attr_inline_cache(name, t, None),
        }
    }

    /// Attribute access through a monomorphic inline cache (the unversioned
    /// path, and the megamorphic fallback): test that the object is an
    /// instance whose shape is the one the cache remembers, then use the
    /// remembered slot; otherwise a helper does the access and refills the
    /// cache. `store` is the value to store (`StoreAttr`), or None to load.
    fn attr_inline_cache(
        &mut self,
        name: Sym,
        t: Type,
        store: Option<()>,
    ) -> Result<Flow, AsmError> {
        let cell = self.jit.new_ic_cell();
        let slow = self.asm.new_label();
        let done = self.asm.new_label();
        let out = self.asm.new_vreg();
        let (obj, _) = self.peek(1);
        if t != Type::Object {
            self.guard(obj, Type::Object, Target::Label(slow));
        }
        let p = self.untag(obj);
        let shape = self.asm.load(
            Mem::new(p, offset_of!(InstanceObj, shape) as i32),
            Width::W32,
        );
        let key = self.asm.add(shape, Opnd::Imm(1));
        let ca = self.asm.mov_new(Opnd::Imm(cell as i64));
        let cached = self.asm.load(Mem::new(ca, 0), Width::W64);
        self.count_test();
        self.asm.cmp(key, cached);
        self.asm.jcc(Cond::Ne, Target::Label(slow));
        let off = offset_of!(InstanceObj, slots) + self.jit.layout.vec_ptr;
        let slots = self.asm.load(Mem::new(p, off as i32), Width::W64);
        let idx = self.asm.load(Mem::new(ca, 8), Width::W64);
        let byte = self.asm.shl(idx, Opnd::Imm(3));
        let addr = self.asm.add(slots, byte);
        if store.is_some() {
            let (v, _) = self.peek(2);
            self.asm.store(Mem::new(addr, 0), v, Width::W64);
        } else {
            let v = self.asm.load(Mem::new(addr, 0), Width::W64);
            self.asm.mov(out, v);
        }
        self.asm.jmp(Target::Label(done));
        self.asm.bind(slow);
        let sp = self.sp_opnd();
        let fun = if store.is_some() {
            crate::jit::caches::setattr_ic as *const () as u64
        } else {
            crate::jit::caches::getattr_ic as *const () as u64
        };
        let r = self.call_checked(
            fun,
            vec![VM, sp, Opnd::Imm(name.0 as i64), Opnd::Imm(cell as i64)],
        );
        // A store may have added an attribute to `self` or to the object
        // whose shape a switch found (a new shape).
        if store.is_some() {
            self.ctx.forget_shapes();
        }
        self.asm.mov(out, r);
        self.asm.bind(done);
        if store.is_some() {
            self.drop_temps(2);
        } else {
            self.drop_temps(1);
            self.push(out, Type::Unknown);
        }
        Ok(Flow::Next)
    }

    /// `obj.name = v` adding a new attribute along a known shape transition:
    /// guard the shape, append to the slot array in place (when it has
    /// room), and switch the shape.
    fn try_add_attr(&mut self, name: Sym, vt: Type) -> Result<Option<Flow>, AsmError> {
        if !self.specialize
            || self.ctx.chain() >= crate::jit::context::MAX_CHAIN
            || vt == Type::Unknown
        {
            return Ok(None);
        }
        // `self`'s shape as the context knows it; a peeked object's shape
        // is what it is now, before this version's earlier stores ran.
        let Some(shape) = self
            .known_top_shape()
            .or_else(|| self.peek_shape(self.depth - 1))
        else {
            return Ok(None);
        };
        if self.jit.shapes.lookup(shape, name).is_some() {
            return Ok(None);
        }
        // Made now if no instance took this transition yet: this store
        // will.
        let next = self.jit.shapes.add(shape, name, vt);
        let slot = self.jit.shapes.names(shape).len() as i64;
        let fail = self.branch_to(self.pc, self.ctx.chained())?;
        let (o, t) = self.peek(1);
        let p = self.untag(o);
        let shape_mem = Mem::new(p, offset_of!(InstanceObj, shape) as i32);
        if self.known_top_shape() == Some(shape) {
            self.count_removed(2);
        } else {
            if t != Type::Object {
                self.guard(o, Type::Object, fail);
            }
            let sh = self.asm.load(shape_mem, Width::W32);
            self.count_test();
            self.asm.cmp(sh, Opnd::Imm(shape as i64));
            self.asm.jcc(Cond::Ne, fail);
        }
        let base = offset_of!(InstanceObj, slots);
        let (len_mem, _) = self.vec_room(p, base, fail);
        let items = self.asm.load(
            Mem::new(p, (base + self.jit.layout.vec_ptr) as i32),
            Width::W64,
        );
        let (v, _) = self.peek(2);
        self.asm
            .store(Mem::new(items, (slot * 8) as i32), v, Width::W64);
        self.asm.store(len_mem, Opnd::Imm(slot + 1), Width::W64);
        self.asm
            .store(shape_mem, Opnd::Imm(next as i64), Width::W32);
        let local = self.top_local();
        self.drop_temps(2);
        // Any other object whose shape is known may be this one.
        self.ctx.forget_shapes();
        if let Some(l) = local {
            self.ctx.set_local_shape(l, Some(next));
        }
        self.shapes_written = true;
        Ok(Some(Flow::Next))
    }

    /// `obj.name = v`.
    pub(super) fn gen_store_attr(&mut self, name: Sym) -> Result<Flow, AsmError> {
        if self.shape_is_stale() {
            return self.defer();
        }
        // With typed shapes the stored value's type decides the shape after
        // the store: learn it when it matters.
        let vt = if self.store_type_matters(name) {
            match self.specialise(&[self.depth - 2])? {
                Some(ts) => ts[0],
                None => return self.defer(),
            }
        } else {
            Type::Unknown
        };
        if let Some(flow) = self.try_add_attr(name, vt)? {
            return Ok(flow);
        }
        match self.attr_site(name, Some(vt))? {
            AttrSite::Slots(slots, _, slot) => {
                let (v, _) = self.pop();
                self.asm
                    .store(Mem::new(slots, (slot * 8) as i32), v, Width::W64);
                Ok(Flow::Next)
            }
            AttrSite::Defer => self.defer(),
            AttrSite::Switch => self.shape_switch(self.depth - 1),
            AttrSite::Cache(t) => self.attr_inline_cache(name, t, Some(())),
        }
    }
}

/// How an attribute site is compiled (see `Gen::attr_site`).
enum AttrSite {
    /// The object's slot array, its shape and the attribute's slot.
    Slots(Opnd, u32, u32),
    /// End the version; compile this op when the object can be peeked.
    Defer,
    /// End the version with a shape switch on the object.
    Switch,
    /// Through an inline cache; the object's known type.
    Cache(Type),
}
