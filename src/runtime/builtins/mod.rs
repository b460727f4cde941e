//! The builtins: functions (`print`, `len`, ...), the constructors of the
//! builtin types, the methods of str/list/dict/tuple/int/float, the exception
//! base methods, `format()` and `str.format`, printf-style `%` formatting,
//! `open()`, and the native modules `math`, `time` and `sys`.

mod dict_methods;
mod exceptions;
mod files;
mod format;
mod functions;
mod iterators;
mod list_methods;
pub(crate) mod math;
mod modules;
mod numeric;
mod percent;
pub mod sort;
mod str_case;
mod str_format;
mod str_methods;
mod types;

pub use iterators::next_extra;
pub use modules::{create_native_module, NATIVE_MODULES};
pub use percent::percent_format;
pub use types::construct;

use super::object::NativeFn;
use super::value::Value;
use super::vm::Vm;
use super::PyResult;
use crate::intern::Sym;

/// Installs every builtin into `vm.builtins` and the builtin classes' dicts.
pub fn install(vm: &mut Vm) {
    functions::install(vm);
    numeric::install(vm);
    iterators::install(vm);
    types::install(vm);
    str_methods::install(vm);
    list_methods::install(vm);
    dict_methods::install(vm);
    exceptions::install(vm);
    files::install(vm);
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
        ("slice", vm.cls.slice),
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

/// Gives a native class a `__repr__` that `repr()` of its instances uses.
/// `repr()` skips builtin `__repr__`s (those of the builtin types), so the
/// native is wrapped in a bound method with receiver None: it is called
/// with `[None, self]` (take `self` from `args.last()`).
pub fn add_repr(vm: &mut Vm, cls: Value, name: &'static str, f: NativeFn) {
    let b = vm.new_builtin(name, f);
    let m = vm.new_bound_method(b, Value::NONE);
    let s = vm.sym("__repr__");
    if let Some(c) = cls.as_class() {
        c.dict.insert(s, m);
    }
}

/// Adds a builtin function.
pub fn add_function(vm: &mut Vm, name: &'static str, f: NativeFn) {
    let b = vm.new_builtin(name, f);
    vm.set_builtin(name, b);
}

/// Checks the positional argument count of a builtin, raising CPython's
/// TypeError otherwise. `name` is formatted only for an error (pass
/// `format_args!` to build it).
pub fn check_args(
    vm: &mut Vm,
    name: impl std::fmt::Display,
    args: &[Value],
    min: usize,
    max: usize,
) -> PyResult<()> {
    let n = args.len();
    if n >= min && n <= max {
        return Ok(());
    }
    let name = name.to_string();
    Err(vm.type_error(&arity_message(&name, &name, n, min, max)))
}

/// Checks the argument count of a method (`args[0]` is self): `name` is the
/// qualified name used in CPython's messages (`str.join`).
pub fn check_method(
    vm: &mut Vm,
    name: impl std::fmt::Display,
    args: &[Value],
    min: usize,
    max: usize,
) -> PyResult<()> {
    if args.is_empty() {
        return Err(vm.type_error(&format!("descriptor '{name}' needs an argument")));
    }
    let n = args.len() - 1;
    if n >= min && n <= max {
        return Ok(());
    }
    let name = name.to_string();
    let short = name.rsplit('.').next().unwrap_or(&name);
    Err(vm.type_error(&arity_message(&name, short, n, min, max)))
}

/// CPython's message for `n` arguments given where `min..=max` are taken:
/// `name` in the "takes" forms, `short` in the "expected" ones.
fn arity_message(name: &str, short: &str, n: usize, min: usize, max: usize) -> String {
    let s = |k: usize| if k == 1 { "" } else { "s" };
    if min == max {
        match min {
            0 => format!("{name}() takes no arguments ({n} given)"),
            1 => format!("{name}() takes exactly one argument ({n} given)"),
            _ => format!("{short} expected {min} arguments, got {n}"),
        }
    } else if n < min {
        format!(
            "{short} expected at least {min} argument{}, got {n}",
            s(min)
        )
    } else {
        format!("{short} expected at most {max} argument{}, got {n}", s(max))
    }
}

/// The type name Argument Clinic uses in "must be str, not X" messages
/// (`None` for None).
pub fn clinic_type_name(vm: &Vm, v: Value) -> &'static str {
    if v.is_none() {
        "None"
    } else {
        vm.type_name(v)
    }
}

/// Rejects keyword arguments for builtins that take none.
pub fn no_kwargs(
    vm: &mut Vm,
    name: impl std::fmt::Display,
    kwargs: &[(Sym, Value)],
) -> PyResult<()> {
    if kwargs.is_empty() {
        Ok(())
    } else {
        Err(vm.type_error(&format!("{name}() takes no keyword arguments")))
    }
}

/// Binds positional and keyword arguments to the parameters `params`
/// (positional-or-keyword, the first `required` of them required), as
/// Argument Clinic does. `name` is the function's name in messages.
pub fn bind_args(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kwargs: &[(Sym, Value)],
    params: &[&str],
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    if args.len() > params.len() {
        let n = params.len();
        let msg = if n == 0 {
            format!("{name}() takes no arguments ({} given)", args.len())
        } else if required == n {
            format!(
                "{name}() takes exactly {n} positional argument{} ({} given)",
                if n == 1 { "" } else { "s" },
                args.len()
            )
        } else {
            format!(
                "{name}() takes at most {n} argument{} ({} given)",
                if n == 1 { "" } else { "s" },
                args.len()
            )
        };
        return Err(vm.type_error(&msg));
    }
    let mut out: Vec<Option<Value>> = vec![None; params.len()];
    for (i, &a) in args.iter().enumerate() {
        out[i] = Some(a);
    }
    for &(k, v) in kwargs {
        let kn = vm.sym_str(k);
        match params.iter().position(|p| *p == kn) {
            Some(i) if out[i].is_some() => {
                return Err(vm.type_error(&format!(
                    "argument for {name}() given by name ('{kn}') and position ({})",
                    i + 1
                )));
            }
            Some(i) => out[i] = Some(v),
            None => {
                return Err(vm.type_error(&format!(
                    "'{kn}' is an invalid keyword argument for {name}()"
                )));
            }
        }
    }
    for (i, p) in params.iter().enumerate().take(required) {
        if out[i].is_none() {
            return Err(vm.type_error(&format!(
                "{name}() missing required argument '{p}' (pos {})",
                i + 1
            )));
        }
    }
    Ok(out)
}

/// The value of keyword argument `name`, if given.
pub fn kwarg(vm: &Vm, kwargs: &[(Sym, Value)], name: &str) -> Option<Value> {
    kwargs
        .iter()
        .find(|(k, _)| vm.names.name(*k) == name)
        .map(|&(_, v)| v)
}

/// Rejects any keyword argument not in `allowed`.
pub fn only_kwargs(
    vm: &mut Vm,
    fname: &str,
    kwargs: &[(Sym, Value)],
    allowed: &[&str],
) -> PyResult<()> {
    for &(k, _) in kwargs {
        let kn = vm.sym_str(k);
        if !allowed.contains(&kn.as_str()) {
            return Err(vm.type_error(&format!(
                "'{kn}' is an invalid keyword argument for {fname}()"
            )));
        }
    }
    Ok(())
}

/// An int argument as i64 (`'float' object cannot be interpreted as an
/// integer` otherwise; OverflowError for huge ints).
pub fn index_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if let Some(i) = vm.to_i64(v) {
        return Ok(i);
    }
    if v.as_bigint().is_some() {
        return Err(vm.overflow_error("Python int too large to convert to C ssize_t"));
    }
    if v.as_instance().is_some() {
        let s = vm.sym("__index__");
        if let Some(f) = vm.class_lookup(vm.class_of(v), s) {
            let r = vm.call(f, &[v], &[])?;
            if let Some(i) = vm.to_i64(r) {
                return Ok(i);
            }
            let t = vm.type_name(r);
            return Err(vm.type_error(&format!("__index__ returned non-int (type {t})")));
        }
    }
    let t = vm.type_name(v);
    Err(vm.type_error(&format!("'{t}' object cannot be interpreted as an integer")))
}

/// Runs `f` with `vals` pushed as extra GC roots, popping them on every path.
pub fn with_roots<T>(
    vm: &mut Vm,
    vals: &[Value],
    f: impl FnOnce(&mut Vm) -> PyResult<T>,
) -> PyResult<T> {
    let n = vm.roots.len();
    vm.roots.extend_from_slice(vals);
    let r = f(vm);
    vm.roots.truncate(n);
    r
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
