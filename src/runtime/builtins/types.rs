//! Constructors of the builtin types (`int()`, `str()`, `list()`, ...) and
//! the native methods of their instances.

use crate::intern::Sym;
use crate::runtime::object::BuiltinType;
use crate::runtime::value::Value;
use crate::runtime::vm::Vm;
use crate::runtime::PyResult;

pub fn install(_vm: &mut Vm) {}

/// Calls builtin type `cls` (tagged `bt`) as a constructor.
pub fn construct(
    vm: &mut Vm,
    cls: Value,
    bt: BuiltinType,
    args: &[Value],
    _kwargs: &[(Sym, Value)],
) -> PyResult<Value> {
    match bt {
        BuiltinType::Str => match args.first() {
            None => Ok(vm.empty_str),
            Some(&v) => {
                let s = vm.str(v)?;
                Ok(vm.new_str_owned(s))
            }
        },
        BuiltinType::Type if args.len() == 1 => Ok(vm.class_of(args[0])),
        _ => {
            let n = cls.as_class().and_then(|c| c.name.as_str()).unwrap_or("?");
            Err(vm.type_error(&format!("cannot create '{n}' instances")))
        }
    }
}

impl Vm {
    /// `format(v, spec)`.
    pub fn format(&mut self, v: Value, spec: &str) -> PyResult<String> {
        if spec.is_empty() {
            return self.str(v);
        }
        self.str(v)
    }
}
