//! Builtin functions: `print`, `len`, `repr`, `isinstance`, ...

use super::{add_function, check_args};
use crate::intern::Sym;
use crate::runtime::value::Value;
use crate::runtime::vm::Vm;
use crate::runtime::PyResult;

pub fn install(vm: &mut Vm) {
    add_function(vm, "print", print);
    add_function(vm, "len", len);
    add_function(vm, "repr", repr);
    add_function(vm, "isinstance", isinstance);
}

fn print(vm: &mut Vm, args: &[Value], kwargs: &[(Sym, Value)]) -> PyResult<Value> {
    let mut sep = " ".to_string();
    let mut end = "\n".to_string();
    let mut flush = false;
    for &(k, v) in kwargs {
        if k == vm.s.sep || k == vm.s.end {
            let s = if v.is_none() {
                if k == vm.s.sep { " ".to_string() } else { "\n".to_string() }
            } else if let Some(s) = v.as_str() {
                s.to_string()
            } else {
                let t = vm.type_name(v);
                let which = vm.sym_str(k);
                return Err(vm.type_error(&format!("{which} must be None or a string, not {t}")));
            };
            if k == vm.s.sep {
                sep = s;
            } else {
                end = s;
            }
        } else if k == vm.s.flush {
            flush = vm.truthy(v)?;
        } else if k == vm.s.file {
            // Only stdout is supported; `file=sys.stdout` is accepted.
        } else {
            let n = vm.sym_str(k);
            return Err(vm.type_error(&format!("'{n}' is an invalid keyword argument for print()")));
        }
    }
    let mut out = String::new();
    for (i, &a) in args.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        out.push_str(&vm.str(a)?);
    }
    out.push_str(&end);
    vm.write_out(&out);
    if flush {
        vm.flush_out();
    }
    Ok(Value::NONE)
}

fn len(vm: &mut Vm, args: &[Value], _kw: &[(Sym, Value)]) -> PyResult<Value> {
    check_args(vm, "len", args, 1, 1)?;
    let n = vm.len(args[0])?;
    Ok(vm.new_int(n as i64))
}

fn repr(vm: &mut Vm, args: &[Value], _kw: &[(Sym, Value)]) -> PyResult<Value> {
    check_args(vm, "repr", args, 1, 1)?;
    let s = vm.repr(args[0])?;
    Ok(vm.new_str_owned(s))
}

fn isinstance(vm: &mut Vm, args: &[Value], _kw: &[(Sym, Value)]) -> PyResult<Value> {
    check_args(vm, "isinstance", args, 2, 2)?;
    let (v, c) = (args[0], args[1]);
    fn check(vm: &mut Vm, v: Value, c: Value) -> PyResult<bool> {
        if let Some(t) = c.as_tuple() {
            for &x in t.items.iter() {
                if check(vm, v, x)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        if c.as_class().is_none() {
            return Err(vm.type_error("isinstance() arg 2 must be a type, a tuple of types, or a union"));
        }
        if c == vm.cls.int && v.is_bool() {
            return Ok(true);
        }
        Ok(vm.isinstance(v, c))
    }
    Ok(Value::from_bool(check(vm, v, c)?))
}
