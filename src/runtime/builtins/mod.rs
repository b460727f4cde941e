//! The builtins: functions (`print`, `len`, ...), the constructors of the
//! builtin types, the methods of str/list/dict, the exception base methods,
//! `format()`, and the native modules `math`, `time` and `sys`.

mod functions;
mod modules;
mod types;

pub use modules::create_native_module;
pub use types::construct;

use super::object::NativeFn;
use super::value::Value;
use super::vm::Vm;
use super::PyResult;
use crate::intern::Sym;

/// Installs every builtin into `vm.builtins` and the builtin classes' dicts.
pub fn install(vm: &mut Vm) {
    functions::install(vm);
    types::install(vm);
    for (name, cls) in vm.cls.exceptions() {
        vm.set_builtin(name, cls);
    }
    let classes = [
        ("object", vm.cls.object),
        ("int", vm.cls.int),
        ("float", vm.cls.float),
        ("str", vm.cls.str_),
        ("bool", vm.cls.bool_),
        ("list", vm.cls.list),
        ("tuple", vm.cls.tuple),
        ("dict", vm.cls.dict),
        ("range", vm.cls.range),
        ("type", vm.cls.type_),
        ("super", vm.cls.super_),
    ];
    for (n, c) in classes {
        vm.set_builtin(n, c);
    }
}

/// Adds a native method to a builtin class's dict.
pub fn add_method(vm: &mut Vm, cls: Value, name: &'static str, f: NativeFn) {
    let b = vm.new_builtin(name, f);
    let s = vm.sym(name);
    if let Some(c) = cls.as_class() {
        c.dict.insert(s, b);
    }
}

/// Adds a builtin function.
pub fn add_function(vm: &mut Vm, name: &'static str, f: NativeFn) {
    let b = vm.new_builtin(name, f);
    vm.set_builtin(name, b);
}

/// Checks the positional argument count of a builtin, raising CPython's
/// TypeError otherwise.
pub fn check_args(vm: &mut Vm, name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    let n = args.len();
    if n >= min && n <= max {
        return Ok(());
    }
    let msg = if min == max {
        match min {
            0 => format!("{name}() takes no arguments ({n} given)"),
            1 => format!("{name}() takes exactly one argument ({n} given)"),
            _ => format!("{name} expected {min} arguments, got {n}"),
        }
    } else if n < min {
        format!("{name} expected at least {min} argument{}, got {n}", if min == 1 { "" } else { "s" })
    } else {
        format!("{name} expected at most {max} argument{}, got {n}", if max == 1 { "" } else { "s" })
    };
    Err(vm.type_error(&msg))
}

/// Rejects keyword arguments for builtins that take none.
pub fn no_kwargs(vm: &mut Vm, name: &str, kwargs: &[(Sym, Value)]) -> PyResult<()> {
    if kwargs.is_empty() {
        Ok(())
    } else {
        Err(vm.type_error(&format!("{name}() takes no keyword arguments")))
    }
}

/// `ascii()` escaping of a repr: non-ASCII characters become escapes.
pub fn ascii_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let u = c as u32;
        if u < 128 {
            out.push(c);
        } else if u < 0x100 {
            out.push_str(&format!("\\x{u:02x}"));
        } else if u < 0x10000 {
            out.push_str(&format!("\\u{u:04x}"));
        } else {
            out.push_str(&format!("\\U{u:08x}"));
        }
    }
    out
}
