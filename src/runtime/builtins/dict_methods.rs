//! The methods of `dict`, and its live views (`keys()`, `values()`,
//! `items()`).

use super::{add_method, check_args, check_method, no_kwargs};
use crate::intern::Sym;
use crate::runtime::dict::Dict;
use crate::runtime::object::*;
use crate::runtime::value::Value;
use crate::runtime::vm::Vm;
use crate::runtime::PyResult;

pub fn install(vm: &mut Vm) {
    let d = vm.cls.dict;
    let methods: &[(&'static str, NativeFn)] = &[
        ("get", get),
        ("keys", keys),
        ("values", values),
        ("items", items),
        ("setdefault", setdefault),
        ("pop", pop),
        ("popitem", popitem),
        ("update", update),
        ("copy", copy),
        ("clear", clear),
        ("fromkeys", fromkeys),
    ];
    for &(n, f) in methods {
        add_method(vm, d, n, f);
    }
}

fn this(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<Value> {
    match args.first() {
        Some(&v) if v.is_kind(Kind::Dict) => Ok(v),
        other => {
            let t = other.map_or("NoneType", |v| vm.type_name(*v));
            Err(vm.type_error(&format!(
                "descriptor '{name}' for 'dict' objects doesn't apply to a '{t}' object"
            )))
        }
    }
}

fn get(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "dict.get", kw)?;
    check_method(vm, "dict.get", args, 1, 2)?;
    let d = this(vm, args, "get")?;
    Ok(vm
        .dict_get(d, args[1])?
        .unwrap_or(args.get(2).copied().unwrap_or(Value::NONE)))
}

fn view(vm: &mut Vm, name: &str, args: &[Value], kw: &[(Sym, Value)], what: u8) -> PyResult<Value> {
    no_kwargs(vm, name, kw)?;
    check_method(vm, name, args, 0, 0)?;
    let d = this(vm, args, name.trim_start_matches("dict."))?;
    Ok(vm.heap.alloc(
        DictViewObj {
            h: ObjHeader::new(Kind::DictView),
            dict: d,
            what,
        },
        0,
    ))
}

fn keys(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    view(vm, "dict.keys", args, kw, 0)
}

fn values(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    view(vm, "dict.values", args, kw, 1)
}

fn items(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    view(vm, "dict.items", args, kw, 2)
}

fn setdefault(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "dict.setdefault", kw)?;
    check_method(vm, "dict.setdefault", args, 1, 2)?;
    let d = this(vm, args, "setdefault")?;
    if let Some(v) = vm.dict_get(d, args[1])? {
        return Ok(v);
    }
    let v = args.get(2).copied().unwrap_or(Value::NONE);
    vm.dict_set(d, args[1], v)?;
    Ok(v)
}

fn pop(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "dict.pop", kw)?;
    check_method(vm, "dict.pop", args, 1, 2)?;
    let d = this(vm, args, "pop")?;
    let h = vm.hash_key(args[1])?;
    match d.as_dict().and_then(|o| o.d.remove(args[1], h)) {
        Some(v) => Ok(v),
        None => match args.get(2) {
            Some(&v) => Ok(v),
            None => Err(vm.key_error(args[1])),
        },
    }
}

fn popitem(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "dict.popitem", kw)?;
    check_method(vm, "dict.popitem", args, 0, 0)?;
    let d = this(vm, args, "popitem")?;
    match d.as_dict().and_then(|o| o.d.pop_last()) {
        Some((k, v)) => Ok(vm.new_tuple(vec![k, v])),
        None => {
            let m = vm.new_str("popitem(): dictionary is empty");
            Err(vm.key_error(m))
        }
    }
}

fn update(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    check_method(vm, "dict.update", args, 0, 1)?;
    let d = this(vm, args, "update")?;
    super::types::fill_dict(vm, d, args.get(1).copied(), kw)?;
    Ok(Value::NONE)
}

fn copy(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "dict.copy", kw)?;
    check_method(vm, "dict.copy", args, 0, 0)?;
    let d = this(vm, args, "copy")?;
    let c = d.as_dict().map_or_else(Dict::new, |o| o.d.copy());
    Ok(vm.new_dict(c))
}

fn clear(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "dict.clear", kw)?;
    check_method(vm, "dict.clear", args, 0, 0)?;
    let d = this(vm, args, "clear")?;
    if let Some(o) = d.as_dict() {
        o.d.clear();
    }
    Ok(Value::NONE)
}

/// `dict.fromkeys(iterable, value=None)` (called through the class, so the
/// arguments arrive unbound).
fn fromkeys(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "dict.fromkeys", kw)?;
    check_args(vm, "fromkeys", args, 1, 2)?;
    let v = args.get(1).copied().unwrap_or(Value::NONE);
    let d = vm.new_dict(Dict::new());
    vm.roots.push(d);
    let r = super::iterators::for_each(vm, args[0], &mut |vm, k| {
        vm.dict_set(d, k, v)?;
        Ok(true)
    });
    vm.roots.pop();
    r?;
    Ok(d)
}
