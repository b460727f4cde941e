//! The interpreter: a `match` dispatch loop over one frame's bytecode, with
//! the stack pointer in a register, inline fast paths for small ints, floats,
//! locals, lists and calls, and the zero-cost exception table for unwinding.
//!
//! Frames live on the VM stack (`[locals | temps]`); a Python-to-Python call
//! makes the callee's frame start at the caller's first argument, so the
//! arguments become the callee's first locals without copying.
//! Block entries are counted at jump targets and function entry
//! (`CodeEntry::counts`): the JIT's hotness signal.

mod frames;
mod ops;
pub mod site_cache;

use crate::bytecode::{BinOp, CmpOp, Instr};
use crate::jit::Outcome;
use crate::runtime::object::*;
use crate::runtime::value::{fits_small, Value};
use crate::runtime::vm::Vm;
use crate::runtime::vtype::Type;
use crate::runtime::{PyResult, Raised};

impl Vm {
    /// Executes code `code_id` in the frame at `base` (already pushed on
    /// `frames`, locals initialised) until it returns or raises.
    pub(crate) fn exec(&mut self, code_id: u32, base: usize) -> PyResult<Value> {
        self.exec_at(code_id, base, Start::Entry)
    }

    /// Executes the frame at `base` from `start`: its entry, or where JIT
    /// code left it (resuming at a pc, or unwinding an exception raised at
    /// a pc).
    pub(crate) fn exec_at(&mut self, code_id: u32, base: usize, start: Start) -> PyResult<Value> {
        // SAFETY (for the whole loop): code entries are boxed and never freed
        // while the VM lives; `fp..fp + frame_size` lies inside the VM stack
        // (checked when the frame was set up), and the compiler's `max_stack`
        // bounds every push, so `sp` stays inside the frame. Stack slots hold
        // plain `Value`s, so every read is a valid value.
        let entry = unsafe { &mut *(self.code_ptr(code_id) as *mut crate::runtime::vm::CodeEntry) };
        let code = &entry.code;
        let instrs = code.code.as_ptr();
        let consts = entry.consts.as_ptr();
        let counts = entry.counts.as_mut_ptr();
        let attr_ic = entry.attr_ic.as_mut_ptr();
        let module = entry.module as usize;
        let globals = self.modules[module].globals.as_mut_ptr();
        let fallbacks = self.modules[module].builtin_fallback.as_ptr();
        let nlocals = code.nlocals() as usize;
        let stack0 = self.stack.ptr();
        let fidx = self.frames.len() - 1;
        let fp: *mut Value = unsafe { stack0.add(base) };
        let mut sp: *mut Value = unsafe { fp.add(nlocals) };
        let mut pc: usize = 0;

        macro_rules! push {
            ($v:expr) => {{
                let v = $v;
                unsafe {
                    *sp = v;
                    sp = sp.add(1);
                }
            }};
        }
        macro_rules! pop {
            () => {
                unsafe {
                    sp = sp.sub(1);
                    *sp
                }
            };
        }
        macro_rules! top {
            () => {
                unsafe { *sp.sub(1) }
            };
        }
        macro_rules! peek {
            ($n:expr) => {
                unsafe { *sp.sub($n) }
            };
        }
        macro_rules! set_top {
            ($v:expr) => {{
                let v = $v;
                unsafe { *sp.sub(1) = v }
            }};
        }
        macro_rules! sp_index {
            () => {
                unsafe { sp.offset_from(stack0) as usize }
            };
        }
        // Saves sp in the frame record before anything that may call Python
        // code or collect garbage.
        macro_rules! sync {
            () => {
                self.frames[fidx].sp = sp_index!()
            };
        }
        let jit_threshold = self.jit.as_ref().map_or(u32::MAX, |j| j.opts.threshold);
        let count_instrs = self.jit.as_ref().is_some_and(|j| j.stats.enabled);

        // Enters JIT code for the block at `$t` and continues with what it
        // reports: resume at a pc, return, or unwind an exception.
        macro_rules! run_jit {
            ($t:expr) => {{
                sync!();
                match self.jit_enter(code_id, $t as u32, base) {
                    Some(Outcome::Resume(p)) => {
                        pc = p as usize;
                        let d = entry.depths.get(pc).copied().unwrap_or(0) as usize;
                        sp = unsafe { fp.add(nlocals + d) };
                        true
                    }
                    Some(Outcome::Return(v)) => return Ok(v),
                    Some(Outcome::Raise(p)) => {
                        pc = p as usize + 1;
                        false
                    }
                    None => true,
                }
            }};
        }
        // Unwinds the exception raised by the instruction at `pc - 1`.
        macro_rules! unwind {
            () => {{
                let fault = (pc - 1) as u32;
                self.note_traceback(code_id, code.line_at(fault as usize));
                match code.handler_for(fault) {
                    Some(h) => {
                        sp = unsafe { fp.add(nlocals + h.depth as usize) };
                        push!(self.exc);
                        self.exc = Value::NONE;
                        pc = h.target as usize;
                    }
                    None => {
                        sync!();
                        return Err(Raised);
                    }
                }
            }};
        }

        match start {
            Start::Entry => {
                let c0 = unsafe { *counts } + 1;
                unsafe { *counts = c0 };
                sync!();
                self.safepoint(sp_index!());
                if c0 >= jit_threshold && !run_jit!(0) {
                    unwind!();
                }
            }
            Start::Resume(p) => {
                pc = p as usize;
                let d = entry.depths.get(pc).copied().unwrap_or(0) as usize;
                sp = unsafe { fp.add(nlocals + d) };
            }
            Start::Raise(p) => {
                pc = p as usize + 1;
                unwind!();
            }
        }

        'dispatch: loop {
            let ins = unsafe { *instrs.add(pc) };
            pc += 1;
            if count_instrs {
                self.interp_instrs += 1;
            }
            'op: {
                macro_rules! tryv {
                    ($e:expr) => {
                        match $e {
                            Ok(v) => v,
                            Err(Raised) => break 'op,
                        }
                    };
                }
                macro_rules! jump {
                    ($t:expr) => {{
                        let t = $t as usize;
                        let c = unsafe { *counts.add(t) } + 1;
                        unsafe { *counts.add(t) = c };
                        if t < pc {
                            sync!();
                            self.safepoint(sp_index!());
                        }
                        pc = t;
                        if c >= jit_threshold && !run_jit!(t) {
                            break 'op;
                        }
                    }};
                }
                match ins {
                    Instr::Nop => {}
                    Instr::LoadConst(i) => push!(unsafe { *consts.add(i as usize) }),
                    Instr::LoadFast(s) => {
                        let v = unsafe { *fp.add(s as usize) };
                        if v.is_null() {
                            let name = code.varnames[s as usize].clone();
                            tryv!(Err(self.unbound_local(&name)));
                        }
                        push!(v);
                    }
                    Instr::StoreFast(s) => {
                        let v = pop!();
                        unsafe { *fp.add(s as usize) = v };
                    }
                    Instr::DeleteFast(s) => {
                        let v = unsafe { *fp.add(s as usize) };
                        if v.is_null() {
                            let name = code.varnames[s as usize].clone();
                            tryv!(Err(self.unbound_local(&name)));
                        }
                        unsafe { *fp.add(s as usize) = Value::NULL };
                    }
                    Instr::LoadDeref(s) => {
                        let cell = unsafe { *fp.add(s as usize) };
                        let v = cell.as_cell().map_or(Value::NULL, |c| c.v.get());
                        if v.is_null() {
                            tryv!(Err(self.unbound_deref(code, s)));
                        }
                        push!(v);
                    }
                    Instr::StoreDeref(s) => {
                        let v = pop!();
                        let cell = unsafe { *fp.add(s as usize) };
                        if let Some(c) = cell.as_cell() {
                            c.v.set(v);
                        }
                    }
                    Instr::DeleteDeref(s) => {
                        let cell = unsafe { *fp.add(s as usize) };
                        if let Some(c) = cell.as_cell() {
                            if c.v.get().is_null() {
                                tryv!(Err(self.unbound_deref(code, s)));
                            }
                            c.v.set(Value::NULL);
                        }
                    }
                    Instr::LoadClosure(s) => push!(unsafe { *fp.add(s as usize) }),
                    Instr::LoadGlobal(g) => {
                        let mut v = unsafe { *globals.add(g as usize) };
                        if v.is_null() {
                            v = unsafe { *fallbacks.add(g as usize) };
                            if v.is_null() {
                                tryv!(Err(self.global_name_error(module, g, code_id)));
                            }
                        }
                        push!(v);
                    }
                    Instr::StoreGlobal(g) => {
                        let v = pop!();
                        let slot = unsafe { globals.add(g as usize) };
                        if unsafe { *slot }.is_null() {
                            self.global_bound(module, g);
                        }
                        unsafe { *slot = v };
                    }
                    Instr::DeleteGlobal(g) => {
                        if unsafe { *globals.add(g as usize) }.is_null() {
                            tryv!(Err(self.global_name_error(module, g, code_id)));
                        }
                        unsafe { *globals.add(g as usize) = Value::NULL };
                    }
                    Instr::LoadName(g) => {
                        sync!();
                        let v = tryv!(self.load_name(fidx, module, g, code_id));
                        push!(v);
                    }
                    Instr::StoreName(g) => {
                        let v = pop!();
                        sync!();
                        tryv!(self.store_name(fidx, module, g, v));
                    }
                    Instr::DeleteName(g) => {
                        sync!();
                        tryv!(self.delete_name(fidx, module, g, code_id));
                    }
                    Instr::LoadAttr(name) => {
                        let obj = top!();
                        if let Some(inst) = obj.as_instance() {
                            if let Some(slot) = self.cached_slot(attr_ic, pc - 1, inst, name) {
                                set_top!(inst.slots[slot]);
                                continue 'dispatch;
                            }
                        }
                        sync!();
                        let v = tryv!(self.getattr(obj, name));
                        set_top!(v);
                    }
                    Instr::StoreAttr(name) => {
                        let obj = pop!();
                        let v = pop!();
                        if let Some(inst) = obj.as_instance() {
                            if let Some(slot) =
                                self.cached_store_slot(attr_ic, pc - 1, inst, name, v)
                            {
                                inst.slots[slot] = v;
                                continue 'dispatch;
                            }
                        }
                        sync!();
                        tryv!(self.setattr(obj, name, v));
                    }
                    Instr::DeleteAttr(name) => {
                        let obj = pop!();
                        sync!();
                        tryv!(self.delattr(obj, name));
                    }
                    Instr::LoadMethod(name) => {
                        let obj = top!();
                        if let Some(inst) = obj.as_instance() {
                            // The JIT's profile (see `site_cache`).
                            // SAFETY: `attr_ic` has one entry per instruction.
                            unsafe {
                                let e = attr_ic.add(pc - 1);
                                *e = site_cache::note_shape(*e, inst.shape.get());
                            }
                        }
                        sync!();
                        let (f, s) = tryv!(self.load_method(obj, name));
                        set_top!(f);
                        push!(s);
                    }
                    Instr::Pop => {
                        let v = pop!();
                        // A `for` loop left by `break` gives its iterator back.
                        if v.is_kind(Kind::Iter) {
                            self.recycle_iter(v);
                        }
                    }
                    Instr::Dup => push!(top!()),
                    Instr::Dup2 => {
                        let (a, b) = (peek!(2), peek!(1));
                        push!(a);
                        push!(b);
                    }
                    Instr::Rot2 => unsafe {
                        std::ptr::swap(sp.sub(1), sp.sub(2));
                    },
                    Instr::Rot3 => unsafe {
                        let c = *sp.sub(1);
                        *sp.sub(1) = *sp.sub(2);
                        *sp.sub(2) = *sp.sub(3);
                        *sp.sub(3) = c;
                    },
                    Instr::Rot4 => unsafe {
                        let d = *sp.sub(1);
                        *sp.sub(1) = *sp.sub(2);
                        *sp.sub(2) = *sp.sub(3);
                        *sp.sub(3) = *sp.sub(4);
                        *sp.sub(4) = d;
                    },
                    Instr::Binary(op) | Instr::Inplace(op) => {
                        let b = pop!();
                        let a = top!();
                        if let Some(r) = fast_binary(op, a, b) {
                            set_top!(r);
                            continue 'dispatch;
                        }
                        sync!();
                        let r = if matches!(ins, Instr::Inplace(_)) {
                            tryv!(self.inplace_op(op, a, b))
                        } else {
                            tryv!(self.binary_op(op, a, b))
                        };
                        set_top!(r);
                    }
                    Instr::Unary(op) => {
                        let v = top!();
                        sync!();
                        let r = tryv!(self.unary_op(op, v));
                        set_top!(r);
                    }
                    Instr::Compare(op) => {
                        let b = pop!();
                        let a = top!();
                        if let Some(r) = fast_compare(op, a, b) {
                            set_top!(Value::from_bool(r));
                            continue 'dispatch;
                        }
                        sync!();
                        let r = tryv!(self.compare(op, a, b));
                        set_top!(r);
                    }
                    Instr::Is(neg) => {
                        let b = pop!();
                        let a = top!();
                        set_top!(Value::from_bool((a == b) != neg));
                    }
                    Instr::Contains(neg) => {
                        let container = pop!();
                        let item = top!();
                        sync!();
                        let r = tryv!(self.contains(container, item));
                        set_top!(Value::from_bool(r != neg));
                    }
                    Instr::Subscr => {
                        let key = pop!();
                        let c = top!();
                        if let (Some(l), Some(i)) = (c.as_list(), key.as_small()) {
                            let n = l.items.len() as i64;
                            let j = if i < 0 { i + n } else { i };
                            if j >= 0 && j < n {
                                set_top!(l.items[j as usize]);
                                continue 'dispatch;
                            }
                        }
                        sync!();
                        let r = tryv!(self.subscr(c, key));
                        set_top!(r);
                    }
                    Instr::StoreSubscr => {
                        let key = pop!();
                        let c = pop!();
                        let v = pop!();
                        if let (Some(l), Some(i)) = (c.as_list(), key.as_small()) {
                            let n = l.items.len() as i64;
                            let j = if i < 0 { i + n } else { i };
                            if j >= 0 && j < n {
                                l.items[j as usize] = v;
                                continue 'dispatch;
                            }
                        }
                        sync!();
                        tryv!(self.store_subscr(c, key, v));
                    }
                    Instr::DeleteSubscr => {
                        let key = pop!();
                        let c = pop!();
                        sync!();
                        tryv!(self.delete_subscr(c, key));
                    }
                    Instr::BuildSlice(n) => {
                        let step = if n == 3 { pop!() } else { Value::NONE };
                        let stop = pop!();
                        let start = top!();
                        let s = self.new_slice(start, stop, step);
                        set_top!(s);
                    }
                    Instr::Jump(t) => jump!(t),
                    Instr::PopJumpIfFalse(t) | Instr::PopJumpIfTrue(t) => {
                        let v = pop!();
                        let b = if v.is_bool() {
                            v == Value::TRUE
                        } else {
                            sync!();
                            tryv!(self.truthy(v))
                        };
                        if b == matches!(ins, Instr::PopJumpIfTrue(_)) {
                            jump!(t);
                        }
                    }
                    Instr::JumpIfFalseOrPop(t) | Instr::JumpIfTrueOrPop(t) => {
                        let v = top!();
                        sync!();
                        let b = tryv!(self.truthy(v));
                        if b == matches!(ins, Instr::JumpIfTrueOrPop(_)) {
                            jump!(t);
                        } else {
                            sp = unsafe { sp.sub(1) };
                        }
                    }
                    Instr::GetIter => {
                        let v = top!();
                        sync!();
                        let it = tryv!(self.get_loop_iter(v));
                        set_top!(it);
                    }
                    Instr::ForIter(t) => {
                        let it = top!();
                        if let Some(io) = it.as_iter() {
                            match &mut io.state {
                                IterState::Range { cur, stop, step } => {
                                    let c = *cur;
                                    if (*step > 0 && c < *stop) || (*step < 0 && c > *stop) {
                                        *cur = c.saturating_add(*step);
                                        if fits_small(c) {
                                            push!(Value::from_small(c));
                                            continue 'dispatch;
                                        }
                                    } else {
                                        sp = unsafe { sp.sub(1) };
                                        self.recycle_iter(it);
                                        jump!(t);
                                        continue 'dispatch;
                                    }
                                    let v = self.new_int(c);
                                    push!(v);
                                    continue 'dispatch;
                                }
                                IterState::Seq { seq, idx } if seq.is_kind(Kind::List) => {
                                    let l = seq.as_list().expect("list");
                                    if let Some(&v) = l.items.get(*idx) {
                                        *idx += 1;
                                        push!(v);
                                    } else {
                                        sp = unsafe { sp.sub(1) };
                                        self.recycle_iter(it);
                                        jump!(t);
                                    }
                                    continue 'dispatch;
                                }
                                _ => {}
                            }
                        }
                        sync!();
                        match tryv!(self.next(it)) {
                            Some(v) => push!(v),
                            None => {
                                sp = unsafe { sp.sub(1) };
                                self.recycle_iter(it);
                                jump!(t);
                            }
                        }
                    }
                    Instr::Return => {
                        let v = pop!();
                        return Ok(v);
                    }
                    Instr::BuildTuple(n) | Instr::BuildList(n) => {
                        let items =
                            unsafe { std::slice::from_raw_parts(sp.sub(n as usize), n as usize) }
                                .to_vec();
                        sp = unsafe { sp.sub(n as usize) };
                        let v = if matches!(ins, Instr::BuildList(_)) {
                            self.new_list(items)
                        } else {
                            self.new_tuple(items)
                        };
                        push!(v);
                    }
                    Instr::BuildMap(n) => {
                        let items = unsafe {
                            std::slice::from_raw_parts(sp.sub(2 * n as usize), 2 * n as usize)
                        }
                        .to_vec();
                        sync!();
                        let d = self.new_dict(crate::runtime::dict::Dict::new());
                        let mut ok = true;
                        for kv in items.chunks(2) {
                            if self.dict_set(d, kv[0], kv[1]).is_err() {
                                ok = false;
                                break;
                            }
                        }
                        sp = unsafe { sp.sub(2 * n as usize) };
                        if !ok {
                            break 'op;
                        }
                        push!(d);
                    }
                    Instr::ListAppend(n) => {
                        let v = pop!();
                        if let Some(l) = peek!(n as usize).as_list() {
                            l.items.push(v);
                        }
                    }
                    Instr::MapAdd(n) => {
                        let v = pop!();
                        let k = pop!();
                        let d = peek!(n as usize);
                        sync!();
                        tryv!(self.dict_set(d, k, v));
                    }
                    Instr::UnpackSequence(n) => {
                        let seq = pop!();
                        sync!();
                        let items = tryv!(self.unpack(seq, n as usize));
                        for &x in items.iter().rev() {
                            push!(x);
                        }
                    }
                    Instr::BuildString(n) => {
                        let parts =
                            unsafe { std::slice::from_raw_parts(sp.sub(n as usize), n as usize) };
                        let v = self.concat_strs(parts);
                        sp = unsafe { sp.sub(n as usize) };
                        push!(v);
                    }
                    Instr::FormatValue { conv, has_spec } => {
                        let spec = if has_spec { pop!() } else { Value::NULL };
                        let v = top!();
                        sync!();
                        let r = tryv!(self.format_value(v, conv, spec));
                        set_top!(r);
                    }
                    Instr::Call(n) => {
                        let n = n as usize;
                        let f = peek!(n + 1);
                        let args_at = sp_index!() - n;
                        sync!();
                        let r = tryv!(self.call_at(f, args_at, n));
                        sp = unsafe { sp.sub(n + 1) };
                        push!(r);
                    }
                    Instr::CallMethod(n) => {
                        let n = n as usize;
                        let f = peek!(n + 2);
                        let recv = peek!(n + 1);
                        sync!();
                        let r = if recv.is_null() {
                            let args_at = sp_index!() - n;
                            tryv!(self.call_at(f, args_at, n))
                        } else {
                            let args_at = sp_index!() - n - 1;
                            tryv!(self.call_at(f, args_at, n + 1))
                        };
                        sp = unsafe { sp.sub(n + 2) };
                        push!(r);
                    }
                    Instr::CallKw { argc, kwnames } | Instr::CallMethodKw { argc, kwnames } => {
                        let names = unsafe { *consts.add(kwnames as usize) };
                        let nk = names.as_tuple().map_or(0, |t| t.items.len());
                        let method = matches!(ins, Instr::CallMethodKw { .. });
                        let total = argc as usize + nk + if method { 2 } else { 1 };
                        let window =
                            unsafe { std::slice::from_raw_parts(sp.sub(total), total) }.to_vec();
                        sync!();
                        let r = tryv!(self.call_with_kw(&window, names, method));
                        sp = unsafe { sp.sub(total) };
                        push!(r);
                    }
                    Instr::MakeFunction { code: c, flags } => {
                        let closure = if flags & 4 != 0 { pop!() } else { Value::NULL };
                        let kwdefaults = if flags & 2 != 0 { pop!() } else { Value::NULL };
                        let defaults = if flags & 1 != 0 { pop!() } else { Value::NULL };
                        let f = self.make_function(module, c, defaults, kwdefaults, closure);
                        push!(f);
                    }
                    Instr::BuildClass {
                        code: c,
                        name,
                        flags,
                    } => {
                        let closure = if flags & 4 != 0 { pop!() } else { Value::NULL };
                        let base_cls = if flags & 1 != 0 { pop!() } else { Value::NULL };
                        // Keep the operands rooted while the body runs.
                        push!(base_cls);
                        push!(closure);
                        sync!();
                        let r = self.build_class(module, c, name, base_cls, closure);
                        sp = unsafe { sp.sub(2) };
                        let cls = tryv!(r);
                        push!(cls);
                    }
                    Instr::Raise(n) => {
                        sync!();
                        let r = match n {
                            0 => {
                                if self.handled.is_ptr() {
                                    self.exc = self.handled;
                                    Raised
                                } else {
                                    self.runtime_error("No active exception to reraise")
                                }
                            }
                            1 => {
                                let e = pop!();
                                match self.raise_value(e) {
                                    Ok(r) | Err(r) => r,
                                }
                            }
                            _ => {
                                let cause = pop!();
                                let e = pop!();
                                self.raise_from(e, cause)
                            }
                        };
                        tryv!(Err(r));
                    }
                    Instr::PushExcInfo => {
                        let e = top!();
                        set_top!(self.handled);
                        push!(e);
                        self.handled = e;
                    }
                    Instr::PopExcept => {
                        self.handled = pop!();
                    }
                    Instr::Reraise => {
                        self.exc = pop!();
                        self.reraising = true;
                        break 'op;
                    }
                    Instr::CheckExcMatch => {
                        let ty = pop!();
                        let e = top!();
                        sync!();
                        let m = tryv!(self.exception_matches(e, ty));
                        push!(Value::from_bool(m));
                    }
                    Instr::LoadAssertionError => push!(self.cls.assertion_error),
                    Instr::ImportName(name) => {
                        sync!();
                        let m = tryv!(self.import_module(name));
                        push!(m);
                    }
                    Instr::ImportFrom(name) => {
                        let m = top!();
                        sync!();
                        let v = tryv!(self.import_from(m, name));
                        push!(v);
                    }
                }
                continue 'dispatch;
            }
            // An exception is propagating out of the instruction at pc - 1.
            unwind!();
        }
    }
}

impl Vm {
    /// The slot of attribute `name` in `inst` through the instruction's
    /// inline cache (`site_cache`), refilled on a miss.
    #[inline(always)]
    fn cached_slot(
        &self,
        ic: *mut u64,
        pc: usize,
        inst: &InstanceObj,
        name: crate::intern::Sym,
    ) -> Option<usize> {
        self.cached_entry(ic, pc, inst, name).map(site_cache::slot)
    }

    /// The slot a store of `v` to attribute `name` of `inst` may write
    /// directly: the cached slot, when the slot's type admits `v` (else the
    /// store changes the instance's shape and takes the slow path).
    #[inline(always)]
    fn cached_store_slot(
        &self,
        ic: *mut u64,
        pc: usize,
        inst: &InstanceObj,
        name: crate::intern::Sym,
        v: Value,
    ) -> Option<usize> {
        let e = self.cached_entry(ic, pc, inst, name)?;
        let st = site_cache::slot_type(e);
        (st == Type::Unknown as u64 || st == Type::of(v) as u64).then_some(site_cache::slot(e))
    }

    #[inline(always)]
    fn cached_entry(
        &self,
        ic: *mut u64,
        pc: usize,
        inst: &InstanceObj,
        name: crate::intern::Sym,
    ) -> Option<u64> {
        let shape = inst.shape.get();
        // SAFETY: `ic` has one entry per instruction of the running code.
        let old = unsafe { *ic.add(pc) };
        if site_cache::caches(old, shape) {
            return Some(old);
        }
        let slot = self.shapes.lookup(shape, name)?;
        let e = site_cache::fill(old, shape, slot, self.shapes.slot_type(shape, slot))?;
        // SAFETY: as above.
        unsafe { *ic.add(pc) = e };
        Some(e)
    }
}

/// Where `exec_at` begins.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Start {
    /// The function's entry (pc 0).
    Entry,
    /// Resume at this pc (JIT code exited there).
    Resume(u32),
    /// Unwind the exception in `Vm::exc`, raised at this pc.
    Raise(u32),
}

/// Small-int and float arithmetic that needs no allocation.
#[inline(always)]
fn fast_binary(op: BinOp, a: Value, b: Value) -> Option<Value> {
    if a.is_small_int() && b.is_small_int() {
        let (x, y) = (a.small(), b.small());
        let r = match op {
            BinOp::Add => x + y,
            BinOp::Sub => x - y,
            BinOp::Mul => x.checked_mul(y)?,
            BinOp::FloorDiv if y != 0 => {
                let q = x / y;
                if x % y != 0 && ((x < 0) != (y < 0)) {
                    q - 1
                } else {
                    q
                }
            }
            BinOp::Mod if y != 0 => {
                let m = x % y;
                if m != 0 && ((m < 0) != (y < 0)) {
                    m + y
                } else {
                    m
                }
            }
            BinOp::And => x & y,
            BinOp::Or => x | y,
            BinOp::Xor => x ^ y,
            _ => return None,
        };
        return if fits_small(r) {
            Some(Value::from_small(r))
        } else {
            None
        };
    }
    if a.is_float() && b.is_float() {
        let (x, y) = (a.float(), b.float());
        let r = match op {
            BinOp::Add => x + y,
            BinOp::Sub => x - y,
            BinOp::Mul => x * y,
            BinOp::TrueDiv if y != 0.0 => x / y,
            _ => return None,
        };
        return Some(Value::from_float(r));
    }
    None
}

/// Small-int and float comparison.
#[inline(always)]
fn fast_compare(op: CmpOp, a: Value, b: Value) -> Option<bool> {
    if a.is_small_int() && b.is_small_int() {
        let (x, y) = (a.small(), b.small());
        return Some(match op {
            CmpOp::Lt => x < y,
            CmpOp::Le => x <= y,
            CmpOp::Eq => x == y,
            CmpOp::Ne => x != y,
            CmpOp::Gt => x > y,
            CmpOp::Ge => x >= y,
        });
    }
    if a.is_float() && b.is_float() {
        let (x, y) = (a.float(), b.float());
        return Some(match op {
            CmpOp::Lt => x < y,
            CmpOp::Le => x <= y,
            CmpOp::Eq => x == y,
            CmpOp::Ne => x != y,
            CmpOp::Gt => x > y,
            CmpOp::Ge => x >= y,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_floor_div_and_mod_follow_python() {
        let i = Value::from_small;
        let cases = [(7, 2), (-7, 2), (7, -2), (-7, -2), (6, 3), (-6, 3), (0, -5)];
        for (x, y) in cases {
            let q = fast_binary(BinOp::FloorDiv, i(x), i(y)).unwrap().small();
            let m = fast_binary(BinOp::Mod, i(x), i(y)).unwrap().small();
            assert_eq!(q, (x as f64 / y as f64).floor() as i64, "{x} // {y}");
            assert_eq!(q * y + m, x, "{x} % {y}");
            assert!(m == 0 || (m < 0) == (y < 0), "{x} % {y} sign");
        }
        assert!(fast_binary(BinOp::FloorDiv, i(1), i(0)).is_none());
    }
}
