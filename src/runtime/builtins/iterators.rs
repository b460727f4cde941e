//! Builtins that make or drive iterators: `iter`, `next`, `enumerate`,
//! `zip`, `reversed`, `map`, `filter`, `sorted`, `any`, `all`, and the
//! `for_each` helper the other builtins use to walk an iterable safely.

use super::{add_function, check_args, kwarg, no_kwargs, only_kwargs};
use crate::intern::Sym;
use crate::runtime::object::*;
use crate::runtime::value::Value;
use crate::runtime::vm::Vm;
use crate::runtime::PyResult;

pub fn install(vm: &mut Vm) {
    add_function(vm, "iter", iter);
    add_function(vm, "next", next);
    add_function(vm, "enumerate", enumerate);
    add_function(vm, "zip", zip);
    add_function(vm, "reversed", reversed);
    add_function(vm, "map", map);
    add_function(vm, "filter", filter);
    add_function(vm, "sorted", sorted);
    add_function(vm, "any", any);
    add_function(vm, "all", all);
}

/// Calls `f` on every item of `iterable` until it returns `Ok(false)` or an
/// error. Lists and tuples are walked by index (a list may change size);
/// any other iterator is kept rooted while `f` runs. Items passed to `f` are
/// rooted by their container or iterator only: `f` must root what it keeps.
pub fn for_each(
    vm: &mut Vm,
    iterable: Value,
    f: &mut dyn FnMut(&mut Vm, Value) -> PyResult<bool>,
) -> PyResult<()> {
    match iterable.kind() {
        Some(Kind::List) => {
            vm.roots.push(iterable);
            let mut i = 0;
            let r = loop {
                let Some(x) = iterable.as_list().and_then(|l| l.items.get(i).copied()) else {
                    break Ok(());
                };
                i += 1;
                // `f` may remove x from the list: keep it rooted meanwhile.
                vm.roots.push(x);
                let r = f(vm, x);
                vm.roots.pop();
                match r {
                    Ok(true) => {}
                    Ok(false) => break Ok(()),
                    Err(e) => break Err(e),
                }
            };
            vm.roots.pop();
            r
        }
        Some(Kind::Tuple) => {
            vm.roots.push(iterable);
            let n = iterable.as_tuple().map_or(0, |t| t.items.len());
            let mut r = Ok(());
            for i in 0..n {
                let x = iterable.as_tuple().map_or(Value::NONE, |t| t.items[i]);
                match f(vm, x) {
                    Ok(true) => {}
                    Ok(false) => break,
                    Err(e) => {
                        r = Err(e);
                        break;
                    }
                }
            }
            vm.roots.pop();
            r
        }
        _ => {
            let it = vm.get_iter(iterable)?;
            vm.roots.push(it);
            let r = loop {
                match vm.next(it) {
                    Ok(Some(x)) => {
                        vm.roots.push(x);
                        let r = f(vm, x);
                        vm.roots.pop();
                        match r {
                            Ok(true) => {}
                            Ok(false) => break Ok(()),
                            Err(e) => break Err(e),
                        }
                    }
                    Ok(None) => break Ok(()),
                    Err(e) => break Err(e),
                }
            };
            vm.roots.pop();
            r
        }
    }
}

fn iter(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "iter", kw)?;
    check_args(vm, "iter", args, 1, 2)?;
    if args.len() == 2 {
        if !super::functions::is_callable(vm, args[0]) {
            return Err(vm.type_error("iter(v, w): v must be callable"));
        }
        return Ok(vm.new_iter(IterState::CallIter {
            func: args[0],
            sentinel: args[1],
        }));
    }
    let it = vm.get_iter(args[0])?;
    if !it.is_kind(Kind::Iter) && it.as_instance().is_some() {
        let s = vm.sym("__next__");
        if vm.class_lookup(vm.class_of(it), s).is_none() {
            let t = vm.type_name(it);
            return Err(vm.type_error(&format!("iter() returned non-iterator of type '{t}'")));
        }
    }
    Ok(it)
}

fn next(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "next", kw)?;
    check_args(vm, "next", args, 1, 2)?;
    let it = args[0];
    let is_iter = it.is_kind(Kind::Iter)
        || (it.as_instance().is_some() && {
            let s = vm.sym("__next__");
            vm.class_lookup(vm.class_of(it), s).is_some()
        });
    if !is_iter {
        let t = vm.type_name(it);
        return Err(vm.type_error(&format!("'{t}' object is not an iterator")));
    }
    match vm.next(it)? {
        Some(v) => Ok(v),
        None => match args.get(1) {
            Some(&d) => Ok(d),
            None => {
                let c = vm.cls.stop_iteration;
                let e = vm.new_exception(c, Vec::new());
                vm.exc = e;
                Err(crate::runtime::Raised)
            }
        },
    }
}

fn enumerate(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    let a = super::bind_args(vm, "enumerate", args, kw, &["iterable", "start"], 1)?;
    let start = match a[1] {
        None => Value::from_small(0),
        Some(s) if vm.is_int(s) => {
            if s.is_bool() {
                Value::from_small((s.0 & 1) as i64)
            } else {
                s
            }
        }
        Some(s) => {
            let t = vm.type_name(s);
            return Err(vm.type_error(&format!("'{t}' object cannot be interpreted as an integer")));
        }
    };
    let it = vm.get_iter(a[0].unwrap_or(Value::NONE))?;
    Ok(vm.new_iter(IterState::Enumerate { it, count: start }))
}

fn zip(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    if let Some(&(k, _)) = kw.first() {
        let n = vm.sym_str(k);
        if n == "strict" {
            return Err(vm.type_error("zip(strict=True) is not supported by basil"));
        }
        return Err(vm.type_error(&format!("zip() got an unexpected keyword argument '{n}'")));
    }
    let base = vm.roots.len();
    let mut its = Vec::with_capacity(args.len());
    for &a in args {
        match vm.get_iter(a) {
            Ok(it) => {
                vm.roots.push(it);
                its.push(it);
            }
            Err(e) => {
                vm.roots.truncate(base);
                return Err(e);
            }
        }
    }
    vm.roots.truncate(base);
    Ok(vm.new_iter(IterState::Zip { its }))
}

fn reversed(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "reversed", kw)?;
    if args.len() != 1 {
        let n = args.len();
        return Err(vm.type_error(&format!("reversed expected 1 argument, got {n}")));
    }
    let v = args[0];
    match v.kind() {
        Some(Kind::List) | Some(Kind::Tuple) | Some(Kind::Str) => {
            let n = vm.len(v)?;
            Ok(vm.new_iter(IterState::Reversed { seq: v, idx: n }))
        }
        Some(Kind::Range) => {
            let r = v.as_range().expect("range");
            let n = crate::runtime::container::range_len(r.start, r.stop, r.step) as i64;
            if n == 0 {
                return Ok(vm.new_iter(IterState::Range {
                    cur: 0,
                    stop: 0,
                    step: 1,
                }));
            }
            let last = r.start.saturating_add((n - 1).saturating_mul(r.step));
            let stop = r.start.saturating_sub(r.step);
            let step = r.step.saturating_neg();
            Ok(vm.new_iter(IterState::Range {
                cur: last,
                stop,
                step,
            }))
        }
        Some(Kind::Dict) | Some(Kind::DictView) => {
            let items = vm.collect_iterable(v)?;
            let n = items.len();
            let l = vm.new_list(items);
            Ok(vm.new_iter(IterState::Reversed { seq: l, idx: n }))
        }
        Some(Kind::Instance) => {
            let s = vm.sym("__reversed__");
            if let Some(f) = vm.class_lookup(vm.class_of(v), s) {
                return vm.call(f, &[v], &[]);
            }
            let g = vm.sym("__getitem__");
            let l = vm.sym("__len__");
            let c = vm.class_of(v);
            if vm.class_lookup(c, g).is_some() && vm.class_lookup(c, l).is_some() {
                let n = vm.len(v)?;
                return Ok(vm.new_iter(IterState::Reversed { seq: v, idx: n }));
            }
            let t = vm.type_name(v);
            Err(vm.type_error(&format!("'{t}' object is not reversible")))
        }
        _ => {
            let t = vm.type_name(v);
            Err(vm.type_error(&format!("'{t}' object is not reversible")))
        }
    }
}

fn map(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "map", kw)?;
    if args.len() < 2 {
        return Err(vm.type_error("map() must have at least two arguments."));
    }
    let base = vm.roots.len();
    let mut its = Vec::with_capacity(args.len() - 1);
    for &a in &args[1..] {
        match vm.get_iter(a) {
            Ok(it) => {
                vm.roots.push(it);
                its.push(it);
            }
            Err(e) => {
                vm.roots.truncate(base);
                return Err(e);
            }
        }
    }
    vm.roots.truncate(base);
    Ok(vm.new_iter(IterState::Map { func: args[0], its }))
}

fn filter(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "filter", kw)?;
    check_args(vm, "filter", args, 2, 2)?;
    let it = vm.get_iter(args[1])?;
    Ok(vm.new_iter(IterState::Filter { func: args[0], it }))
}

/// `next()` for the iterator states that the builtins add (map, filter,
/// `iter(callable, sentinel)`).
pub fn next_extra(vm: &mut Vm, it: Value) -> PyResult<Option<Value>> {
    let Some(io) = it.as_iter() else {
        return Ok(None);
    };
    match &io.state {
        IterState::Map { func, its } => {
            let (func, its) = (*func, its.clone());
            let base = vm.roots.len();
            let mut items = Vec::with_capacity(its.len());
            for i in its {
                match vm.next(i) {
                    Ok(Some(x)) => {
                        vm.roots.push(x);
                        items.push(x);
                    }
                    Ok(None) => {
                        vm.roots.truncate(base);
                        return Ok(None);
                    }
                    Err(e) => {
                        vm.roots.truncate(base);
                        return Err(e);
                    }
                }
            }
            let r = vm.call(func, &items, &[]);
            vm.roots.truncate(base);
            r.map(Some)
        }
        IterState::Filter { func, it: inner } => {
            let (func, inner) = (*func, *inner);
            loop {
                let Some(x) = vm.next(inner)? else {
                    return Ok(None);
                };
                vm.roots.push(x);
                let keep = if func.is_none() {
                    vm.truthy(x)
                } else {
                    match vm.call(func, &[x], &[]) {
                        Ok(r) => {
                            vm.roots.push(r);
                            let t = vm.truthy(r);
                            vm.roots.pop();
                            t
                        }
                        Err(e) => Err(e),
                    }
                };
                vm.roots.pop();
                if keep? {
                    return Ok(Some(x));
                }
            }
        }
        IterState::CallIter { func, sentinel } => {
            let (func, sentinel) = (*func, *sentinel);
            if func.is_null() {
                return Ok(None);
            }
            let v = vm.call(func, &[], &[])?;
            vm.roots.push(v);
            let done = vm.eq(v, sentinel);
            vm.roots.pop();
            if done? {
                if let Some(io) = it.as_iter() {
                    if let IterState::CallIter { func, .. } = &mut io.state {
                        *func = Value::NULL;
                    }
                }
                return Ok(None);
            }
            Ok(Some(v))
        }
        _ => Ok(None),
    }
}

fn sorted(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    if args.len() != 1 {
        let n = args.len();
        return Err(vm.type_error(&format!("sorted expected 1 argument, got {n}")));
    }
    only_kwargs(vm, "sort", kw, &["key", "reverse"])?;
    let key = kwarg(vm, kw, "key").unwrap_or(Value::NONE);
    let reverse = match kwarg(vm, kw, "reverse") {
        Some(r) => vm.truthy(r)?,
        None => false,
    };
    let items = vm.collect_iterable(args[0])?;
    // No safepoint before sort_values roots the items in a list of its own.
    let sorted = super::sort::sort_values(vm, items, key, reverse)?;
    Ok(vm.new_list(sorted))
}

fn any_all(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &[(Sym, Value)],
    want: bool,
) -> PyResult<Value> {
    no_kwargs(vm, name, kw)?;
    check_args(vm, name, args, 1, 1)?;
    let mut found = false;
    for_each(vm, args[0], &mut |vm, x| {
        if vm.truthy(x)? == want {
            found = true;
            return Ok(false);
        }
        Ok(true)
    })?;
    Ok(Value::from_bool(if want { found } else { !found }))
}

fn any(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    any_all(vm, "any", args, kw, true)
}

fn all(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    any_all(vm, "all", args, kw, false)
}
