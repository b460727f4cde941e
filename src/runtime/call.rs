//! Calling: the generic call entry for any callable, argument binding with
//! CPython's error messages, and class instantiation.

use super::object::*;
use super::value::Value;
use super::vm::Vm;
use super::PyResult;
use crate::intern::Sym;

/// Joins names as CPython does in "missing arguments" messages:
/// `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'`.
fn join_names(names: &[String]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match q.len() {
        0 => String::new(),
        1 => q[0].clone(),
        2 => format!("{} and {}", q[0], q[1]),
        n => format!("{}, and {}", q[..n - 1].join(", "), q[n - 1]),
    }
}

impl Vm {
    /// The first free stack slot above the innermost frame.
    #[inline]
    pub fn stack_top(&self) -> usize {
        self.frames.last().map_or(0, |f| f.sp)
    }

    /// Calls any callable with positional and keyword arguments.
    pub fn call(&mut self, f: Value, args: &[Value], kwargs: &[(Sym, Value)]) -> PyResult<Value> {
        match f.kind() {
            Some(Kind::Function) => {
                let base = self.stack_top();
                self.bind_args(f, args, kwargs, base)?;
                self.run_function(f, base)
            }
            Some(Kind::Builtin) => {
                let b = cast!(f, BuiltinObj);
                if b.receiver.is_null() {
                    (b.f)(self, args, kwargs)
                } else {
                    let mut all = Vec::with_capacity(args.len() + 1);
                    all.push(b.receiver);
                    all.extend_from_slice(args);
                    (b.f)(self, &all, kwargs)
                }
            }
            Some(Kind::BoundMethod) => {
                let m = cast!(f, BoundMethodObj);
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(m.receiver);
                all.extend_from_slice(args);
                self.call(m.func, &all, kwargs)
            }
            Some(Kind::Class) => self.instantiate(f, args, kwargs),
            _ => {
                let call = self.sym("__call__");
                if f.as_instance().is_some() {
                    if let Some(m) = self.class_lookup(self.class_of(f), call) {
                        let mut all = vec![f];
                        all.extend_from_slice(args);
                        return self.call(m, &all, kwargs);
                    }
                }
                let t = self.type_name(f);
                Err(self.type_error(&format!("'{t}' object is not callable")))
            }
        }
    }

    /// Writes the callee's locals for `func(*args, **kwargs)` at `base`:
    /// parameters bound, the rest unbound (NULL).
    pub fn bind_args(
        &mut self,
        func: Value,
        args: &[Value],
        kwargs: &[(Sym, Value)],
        base: usize,
    ) -> PyResult<()> {
        let fo = cast!(func, FunctionObj);
        // SAFETY: code entries are boxed and live as long as the VM.
        let code = unsafe { &(*self.code_ptr(fo.code)).code };
        let nlocals = code.nlocals() as usize;
        if base + code.frame_size() as usize + 64 >= self.stack.capacity() {
            return Err(self.recursion_error());
        }
        let argc = code.argcount as usize;
        let kwonly = code.kwonlyargcount as usize;
        let varargs = code.varargs;
        let varkw = code.varkw;
        // Only error messages need the name.
        let qualname = fo.qualname;
        let qual = move || qualname.as_str().unwrap_or("?").to_string();
        for i in 0..nlocals {
            self.stack.set(base + i, Value::NULL);
        }
        // Positional arguments.
        for (i, &a) in args.iter().take(argc).enumerate() {
            self.stack.set(base + i, a);
        }
        if args.len() > argc {
            match varargs {
                Some(slot) => {
                    let t = self.new_tuple(args[argc..].to_vec());
                    self.stack.set(base + slot as usize, t);
                }
                None => {
                    let ndef = fo.defaults.len();
                    let takes = if ndef > 0 && ndef <= argc {
                        format!("from {} to {}", argc - ndef, argc)
                    } else {
                        argc.to_string()
                    };
                    let word = if argc == 1 && ndef == 0 {
                        "argument"
                    } else {
                        "arguments"
                    };
                    let given = args.len();
                    let was = if given == 1 { "was" } else { "were" };
                    return Err(self.type_error(&format!(
                        "{}() takes {takes} positional {word} but {given} {was} given",
                        qual()
                    )));
                }
            }
        } else if let Some(slot) = varargs {
            let t = self.empty_tuple;
            self.stack.set(base + slot as usize, t);
        }
        let mut kwdict = Value::NULL;
        if let Some(slot) = varkw {
            kwdict = self.new_dict(super::dict::Dict::new());
            self.stack.set(base + slot as usize, kwdict);
        }
        // Keyword arguments.
        for &(k, v) in kwargs {
            let kname = self.names.name(k);
            let pos = code.varnames[..argc + kwonly]
                .iter()
                .position(|n| n == kname);
            match pos {
                Some(i) => {
                    if !self.stack.get(base + i).is_null() {
                        let n = kname.to_string();
                        return Err(self.type_error(&format!(
                            "{}() got multiple values for argument '{n}'",
                            qual()
                        )));
                    }
                    self.stack.set(base + i, v);
                }
                None if kwdict.is_ptr() => {
                    let n = kname.to_string();
                    let key = self.new_str_owned(n);
                    self.dict_set(kwdict, key, v)?;
                }
                None => {
                    let n = kname.to_string();
                    return Err(self.type_error(&format!(
                        "{}() got an unexpected keyword argument '{n}'",
                        qual()
                    )));
                }
            }
        }
        // Defaults for the trailing positional parameters.
        let ndef = fo.defaults.len().min(argc);
        for (j, &d) in fo.defaults[fo.defaults.len() - ndef..].iter().enumerate() {
            let i = argc - ndef + j;
            if self.stack.get(base + i).is_null() {
                self.stack.set(base + i, d);
            }
        }
        let missing: Vec<String> = (0..argc)
            .filter(|&i| self.stack.get(base + i).is_null())
            .map(|i| code.varnames[i].clone())
            .collect();
        if !missing.is_empty() {
            let n = missing.len();
            return Err(self.type_error(&format!(
                "{}() missing {} required positional {}: {}",
                qual(),
                n,
                if n == 1 { "argument" } else { "arguments" },
                join_names(&missing)
            )));
        }
        // Keyword-only parameters.
        let mut missing_kw = Vec::new();
        for i in argc..argc + kwonly {
            if self.stack.get(base + i).is_null() {
                let name = &code.varnames[i];
                let d = fo
                    .kwdefaults
                    .iter()
                    .find(|(s, _)| self.names.name(*s) == name)
                    .map(|&(_, v)| v);
                match d {
                    Some(d) => self.stack.set(base + i, d),
                    None => missing_kw.push(name.clone()),
                }
            }
        }
        if !missing_kw.is_empty() {
            let n = missing_kw.len();
            return Err(self.type_error(&format!(
                "{}() missing {} required keyword-only {}: {}",
                qual(),
                n,
                if n == 1 { "argument" } else { "arguments" },
                join_names(&missing_kw)
            )));
        }
        Ok(())
    }

    /// `RecursionError: maximum recursion depth exceeded`.
    pub fn recursion_error(&mut self) -> super::Raised {
        let c = self.cls.recursion_error;
        self.raise_msg(c, "maximum recursion depth exceeded")
    }

    /// A new instance of user class `cls` with no attributes.
    pub fn new_instance(&mut self, cls: Value) -> Value {
        let (root, hint) = cls
            .as_class()
            .map_or((0, 4), |c| (c.root_shape, c.slot_hint.get()));
        self.heap.alloc(
            InstanceObj {
                h: ObjHeader::new(Kind::Instance),
                class: cls,
                shape: std::cell::Cell::new(root),
                slots: Vec::with_capacity(hint as usize),
                exc: None,
            },
            64,
        )
    }

    /// Calls `cls(*args, **kwargs)`.
    pub fn instantiate(
        &mut self,
        cls: Value,
        args: &[Value],
        kwargs: &[(Sym, Value)],
    ) -> PyResult<Value> {
        let c = cast!(cls, ClassObj);
        let inst = match c.builtin {
            BuiltinType::User => self.new_instance(cls),
            BuiltinType::Exception => self.new_exception(cls, args.to_vec()),
            bt => return super::builtins::construct(self, cls, bt, args, kwargs),
        };
        let init = self.s.init;
        match self.class_lookup(cls, init) {
            Some(f) if !f.is_kind(Kind::Builtin) => {
                self.roots.push(inst);
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(inst);
                all.extend_from_slice(args);
                let r = self.call(f, &all, kwargs);
                self.roots.pop();
                let r = r?;
                if !r.is_none() {
                    let t = self.type_name(r);
                    return Err(
                        self.type_error(&format!("__init__() should return None, not '{t}'"))
                    );
                }
            }
            Some(_) => {}
            None if (!args.is_empty() || !kwargs.is_empty()) && c.builtin == BuiltinType::User => {
                let n = c.name.as_str().unwrap_or("?");
                return Err(self.type_error(&format!("{n}() takes no arguments")));
            }
            None => {}
        }
        Ok(inst)
    }
}

#[cfg(test)]
mod tests {
    use super::join_names;

    #[test]
    fn joins_like_cpython() {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_names(&v(&["a"])), "'a'");
        assert_eq!(join_names(&v(&["a", "b"])), "'a' and 'b'");
        assert_eq!(join_names(&v(&["a", "b", "c"])), "'a', 'b', and 'c'");
    }
}
