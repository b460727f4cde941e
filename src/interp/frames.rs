//! Frames and calls as the interpreter performs them: entering a function
//! (cells, free variables, the recursion limit), the zero-copy call path,
//! keyword calls, building functions and classes, and running a module.

use crate::intern::Sym;
use crate::runtime::object::*;
use crate::runtime::value::Value;
use crate::runtime::vm::{Frame, Vm};
use crate::runtime::{PyResult, Raised};

impl Vm {
    /// Runs a function whose locals are bound at `base`.
    pub fn run_function(&mut self, func: Value, base: usize) -> PyResult<Value> {
        self.run_frame(func, base, Value::NULL)
    }

    /// Runs a function (or class body, with a `namespace`) at `base`.
    pub(crate) fn run_frame(
        &mut self,
        func: Value,
        base: usize,
        namespace: Value,
    ) -> PyResult<Value> {
        if self.frames.len() >= self.recursion_limit || !self.native_stack_ok() {
            return Err(self.recursion_error());
        }
        let fo = cast!(func, FunctionObj);
        let code_id = fo.code;
        // SAFETY: code entries are boxed and live as long as the VM.
        let code = unsafe { &(*self.code_ptr(code_id)).code };
        if base + code.frame_size() as usize + 64 >= self.stack.capacity() {
            return Err(self.recursion_error());
        }
        for &slot in &code.cell_slots {
            let v = self.stack.get(base + slot as usize);
            let c = self.new_cell(v);
            self.stack.set(base + slot as usize, c);
        }
        for (i, &slot) in code.free_slots.iter().enumerate() {
            let c = fo.closure.get(i).copied().unwrap_or(Value::NULL);
            self.stack.set(base + slot as usize, c);
        }
        let nlocals = code.nlocals() as usize;
        self.frames.push(Frame {
            code: code_id,
            base,
            sp: base + nlocals,
            func,
            namespace,
        });
        let r = self.exec(code_id, base);
        self.frames.pop();
        r
    }

    /// Calls `f` with the `n` arguments at stack slots `at..at + n` (the
    /// caller's temps). Python functions whose signature the arguments match
    /// exactly get their frame right there, with no copying. Slot `at - 1`
    /// holds the callable (or `LoadMethod`'s NULL) and may be overwritten:
    /// instantiating a class puts the new instance there, so that
    /// `[instance, args..]` are `__init__`'s arguments in place.
    pub(crate) fn call_at(&mut self, f: Value, at: usize, n: usize) -> PyResult<Value> {
        if let Some(c) = f.as_class() {
            if c.builtin == BuiltinType::User && at > 0 {
                let init_sym = self.s.init;
                if let Some(init) = self
                    .class_lookup(f, init_sym)
                    .filter(|i| i.is_kind(Kind::Function))
                {
                    let inst = self.new_instance(f);
                    self.stack.set(at - 1, inst);
                    let r = self.call_at(init, at - 1, n + 1)?;
                    if !r.is_none() {
                        let t = self.type_name(r);
                        return Err(
                            self.type_error(&format!("__init__() should return None, not '{t}'"))
                        );
                    }
                    return Ok(inst);
                }
            }
        }
        if let Some(fo) = f.as_function() {
            // SAFETY: code entries are boxed and live as long as the VM.
            let code = unsafe { &(*self.code_ptr(fo.code)).code };
            if code.argcount as usize == n
                && code.kwonlyargcount == 0
                && code.varargs.is_none()
                && code.varkw.is_none()
            {
                let nlocals = code.nlocals() as usize;
                if at + code.frame_size() as usize + 64 >= self.stack.capacity() {
                    return Err(self.recursion_error());
                }
                for i in n..nlocals {
                    self.stack.set(at + i, Value::NULL);
                }
                return self.run_function(f, at);
            }
        }
        if let Some(b) = f.as_builtin() {
            if b.receiver.is_null() {
                let fun = b.f;
                let p = self.stack.ptr().wrapping_add(at);
                // SAFETY: the arguments are live values in the caller's temps
                // (below the caller's saved `sp`); the VM stack never moves,
                // and nothing writes below a frame's `sp` while it is
                // suspended in a call, so the slice stays valid and unchanged.
                let args = unsafe { std::slice::from_raw_parts(p, n) };
                return fun(self, args, &[]);
            }
        }
        let args = self.stack.slice(at, at + n).to_vec();
        self.call(f, &args, &[])
    }

    /// A call with keyword arguments: `window` is `[f, (self|NULL)?, args..,
    /// kwvalues..]` and `names` the constant tuple of keyword names.
    pub(crate) fn call_with_kw(
        &mut self,
        window: &[Value],
        names: Value,
        method: bool,
    ) -> PyResult<Value> {
        let names: Vec<Value> = names
            .as_tuple()
            .map(|t| t.items.to_vec())
            .unwrap_or_default();
        let f = window[0];
        let mut rest = &window[1..];
        let mut args = Vec::new();
        if method {
            if !rest[0].is_null() {
                args.push(rest[0]);
            }
            rest = &rest[1..];
        }
        let npos = rest.len() - names.len();
        args.extend_from_slice(&rest[..npos]);
        let mut kwargs = Vec::with_capacity(names.len());
        for (k, v) in names.iter().zip(&rest[npos..]) {
            let s = self.sym(k.as_str().unwrap_or(""));
            kwargs.push((s, *v));
        }
        self.call(f, &args, &kwargs)
    }

    /// `MakeFunction`: a function object for module-relative code `c`.
    pub(crate) fn make_function(
        &mut self,
        module: usize,
        c: u32,
        defaults: Value,
        kwdefaults: Value,
        closure: Value,
    ) -> Value {
        let code_id = self.modules[module].code_base + c;
        let (name, qualname) = {
            let code = &self.codes[code_id as usize].code;
            (code.name.clone(), code.qualname.clone())
        };
        let name = self.new_str_owned(name);
        let qualname = self.new_str_owned(qualname);
        let defaults = defaults
            .as_tuple()
            .map(|t| t.items.to_vec())
            .unwrap_or_default();
        let kwdefaults: Vec<(Sym, Value)> = match kwdefaults.as_dict() {
            Some(d) => {
                let entries: Vec<(Value, Value)> = d.d.iter().collect();
                entries
                    .into_iter()
                    .map(|(k, v)| (self.sym(k.as_str().unwrap_or("")), v))
                    .collect()
            }
            None => Vec::new(),
        };
        let closure = closure
            .as_tuple()
            .map(|t| t.items.to_vec())
            .unwrap_or_default();
        self.heap.alloc(
            FunctionObj {
                h: ObjHeader::new(Kind::Function),
                code: code_id,
                module: module as u32,
                defaults,
                kwdefaults,
                closure,
                name,
                qualname,
                class: std::cell::Cell::new(Value::NONE),
            },
            64,
        )
    }

    /// `BuildClass`: runs the body, then creates the class.
    pub(crate) fn build_class(
        &mut self,
        module: usize,
        c: u32,
        name: Sym,
        base: Value,
        closure: Value,
    ) -> PyResult<Value> {
        let base = if base.is_null() {
            self.cls.object
        } else {
            base
        };
        let Some(bc) = base.as_class() else {
            return Err(self.type_error("bases must be types"));
        };
        let kind = match bc.builtin {
            BuiltinType::Object | BuiltinType::User => BuiltinType::User,
            BuiltinType::Exception => BuiltinType::Exception,
            _ => {
                let n = bc.name.as_str().unwrap_or("?").to_string();
                return Err(self.type_error(&format!(
                    "subclassing the builtin type '{n}' is not supported by basil"
                )));
            }
        };
        let body = self.make_function(module, c, Value::NULL, Value::NULL, closure);
        self.roots.push(body);
        let ns = self.new_dict(crate::runtime::dict::Dict::new());
        self.roots.push(ns);
        let base_idx = self.stack_top();
        let r = self.run_frame(body, base_idx, ns);
        self.roots.pop();
        self.roots.pop();
        r?;
        let name_s = self.sym_str(name);
        let name_v = self.new_str_owned(name_s.clone());
        let mod_name = self.modules[module].name.clone();
        let module_v = self.new_str_owned(mod_name);
        let cls = crate::runtime::classes::new_class(
            &mut self.heap,
            &mut self.names,
            &mut self.shapes,
            &name_s,
            base,
            kind,
        );
        let co = cls.as_class().expect("class");
        co.module = module_v;
        co.name = name_v;
        co.qualname = name_v;
        let entries: Vec<(Value, Value)> = ns.as_dict().expect("dict").d.iter().collect();
        for (k, v) in entries {
            let s = self.sym(k.as_str().unwrap_or(""));
            if s == self.s.qualname {
                co.qualname = v;
                continue;
            }
            if let Some(f) = v.as_function() {
                f.class.set(cls);
            }
            co.dict.insert(s, v);
        }
        Ok(cls)
    }

    /// Runs a module's body code (`code_id`) as the outermost frame.
    pub fn run_module_code(&mut self, code_id: u32, module: usize) -> PyResult<Value> {
        let name = self.new_str("<module>");
        let func = self.heap.alloc(
            FunctionObj {
                h: ObjHeader::new(Kind::Function),
                code: code_id,
                module: module as u32,
                defaults: Vec::new(),
                kwdefaults: Vec::new(),
                closure: Vec::new(),
                name,
                qualname: name,
                class: std::cell::Cell::new(Value::NONE),
            },
            0,
        );
        let base = self.stack_top();
        let nlocals = self.codes[code_id as usize].code.nlocals() as usize;
        for i in 0..nlocals {
            self.stack.set(base + i, Value::NULL);
        }
        self.run_frame(func, base, Value::NULL)
    }

    /// Adds this frame's line to the propagating exception's traceback and
    /// links it to the exception being handled (`__context__`).
    pub(crate) fn note_traceback(&mut self, code: u32, line: u32) {
        let e = self.exc;
        let handled = self.handled;
        let reraising = std::mem::replace(&mut self.reraising, false);
        if let Some(st) = self.exc_state(e) {
            if reraising && st.traceback.last().is_some_and(|&(c, _)| c == code) {
                return;
            }
            st.traceback.push((code, line));
            if st.context.is_none() && handled.is_ptr() && handled != e && st.traceback.len() == 1 {
                st.context = handled;
            }
        }
    }

    /// `raise e from cause`.
    pub(crate) fn raise_from(&mut self, e: Value, cause: Value) -> Raised {
        let r = match self.raise_value(e) {
            Ok(r) | Err(r) => r,
        };
        let exc = self.exc;
        if cause.is_none() {
            if let Some(st) = self.exc_state(exc) {
                st.cause = Value::NONE;
            }
            return r;
        }
        let cause = if cause.as_class().is_some() {
            match self.call(cause, &[], &[]) {
                Ok(c) => c,
                Err(r) => return r,
            }
        } else {
            cause
        };
        if self.exc_state(cause).is_none() {
            return self.type_error("exception causes must derive from BaseException");
        }
        self.exc = exc;
        if let Some(st) = self.exc_state(exc) {
            st.cause = cause;
        }
        r
    }

    /// `except T`: does exception `e` match `T` (a class or tuple of them)?
    pub(crate) fn exception_matches(&mut self, e: Value, ty: Value) -> PyResult<bool> {
        if let Some(t) = ty.as_tuple() {
            for &x in t.items.iter() {
                if self.exception_matches(e, x)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        match ty.as_class() {
            Some(c) if c.builtin == BuiltinType::Exception => Ok(self.isinstance(e, ty)),
            _ => Err(self.type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }
}
