//! Loading compiled modules into the VM: code objects get their constants as
//! values and their block counters, and the module its global slots.

use super::object::ObjHeader;
use super::value::Value;
use super::vm::{CodeEntry, ModuleEntry, Vm};
use crate::bytecode::{Const, Module};

impl Vm {
    /// The value of a constant (allocated once, kept alive as a root).
    fn const_value(&mut self, c: &Const) -> Value {
        match c {
            Const::None => Value::NONE,
            Const::Bool(b) => Value::from_bool(*b),
            Const::Int(i) => self.new_int(*i),
            Const::BigInt(b) => self.new_bigint(b.clone()),
            Const::Float(f) => Value::from_float(*f),
            Const::Str(s) => self.new_str(s),
            Const::Tuple(items) => {
                let vs: Vec<Value> = items.iter().map(|c| self.const_value(c)).collect();
                self.new_tuple(vs)
            }
        }
    }

    /// Registers a compiled module; returns its index. Its body is code
    /// `self.modules[idx].code_base`.
    pub fn load_module(&mut self, module: Module, source: String) -> usize {
        let idx = self.modules.len();
        let code_base = self.codes.len() as u32;
        for code in module.codes {
            let consts: Vec<Value> = code.consts.iter().map(|c| self.const_value(c)).collect();
            let counts = vec![0u32; code.code.len() + 1];
            let depths = crate::bytecode::verify::stack_depths(&code).unwrap_or_default();
            let attr_ic = vec![0u64; code.code.len()];
            let live = crate::bytecode::liveness::live_locals(&code);
            self.codes.push(Box::new(CodeEntry {
                code,
                consts,
                module: idx as u32,
                counts,
                depths,
                live,
                attr_ic,
            }));
        }
        let n = module.globals.len();
        let builtin_fallback = module
            .globals
            .iter()
            .map(|s| self.builtin(*s).unwrap_or(Value::NULL))
            .collect();
        let name_v = self.new_str(&module.name);
        let obj = self.heap.alloc(
            super::object::ModuleObj {
                h: ObjHeader::new(super::object::Kind::Module),
                name: name_v,
                attrs: Default::default(),
                index: idx as u32,
            },
            0,
        );
        let mut globals = vec![Value::NULL; n];
        let mut bind_seq = vec![0; n];
        let name_sym = self.s.name;
        if let Some(i) = module.globals.iter().position(|&s| s == name_sym) {
            globals[i] = name_v;
            bind_seq[i] = 1;
        }
        self.modules.push(ModuleEntry {
            name: module.name,
            filename: module.filename,
            source,
            names: module.globals,
            globals,
            code_base,
            obj,
            builtin_fallback,
            bind_seq,
            binds: 1,
        });
        idx
    }
}
