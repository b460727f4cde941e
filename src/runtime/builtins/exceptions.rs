//! The native methods of `BaseException` (`__init__`, which sets `args`)
//! and the builtin exception classes that only the builtins raise
//! (`EOFError`, `SyntaxError`, `IndentationError`).

use super::add_method;
use crate::intern::Sym;
use crate::runtime::classes::new_class;
use crate::runtime::object::BuiltinType;
use crate::runtime::value::Value;
use crate::runtime::vm::Vm;
use crate::runtime::PyResult;

pub fn install(vm: &mut Vm) {
    let be = vm.cls.base_exception;
    add_method(vm, be, "__init__", base_exception_init);
    // Exception classes the core hierarchy lacks: (name, base).
    let exc = vm.cls.exception;
    for (name, base) in [("EOFError", exc), ("SyntaxError", exc)] {
        let c = new_class(
            &mut vm.heap,
            &mut vm.names,
            &mut vm.shapes,
            name,
            base,
            BuiltinType::Exception,
        );
        vm.set_builtin(name, c);
    }
    let syntax = vm.sym("SyntaxError");
    if let Some(se) = vm.builtin(syntax) {
        let c = new_class(
            &mut vm.heap,
            &mut vm.names,
            &mut vm.shapes,
            "IndentationError",
            se,
            BuiltinType::Exception,
        );
        vm.set_builtin("IndentationError", c);
    }
}

/// `BaseException.__init__(self, *args)`: `self.args = args`.
fn base_exception_init(vm: &mut Vm, args: &[Value], kwargs: &[(Sym, Value)]) -> PyResult<Value> {
    let Some(&this) = args.first() else {
        return Err(
            vm.type_error("descriptor '__init__' of 'BaseException' object needs an argument")
        );
    };
    if vm.exc_state(this).is_none() {
        let t = vm.type_name(this);
        return Err(vm.type_error(&format!(
            "descriptor '__init__' requires a 'BaseException' object but received a '{t}'"
        )));
    }
    if !kwargs.is_empty() {
        let t = vm.type_name(this);
        return Err(vm.type_error(&format!("{t}() takes no keyword arguments")));
    }
    let t = vm.new_tuple(args[1..].to_vec());
    if let Some(st) = vm.exc_state(this) {
        st.args = t;
    }
    Ok(Value::NONE)
}
