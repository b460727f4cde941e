//! The slower interpreter operations that need the frame's context: name
//! errors with hints, class-body names, unpacking, slices, f-string
//! formatting and imports.

use crate::bytecode::CodeObject;
use crate::intern::Sym;
use crate::runtime::object::*;
use crate::runtime::value::Value;
use crate::runtime::vm::Vm;
use crate::runtime::{PyResult, Raised};

impl Vm {
    pub(crate) fn unbound_local(&mut self, name: &str) -> Raised {
        let c = self.cls.unbound_local_error;
        self.raise_msg(
            c,
            &format!(
                "cannot access local variable '{name}' where it is not associated with a value"
            ),
        )
    }

    pub(crate) fn unbound_deref(&mut self, code: &CodeObject, slot: u32) -> Raised {
        let name = code.varnames[slot as usize].clone();
        if code.free_slots.contains(&slot) {
            let c = self.cls.name_error;
            self.raise_msg(
                c,
                &format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
            )
        } else {
            self.unbound_local(&name)
        }
    }

    /// NameError for global slot `g`, with CPython's suggestion drawn from
    /// the frame's locals, then the globals, then the builtins.
    pub(crate) fn global_name_error(&mut self, module: usize, g: u32, code_id: u32) -> Raised {
        let name = self.modules[module].names[g as usize];
        // Local names are not necessarily interned (locals live in slots).
        let locals: Vec<Sym> = self.codes[code_id as usize]
            .code
            .varnames
            .clone()
            .iter()
            .map(|v| self.names.intern(v))
            .collect();
        // CPython 3.11 scans the code's variable names in order, then the
        // module dict in insertion (binding) order, then the builtins; the
        // first candidate at the least distance wins.
        let m = &self.modules[module];
        let mut bound: Vec<(u64, Sym)> = m
            .names
            .iter()
            .zip(&m.globals)
            .zip(&m.bind_seq)
            .filter(|((_, v), _)| !v.is_null())
            .map(|((s, _), &seq)| (seq, *s))
            .collect();
        bound.sort();
        let globals: Vec<Sym> = bound.into_iter().map(|(_, s)| s).collect();
        let mut builtins: Vec<String> = self.builtins.keys().map(|s| self.sym_str(*s)).collect();
        builtins.sort();
        let builtins: Vec<Sym> = builtins.iter().map(|s| self.names.intern(s)).collect();
        let n = self.sym_str(name);
        for group in [locals, globals, builtins] {
            let cands: Vec<String> = group.iter().map(|s| self.sym_str(*s)).collect();
            if crate::runtime::exc::suggest(&n, cands.iter().map(|s| s.as_str())).is_some() {
                let syms: Vec<Sym> = cands.iter().map(|s| self.names.intern(s)).collect();
                return self.name_error(name, syms);
            }
        }
        self.name_error(name, Vec::new())
    }

    fn namespace_key(&mut self, module: usize, g: u32) -> Value {
        let name = self.modules[module].names[g as usize];
        let s = self.sym_str(name);
        self.new_str_owned(s)
    }

    pub(crate) fn load_name(
        &mut self,
        fidx: usize,
        module: usize,
        g: u32,
        code_id: u32,
    ) -> PyResult<Value> {
        let ns = self.frames[fidx].namespace;
        if ns.is_ptr() {
            let key = self.namespace_key(module, g);
            if let Some(v) = self.dict_get(ns, key)? {
                return Ok(v);
            }
        }
        let v = self.modules[module].globals[g as usize];
        if !v.is_null() {
            return Ok(v);
        }
        let b = self.modules[module].builtin_fallback[g as usize];
        if !b.is_null() {
            return Ok(b);
        }
        Err(self.global_name_error(module, g, code_id))
    }

    pub(crate) fn store_name(
        &mut self,
        fidx: usize,
        module: usize,
        g: u32,
        v: Value,
    ) -> PyResult<()> {
        let ns = self.frames[fidx].namespace;
        if ns.is_ptr() {
            let key = self.namespace_key(module, g);
            return self.dict_set(ns, key, v);
        }
        if self.modules[module].globals[g as usize].is_null() {
            self.global_bound(module, g);
        }
        self.modules[module].globals[g as usize] = v;
        Ok(())
    }

    pub(crate) fn delete_name(
        &mut self,
        fidx: usize,
        module: usize,
        g: u32,
        code_id: u32,
    ) -> PyResult<()> {
        let ns = self.frames[fidx].namespace;
        if ns.is_ptr() {
            let key = self.namespace_key(module, g);
            let h = self.hash_key(key)?;
            if ns.as_dict().and_then(|d| d.d.remove(key, h)).is_some() {
                return Ok(());
            }
            return Err(self.global_name_error(module, g, code_id));
        }
        if self.modules[module].globals[g as usize].is_null() {
            return Err(self.global_name_error(module, g, code_id));
        }
        self.modules[module].globals[g as usize] = Value::NULL;
        Ok(())
    }

    /// `a, b = seq`.
    pub(crate) fn unpack(&mut self, seq: Value, n: usize) -> PyResult<Vec<Value>> {
        let items = match seq.kind() {
            Some(Kind::List) | Some(Kind::Tuple) | Some(Kind::Str) | Some(Kind::Dict)
            | Some(Kind::Range) | Some(Kind::Iter) | Some(Kind::Instance) => {
                self.collect_iterable(seq)?
            }
            _ => {
                let t = self.type_name(seq);
                return Err(self.type_error(&format!("cannot unpack non-iterable {t} object")));
            }
        };
        if items.len() < n {
            return Err(self.value_error(&format!(
                "not enough values to unpack (expected {n}, got {})",
                items.len()
            )));
        }
        if items.len() > n {
            return Err(self.value_error(&format!("too many values to unpack (expected {n})")));
        }
        Ok(items)
    }

    pub fn new_slice(&mut self, start: Value, stop: Value, step: Value) -> Value {
        self.heap.alloc(
            SliceObj {
                h: ObjHeader::new(Kind::Slice),
                start,
                stop,
                step,
            },
            0,
        )
    }

    /// `FormatValue`: conversion then `format(v, spec)`.
    pub(crate) fn format_value(&mut self, v: Value, conv: u8, spec: Value) -> PyResult<Value> {
        let v = match conv {
            1 => {
                let s = self.str(v)?;
                self.new_str_owned(s)
            }
            2 => {
                let s = self.repr(v)?;
                self.new_str_owned(s)
            }
            3 => {
                let s = self.repr(v)?;
                let a = crate::runtime::builtins::ascii_escape(&s);
                self.new_str_owned(a)
            }
            _ => v,
        };
        let spec_s = spec.as_str().unwrap_or("");
        if spec_s.is_empty() && v.is_kind(Kind::Str) {
            return Ok(v);
        }
        let s = self.format(v, spec_s)?;
        Ok(self.new_str_owned(s))
    }

    /// `import name`.
    pub(crate) fn import_module(&mut self, name: Sym) -> PyResult<Value> {
        if let Some(&m) = self.native_modules.get(&name) {
            return Ok(m);
        }
        let n = self.sym_str(name);
        if let Some(m) = crate::runtime::builtins::create_native_module(self, &n) {
            self.native_modules.insert(name, m);
            return Ok(m);
        }
        let c = self.cls.module_not_found_error;
        Err(self.raise_msg(c, &format!("No module named '{n}'")))
    }

    /// `from m import name`.
    pub(crate) fn import_from(&mut self, m: Value, name: Sym) -> PyResult<Value> {
        match self.getattr_opt(m, name)? {
            Some(v) => Ok(v),
            None => {
                let n = self.sym_str(name);
                let mn = m
                    .as_module()
                    .and_then(|mo| mo.name.as_str())
                    .unwrap_or("?")
                    .to_string();
                let c = self.cls.import_error;
                Err(self.raise_msg(
                    c,
                    &format!("cannot import name '{n}' from '{mn}' (unknown location)"),
                ))
            }
        }
    }
}
