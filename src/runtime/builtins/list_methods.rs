//! The methods of `list` and `tuple`.

use super::{add_method, check_method, index_arg, no_kwargs};
use crate::intern::Sym;
use crate::runtime::object::Kind;
use crate::runtime::value::Value;
use crate::runtime::vm::Vm;
use crate::runtime::PyResult;

pub fn install(vm: &mut Vm) {
    let l = vm.cls.list;
    let methods: &[(&'static str, crate::runtime::object::NativeFn)] = &[
        ("append", append),
        ("pop", pop),
        ("insert", insert),
        ("extend", extend),
        ("index", list_index),
        ("count", list_count),
        ("remove", remove),
        ("reverse", reverse),
        ("sort", sort),
        ("copy", copy),
        ("clear", clear),
    ];
    for &(n, f) in methods {
        add_method(vm, l, n, f);
    }
    let t = vm.cls.tuple;
    add_method(vm, t, "index", tuple_index);
    add_method(vm, t, "count", tuple_count);
}

/// The receiver list.
fn this(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<Value> {
    match args.first() {
        Some(&v) if v.is_kind(Kind::List) => Ok(v),
        other => {
            let t = other.map_or("NoneType", |v| vm.type_name(*v));
            Err(vm.type_error(&format!(
                "descriptor '{name}' for 'list' objects doesn't apply to a '{t}' object"
            )))
        }
    }
}

fn items<'a>(v: Value) -> &'a mut Vec<Value> {
    &mut v.as_list().expect("list").items
}

fn append(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "list.append", kw)?;
    check_method(vm, "list.append", args, 1, 1)?;
    let l = this(vm, args, "append")?;
    items(l).push(args[1]);
    Ok(Value::NONE)
}

fn pop(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "list.pop", kw)?;
    check_method(vm, "list.pop", args, 0, 1)?;
    let l = this(vm, args, "pop")?;
    let i = match args.get(1) {
        Some(&v) => index_arg(vm, v)?,
        None => -1,
    };
    let it = items(l);
    if it.is_empty() {
        return Err(vm.index_error("pop from empty list"));
    }
    let n = it.len() as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error("pop index out of range"));
    }
    Ok(it.remove(j as usize))
}

fn insert(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "list.insert", kw)?;
    check_method(vm, "list.insert", args, 2, 2)?;
    let l = this(vm, args, "insert")?;
    let i = index_arg(vm, args[1])?;
    let it = items(l);
    let n = it.len() as i64;
    let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
    it.insert(j as usize, args[2]);
    Ok(Value::NONE)
}

fn extend(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "list.extend", kw)?;
    check_method(vm, "list.extend", args, 1, 1)?;
    let l = this(vm, args, "extend")?;
    let new = vm.collect_iterable(args[1])?;
    items(l).extend_from_slice(&new);
    Ok(Value::NONE)
}

/// (start, end) of index(): slice-style clamping.
fn index_range(vm: &mut Vm, args: &[Value], len: usize) -> PyResult<(usize, usize)> {
    let n = len as i64;
    let clamp = |i: i64| -> usize {
        if i < 0 {
            (i + n).max(0) as usize
        } else {
            i.min(n) as usize
        }
    };
    let arg = |vm: &mut Vm, v: Option<&Value>| -> PyResult<Option<i64>> {
        match v {
            None => Ok(None),
            Some(&v) => {
                if let Some(b) = v.as_bigint() {
                    use num_traits::Signed;
                    return Ok(Some(if b.is_negative() {
                        i64::MIN / 2
                    } else {
                        i64::MAX / 2
                    }));
                }
                if vm.is_int(v) || v.as_instance().is_some() {
                    return index_arg(vm, v).map(Some);
                }
                Err(vm.type_error("slice indices must be integers or have an __index__ method"))
            }
        }
    };
    let s = arg(vm, args.get(2))?.map_or(0, clamp);
    let e = arg(vm, args.get(3))?.map_or(len, clamp);
    Ok((s, e))
}

/// Position of `x` in `seq` (list or tuple) within [start, end).
fn find_in(vm: &mut Vm, seq: Value, x: Value, start: usize, end: usize) -> PyResult<Option<usize>> {
    let mut i = start;
    while i < end {
        let item = match seq.kind() {
            Some(Kind::List) => seq.as_list().and_then(|l| l.items.get(i).copied()),
            _ => seq.as_tuple().and_then(|t| t.items.get(i).copied()),
        };
        let Some(item) = item else { return Ok(None) };
        if vm.eq(item, x)? {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

fn count_in(vm: &mut Vm, seq: Value, x: Value) -> PyResult<Value> {
    let mut i = 0;
    let mut n = 0;
    loop {
        let item = match seq.kind() {
            Some(Kind::List) => seq.as_list().and_then(|l| l.items.get(i).copied()),
            _ => seq.as_tuple().and_then(|t| t.items.get(i).copied()),
        };
        let Some(item) = item else { break };
        if vm.eq(item, x)? {
            n += 1;
        }
        i += 1;
    }
    Ok(vm.new_int(n))
}

fn list_index(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "list.index", kw)?;
    check_method(vm, "list.index", args, 1, 3)?;
    let l = this(vm, args, "index")?;
    let (s, e) = index_range(vm, args, items(l).len())?;
    match find_in(vm, l, args[1], s, e)? {
        Some(i) => Ok(vm.new_int(i as i64)),
        None => {
            let r = vm.repr(args[1])?;
            Err(vm.value_error(&format!("{r} is not in list")))
        }
    }
}

fn list_count(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "list.count", kw)?;
    check_method(vm, "list.count", args, 1, 1)?;
    let l = this(vm, args, "count")?;
    count_in(vm, l, args[1])
}

fn remove(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "list.remove", kw)?;
    check_method(vm, "list.remove", args, 1, 1)?;
    let l = this(vm, args, "remove")?;
    let n = items(l).len();
    match find_in(vm, l, args[1], 0, n)? {
        Some(i) if i < items(l).len() => {
            items(l).remove(i);
            Ok(Value::NONE)
        }
        _ => Err(vm.value_error("list.remove(x): x not in list")),
    }
}

fn reverse(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "list.reverse", kw)?;
    check_method(vm, "list.reverse", args, 0, 0)?;
    let l = this(vm, args, "reverse")?;
    items(l).reverse();
    Ok(Value::NONE)
}

fn sort(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    let given = args.len().saturating_sub(1) + kw.len();
    if given > 2 {
        return Err(vm.type_error(&format!("sort() takes at most 2 arguments ({given} given)")));
    }
    if args.len() > 1 {
        return Err(vm.type_error("sort() takes no positional arguments"));
    }
    let l = this(vm, args, "sort")?;
    super::only_kwargs(vm, "sort", kw, &["key", "reverse"])?;
    let key = super::kwarg(vm, kw, "key").unwrap_or(Value::NONE);
    let rev = match super::kwarg(vm, kw, "reverse") {
        Some(r) => vm.truthy(r)?,
        None => false,
    };
    // As CPython: the list looks empty while it is being sorted.
    let orig = std::mem::take(items(l));
    let backup = orig.clone();
    match super::sort::sort_values(vm, orig, key, rev) {
        Ok(sorted) => {
            let modified = !items(l).is_empty();
            *items(l) = sorted;
            if modified {
                return Err(vm.value_error("list modified during sort"));
            }
            Ok(Value::NONE)
        }
        Err(e) => {
            *items(l) = backup;
            Err(e)
        }
    }
}

fn copy(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "list.copy", kw)?;
    check_method(vm, "list.copy", args, 0, 0)?;
    let l = this(vm, args, "copy")?;
    let c = items(l).clone();
    Ok(vm.new_list(c))
}

fn clear(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "list.clear", kw)?;
    check_method(vm, "list.clear", args, 0, 0)?;
    let l = this(vm, args, "clear")?;
    items(l).clear();
    Ok(Value::NONE)
}

fn this_tuple(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<Value> {
    match args.first() {
        Some(&v) if v.is_kind(Kind::Tuple) => Ok(v),
        other => {
            let t = other.map_or("NoneType", |v| vm.type_name(*v));
            Err(vm.type_error(&format!(
                "descriptor '{name}' for 'tuple' objects doesn't apply to a '{t}' object"
            )))
        }
    }
}

fn tuple_index(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "tuple.index", kw)?;
    check_method(vm, "tuple.index", args, 1, 3)?;
    let t = this_tuple(vm, args, "index")?;
    let n = t.as_tuple().map_or(0, |t| t.items.len());
    let (s, e) = index_range(vm, args, n)?;
    match find_in(vm, t, args[1], s, e)? {
        Some(i) => Ok(vm.new_int(i as i64)),
        None => Err(vm.value_error("tuple.index(x): x not in tuple")),
    }
}

fn tuple_count(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "tuple.count", kw)?;
    check_method(vm, "tuple.count", args, 1, 1)?;
    let t = this_tuple(vm, args, "count")?;
    count_in(vm, t, args[1])
}
