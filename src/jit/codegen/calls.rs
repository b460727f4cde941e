//! Calls, method loading, container building and membership: runtime
//! helpers that work on the frame's temps in place.

use super::{Flow, Gen, VM};
use crate::intern::Sym;
use crate::jit::context::Type;
use crate::jit::helpers;
use crate::runtime::object::{BuiltinType, Kind};
use crate::runtime::value::Value;
use basil_asm::{AsmError, Cond, Opnd, Width};

impl Gen<'_> {
    /// `f(a1 .. an)`.
    pub(super) fn gen_call(&mut self, n: u32) -> Result<Flow, AsmError> {
        if let Some(flow) = self.try_range_iter(n)? {
            return Ok(flow);
        }
        if let Some(flow) = self.try_len(n)? {
            return Ok(flow);
        }
        if let Some(flow) = self.try_float_fn(n, false)? {
            return Ok(flow);
        }
        if let Some(flow) = self.try_direct_call(n, false, &[])? {
            return Ok(flow);
        }
        if let Some(flow) = self.try_dynamic_call(n, false)? {
            return Ok(flow);
        }
        let sp = self.sp_opnd();
        let r = self.call_checked(
            helpers::call as *const () as u64,
            vec![VM, sp, Opnd::Imm(n as i64)],
        );
        self.drop_temps(n + 1);
        self.push(r, Type::Unknown);
        // A call may rebind anything reachable; the locals' types stay valid
        // (only this frame writes its locals).
        Ok(Flow::Next)
    }

    /// `obj.name` for a call: the helper writes `[callable, self_or_null]`.
    pub(super) fn gen_load_method(&mut self, name: Sym) -> Result<Flow, AsmError> {
        if let Some(flow) = self.try_load_method(name)? {
            return Ok(flow);
        }
        // An inline cache keyed by the receiver's shape (valid while the
        // class epoch is unchanged): on a hit, `[method, obj]` with no call.
        let cell = self.jit.new_method_cell();
        let (slow, done) = (self.asm.new_label(), self.asm.new_label());
        let (obj, t) = self.peek(1);
        // When versioning, a receiver that is no instance goes on in a
        // version of its own, so this one knows the receiver is one (for
        // the call, the callee's `self`, and later uses of its local).
        let split = t != Type::Object && self.specialize;
        let not_obj = self.asm.new_label();
        if t != Type::Object {
            let target = if split { not_obj } else { slow };
            self.guard(obj, Type::Object, basil_asm::Target::Label(target));
        }
        let p = self.untag(obj);
        let off = std::mem::offset_of!(crate::runtime::object::InstanceObj, shape) as i32;
        let shape = self.asm.load(basil_asm::Mem::new(p, off), Width::W32);
        let key = self.asm.add(shape, Opnd::Imm(1));
        let ca = self.asm.mov_new(Opnd::Imm(cell as i64));
        let cached = self.asm.load(basil_asm::Mem::new(ca, 0), Width::W64);
        self.count_test();
        self.asm.cmp(key, cached);
        self.asm.jcc(Cond::Ne, basil_asm::Target::Label(slow));
        let epoch = self.asm.load(basil_asm::Mem::new(ca, 16), Width::W64);
        let ea = self
            .asm
            .mov_new(Opnd::Imm(&self.vm.class_epoch as *const u64 as i64));
        let now = self.asm.load(basil_asm::Mem::new(ea, 0), Width::W64);
        self.asm.cmp(epoch, now);
        self.asm.jcc(Cond::Ne, basil_asm::Target::Label(slow));
        let method = self.asm.load(basil_asm::Mem::new(ca, 8), Width::W64);
        let top = self.temp_mem(self.depth - 1);
        let next = self.temp_mem(self.depth);
        self.asm.store(top, method, Width::W64);
        self.asm.store(next, obj, Width::W64);
        self.asm.jmp(basil_asm::Target::Label(done));
        self.asm.bind(slow);
        let helper = |g: &mut Self| {
            let sp = g.sp_opnd();
            g.call_checked(
                crate::jit::caches::load_method_ic as *const () as u64,
                vec![VM, sp, Opnd::Imm(name.0 as i64), Opnd::Imm(cell as i64)],
            );
        };
        helper(self);
        let receiver = self.depth;
        let src = self.temp_src.get(receiver as usize - 1).copied().flatten();
        if split {
            self.asm.jmp(basil_asm::Target::Label(done));
            self.asm.bind(not_obj);
            helper(self);
            let mut other = self.ctx.unchained();
            other.set_temp(receiver as usize - 1, Type::Unknown);
            other.set_temp(receiver as usize, Type::Unknown);
            let t = self.branch_to(self.pc + 1, other)?;
            self.asm.jmp(t);
        }
        self.asm.bind(done);
        self.drop_temps(1);
        // The helper stored both values in memory; record them as unknown.
        for _ in 0..2 {
            self.ctx.set_temp(self.depth as usize, Type::Unknown);
            if let Some(s) = self.temp_src.get_mut(self.depth as usize) {
                *s = None;
            }
            self.depth += 1;
        }
        if split {
            // Here the receiver is an instance (it passed the guard).
            self.ctx.set_temp(receiver as usize, Type::Object);
            if let Some(l) = src {
                self.ctx.set_local(l as usize, Type::Object);
            }
        }
        Ok(Flow::Next)
    }

    /// `obj.name(...)` resolved at compile time for the peeked receiver: a
    /// method found on the class of an instance (guarded by the shape, which
    /// fixes the class and shows no instance attribute shadows it, and by
    /// the class epoch), or a native method of a builtin type (guarded by the
    /// type; builtin types cannot change). Pushes `[method, obj]` with no
    /// helper call.
    fn try_load_method(&mut self, name: Sym) -> Result<Option<Flow>, AsmError> {
        if !self.specialize {
            return Ok(None);
        }
        if let Some(flow) = self.try_static_attr(name)? {
            return Ok(Some(flow));
        }
        if self.ctx.chain() >= crate::jit::context::MAX_CHAIN {
            // A guard here failed: several receivers meet here.
            if self.can_switch(self.depth - 1, true) {
                return self.shape_switch(self.depth - 1).map(Some);
            }
            return Ok(None);
        }
        let i = self.depth - 1;
        let Some(obj) = self.peek_value(i) else {
            return Ok(if self.at_start {
                None
            } else {
                Some(self.defer()?)
            });
        };
        let t = Type::of(obj);
        let known = self.known_top_shape();
        let plain = |m: &Value| {
            m.is_kind(Kind::Function) || m.as_builtin().is_some_and(|b| b.receiver.is_null())
        };
        let (method, shape) = match obj.as_instance() {
            Some(inst) => {
                // The shape as the context knows it, else peeked.
                let Some(shape) = known.or_else(|| self.peek_shape(i)) else {
                    // Code before this op may have changed the shape.
                    return Ok(if self.at_start {
                        None
                    } else {
                        Some(self.defer()?)
                    });
                };
                if self.jit.shapes.lookup(shape, name).is_some() {
                    return Ok(None);
                }
                match self.vm.class_lookup(inst.class, name) {
                    Some(m) if plain(&m) => (m, Some(shape)),
                    _ => return Ok(None),
                }
            }
            None if matches!(
                t,
                Type::List
                    | Type::Str
                    | Type::Dict
                    | Type::Tuple
                    | Type::Int
                    | Type::Float
                    | Type::Bool
            ) =>
            {
                match self.vm.class_lookup(self.vm.class_of(obj), name) {
                    Some(m) if m.as_builtin().is_some_and(|b| b.receiver.is_null()) => (m, None),
                    _ => return Ok(None),
                }
            }
            None => return Ok(None),
        };
        // The guard that proves the method: the receiver's shape, which also
        // tells the callee self's shape; or its class, when the shape is
        // known to vary (a shape guard here already failed, or the class
        // has instances differing only in attribute types) and no instance
        // of the class ever shadowed the name (one that does later bumps the
        // class epoch, checked below).
        let src = self.temp_src.get(i as usize).copied().flatten();
        let local = self.temp_local(i);
        let self_known = shape.is_some() && known == shape;
        if shape.is_some() && !self_known && self.site_polymorphic() {
            // Receivers of several shapes (the interpreter's profile): a
            // shape switch, else the shape-keyed cache, serves them without
            // a guard chain.
            if self.can_switch(i, true) {
                return self.shape_switch(i).map(Some);
            }
            return Ok(None);
        }
        let by_class = match (obj.as_instance(), shape) {
            (Some(inst), Some(s))
                if !self_known
                    && (self.ctx.chain() >= 1 || self.jit.shapes.has_type_variants(s))
                    && !self.jit.shapes.class_has_attr(inst.class.0, name) =>
            {
                Some(inst.class)
            }
            _ => None,
        };
        let mut fail = self.branch_to(self.pc, self.ctx.chained())?;
        let (v, known) = self.peek(1);
        if known != t {
            self.guard(v, t, fail);
            self.learn(i, t);
            if shape.is_some() {
                // A failed shape or class guard continues knowing the type.
                fail = self.branch_to(self.pc, self.ctx.chained())?;
            }
        } else {
            self.count_removed(1);
        }
        if let Some(shape) = shape {
            let p = self.untag(v);
            if let Some(cls) = by_class {
                self.count_test();
                let off = std::mem::offset_of!(crate::runtime::object::InstanceObj, class) as i32;
                let c = self.asm.load(basil_asm::Mem::new(p, off), Width::W64);
                self.asm.cmp(c, Opnd::Imm(cls.0 as i64));
                self.asm.jcc(Cond::Ne, fail);
            } else if !self_known {
                self.count_test();
                let off = std::mem::offset_of!(crate::runtime::object::InstanceObj, shape) as i32;
                let sh = self.asm.load(basil_asm::Mem::new(p, off), Width::W32);
                self.asm.cmp(sh, Opnd::Imm(shape as i64));
                self.asm.jcc(Cond::Ne, fail);
                if let Some(l) = local {
                    self.ctx.set_local_shape(l, Some(shape));
                }
            }
            self.guard_class_epoch(fail);
        }
        self.jit.core.embedded.insert(method);
        // [obj] -> [method, obj]
        let (o, ot) = self.pop();
        let m = self.asm.mov_new(Opnd::Imm(method.0 as i64));
        self.push(m, Type::Unknown);
        self.push(o, ot);
        if let Some(s) = self.temp_src.get_mut(self.depth as usize - 1) {
            *s = src;
        }
        if let (Some(shape), None) = (shape, by_class) {
            self.receiver_shape = Some((self.depth - 1, shape));
        }
        self.method_const = Some((self.depth - 2, method));
        Ok(Some(Flow::Next))
    }

    /// `Class.name` or `module.name` for a call, when the value is known
    /// at compile time: a plain function found on a user class (the class
    /// peeked; `Base.method(self, ...)`), or any attribute of a native
    /// module (`math.sqrt`). Guards the class's or module's identity and
    /// the class epoch (which class changes and module attribute stores
    /// bump), then pushes `[value, NULL]` with no helper call.
    fn try_static_attr(&mut self, name: Sym) -> Result<Option<Flow>, AsmError> {
        let i = self.depth - 1;
        if self.ctx.chain() >= crate::jit::context::MAX_CHAIN {
            return Ok(None);
        }
        let Some(owner) = self.peek_value(i) else {
            return Ok(None);
        };
        let found = if owner
            .as_class()
            .is_some_and(|c| c.builtin == BuiltinType::User)
        {
            self.vm
                .class_lookup(owner, name)
                .filter(|f| f.is_kind(Kind::Function))
        } else {
            owner
                .as_module()
                .filter(|m| m.index == u32::MAX)
                .and_then(|m| m.attrs.get(&name).copied())
        };
        let Some(v) = found else {
            return Ok(None);
        };
        self.jit.core.embedded.insert(owner);
        self.jit.core.embedded.insert(v);
        let fail = self.branch_to(self.pc, self.ctx.chained())?;
        let (o, _) = self.pop();
        self.jit.stats.identity_guards += 1;
        self.asm.cmp(o, Opnd::Imm(owner.0 as i64));
        self.asm.jcc(Cond::Ne, fail);
        self.guard_class_epoch(fail);
        let fv = self.asm.mov_new(Opnd::Imm(v.0 as i64));
        self.push(fv, Type::of(v));
        let null = self.asm.mov_new(Opnd::Imm(Value::NULL.0 as i64));
        self.push(null, Type::Unknown);
        self.function_const = Some((self.depth - 2, v));
        Ok(Some(Flow::Next))
    }

    /// Guards that no class changed since this was compiled (the class
    /// epoch), else to `fail`.
    pub(super) fn guard_class_epoch(&mut self, fail: basil_asm::Target) {
        let ea = self
            .asm
            .mov_new(Opnd::Imm(&self.vm.class_epoch as *const u64 as i64));
        let epoch = self.asm.load(basil_asm::Mem::new(ea, 0), Width::W64);
        self.asm.cmp(epoch, Opnd::Imm(self.vm.class_epoch as i64));
        self.asm.jcc(Cond::Ne, fail);
    }

    /// `[callable, self_or_null, args..] -> [result]`.
    pub(super) fn gen_call_method(&mut self, n: u32) -> Result<Flow, AsmError> {
        if let Some(flow) = self.try_list_append(n)? {
            return Ok(flow);
        }
        if let Some(flow) = self.try_float_fn(n, true)? {
            return Ok(flow);
        }
        if let Some(flow) = self.try_direct_call(n, true, &[])? {
            return Ok(flow);
        }
        if let Some(flow) = self.try_dynamic_call(n, true)? {
            return Ok(flow);
        }
        let sp = self.sp_opnd();
        let r = self.call_checked(
            helpers::call_method as *const () as u64,
            vec![VM, sp, Opnd::Imm(n as i64)],
        );
        self.drop_temps(n + 2);
        self.push(r, Type::Unknown);
        Ok(Flow::Next)
    }

    /// The method `LoadMethod` resolved in this version into temp `fidx`
    /// (the callable of a method call), if any.
    pub(super) fn resolved_method(&self, fidx: u32, method: bool) -> Option<Value> {
        self.method_const
            .filter(|&(i, _)| method && i == fidx)
            .map(|(_, m)| m)
    }

    /// `CallKw`/`CallMethodKw`, through the interpreter's keyword binding.
    pub(super) fn gen_call_kw(
        &mut self,
        argc: u32,
        kwnames: u32,
        method: bool,
    ) -> Result<Flow, AsmError> {
        let names = self
            .consts
            .get(kwnames as usize)
            .copied()
            .unwrap_or(Value::NONE);
        let nk = names.as_tuple().map_or(0, |t| t.items.len() as u32);
        let kw: Vec<&str> = names
            .as_tuple()
            .map(|t| t.items.iter().filter_map(|k| k.as_str()).collect())
            .unwrap_or_default();
        if kw.len() as u32 == nk {
            if let Some(flow) = self.try_direct_call(argc, method, &kw)? {
                return Ok(flow);
            }
        }
        let total = argc + nk + if method { 2 } else { 1 };
        let sp = self.sp_opnd();
        let r = self.call_checked(
            helpers::call_kw as *const () as u64,
            vec![
                VM,
                sp,
                Opnd::Imm(total as i64),
                Opnd::Imm(names.0 as i64),
                Opnd::Imm(method as i64),
            ],
        );
        self.drop_temps(total);
        self.push(r, Type::Unknown);
        Ok(Flow::Next)
    }

    /// `BuildTuple`/`BuildList`.
    pub(super) fn gen_build(&mut self, n: u32, list: bool) -> Result<Flow, AsmError> {
        let sp = self.sp_opnd();
        let arg = (n as i64) | if list { 1 << 32 } else { 0 };
        // Allocates and fills a container: cannot fail or run Python code
        // (so shapes stay as the context knows them).
        let r = self.asm.ccall(
            helpers::build as *const () as u64,
            vec![VM, sp, Opnd::Imm(arg)],
        );
        self.drop_temps(n);
        self.push(r, if list { Type::List } else { Type::Tuple });
        Ok(Flow::Next)
    }

    /// An op done by a helper that reads `pops` temps (in place) and
    /// returns a value or `JIT_ERR`; the result replaces them.
    fn helper_op(&mut self, fun: u64, arg: i64, pops: u32, result: Type) -> Result<Flow, AsmError> {
        let sp = self.sp_opnd();
        let r = self.call_checked(fun, vec![VM, sp, Opnd::Imm(arg)]);
        self.drop_temps(pops);
        self.push(r, result);
        Ok(Flow::Next)
    }

    /// Ops with no fast path, through helpers: container building,
    /// unpacking, comprehension appends, f-strings, slices, functions.
    pub(super) fn gen_helper_op(&mut self, ins: crate::bytecode::Instr) -> Result<Flow, AsmError> {
        use crate::bytecode::Instr::*;
        match ins {
            ListAppend(n) | MapAdd(n) => {
                let (fun, pops) = match ins {
                    ListAppend(_) => (helpers::list_append as *const () as u64, 1),
                    _ => (helpers::map_add as *const () as u64, 2),
                };
                let sp = self.sp_opnd();
                self.call_checked(fun, vec![VM, sp, Opnd::Imm(n as i64)]);
                self.drop_temps(pops);
                Ok(Flow::Next)
            }
            UnpackSequence(n) => {
                let sp = self.sp_opnd();
                self.call_checked(
                    helpers::unpack as *const () as u64,
                    vec![VM, sp, Opnd::Imm(n as i64)],
                );
                self.drop_temps(1);
                for _ in 0..n {
                    self.ctx.set_temp(self.depth as usize, Type::Unknown);
                    if let Some(s) = self.temp_src.get_mut(self.depth as usize) {
                        *s = None;
                    }
                    self.depth += 1;
                }
                Ok(Flow::Next)
            }
            BuildMap(n) => self.helper_op(
                helpers::build_map as *const () as u64,
                n as i64,
                2 * n,
                Type::Dict,
            ),
            BuildSlice(n) => self.helper_op(
                helpers::build_slice as *const () as u64,
                n as i64,
                n,
                Type::Heap,
            ),
            BuildString(n) => self.helper_op(
                helpers::build_string as *const () as u64,
                n as i64,
                n,
                Type::Str,
            ),
            MakeFunction { code, flags } => {
                let module = self.vm.codes[self.code_id as usize].module as i64;
                let arg = code as i64 | (flags as i64 & 7) << 32 | module << 35;
                self.helper_op(
                    helpers::make_function as *const () as u64,
                    arg,
                    (flags & 7).count_ones(),
                    Type::Heap,
                )
            }
            FormatValue { conv, has_spec } => {
                let arg = conv as i64 | if has_spec { 0x100 } else { 0 };
                let pops = 1 + has_spec as u32;
                self.helper_op(
                    helpers::format_value as *const () as u64,
                    arg,
                    pops,
                    Type::Str,
                )
            }
            _ => unreachable!("not a helper op"),
        }
    }

    /// `a in b` / `a not in b`.
    pub(super) fn gen_contains(&mut self, neg: bool) -> Result<Flow, AsmError> {
        let sp = self.sp_opnd();
        let r = self.call_checked(helpers::contains as *const () as u64, vec![VM, sp]);
        self.drop_temps(2);
        self.asm.cmp(r, Opnd::Imm(Value::TRUE.0 as i64));
        let cond = if neg { Cond::Ne } else { Cond::Eq };
        self.finish_condition(cond)
    }
}
