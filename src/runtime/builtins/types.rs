//! Constructors of the builtin types: `int()`, `float()`, `str()`, `bool()`,
//! `list()`, `tuple()`, `dict()`, `range()`, `type()`, `object()` and
//! `super()`.

use super::{bind_args, check_args, index_arg, no_kwargs};
use crate::intern::Sym;
use crate::runtime::convert::str_repr;
use crate::runtime::dict::Dict;
use crate::runtime::numfmt;
use crate::runtime::object::*;
use crate::runtime::value::Value;
use crate::runtime::vm::Vm;
use crate::runtime::PyResult;

pub fn install(vm: &mut Vm) {
    // `object.__init__`, so that `super().__init__()` reaches object. It is
    // wrapped like `add_repr` (instantiate() skips builtin `__init__`s).
    let o = vm.cls.object;
    super::add_repr(vm, o, "__init__", object_init);
    let s = vm.sym("__init__");
    let r = vm.sym("__repr__");
    if let Some(c) = o.as_class() {
        if let Some(m) = c.dict.shift_remove(&r) {
            c.dict.insert(s, m);
        }
    }
}

/// `object.__init__`: called as `[None, self, args...]` by instantiation of
/// a class without `__init__`, or `[None, args...]` through `super()`.
fn object_init(vm: &mut Vm, args: &[Value], kwargs: &[(Sym, Value)]) -> PyResult<Value> {
    let rest = args.get(1..).unwrap_or(&[]);
    if rest.is_empty() && kwargs.is_empty() {
        return Ok(Value::NONE);
    }
    let init = vm.sym("__init__");
    let own = vm.class_lookup(vm.cls.object, init);
    if let Some(&first) = rest.first() {
        let cls = vm.class_of(first);
        if first.as_instance().is_some() && vm.class_lookup(cls, init) == own {
            if rest.len() > 1 || !kwargs.is_empty() {
                let n = cls.as_class().and_then(|c| c.name.as_str()).unwrap_or("?");
                return Err(vm.type_error(&format!("{n}() takes no arguments")));
            }
            return Ok(Value::NONE);
        }
    }
    Err(vm.type_error("object.__init__() takes exactly one argument (the instance to initialize)"))
}

/// Calls builtin type `cls` (tagged `bt`) as a constructor.
pub fn construct(
    vm: &mut Vm,
    cls: Value,
    bt: BuiltinType,
    args: &[Value],
    kwargs: &[(Sym, Value)],
) -> PyResult<Value> {
    match bt {
        BuiltinType::Int => new_int(vm, args, kwargs),
        BuiltinType::Float => new_float(vm, args, kwargs),
        BuiltinType::Str => new_str(vm, args, kwargs),
        BuiltinType::Bool => {
            no_kwargs(vm, "bool", kwargs)?;
            check_args(vm, "bool", args, 0, 1)?;
            match args.first() {
                None => Ok(Value::FALSE),
                Some(&v) => Ok(Value::from_bool(vm.truthy(v)?)),
            }
        }
        BuiltinType::List => {
            no_kwargs(vm, "list", kwargs)?;
            check_args(vm, "list", args, 0, 1)?;
            let items = match args.first() {
                None => Vec::new(),
                Some(&v) => vm.collect_iterable(v)?,
            };
            Ok(vm.new_list(items))
        }
        BuiltinType::Tuple => {
            no_kwargs(vm, "tuple", kwargs)?;
            check_args(vm, "tuple", args, 0, 1)?;
            match args.first() {
                None => Ok(vm.empty_tuple),
                Some(&v) => vm.tuple_from_iterable(v),
            }
        }
        BuiltinType::Dict => {
            check_args(vm, "dict", args, 0, 1)?;
            let d = vm.new_dict(Dict::new());
            vm.roots.push(d);
            let r = fill_dict(vm, d, args.first().copied(), kwargs);
            vm.roots.pop();
            r?;
            Ok(d)
        }
        BuiltinType::Range => new_range(vm, args, kwargs),
        BuiltinType::Type => {
            no_kwargs(vm, "type", kwargs)?;
            match args.len() {
                1 => Ok(vm.class_of(args[0])),
                3 => Err(vm.type_error("type() with 3 arguments is not supported by basil")),
                _ => Err(vm.type_error("type() takes 1 or 3 arguments")),
            }
        }
        BuiltinType::Object => {
            if !args.is_empty() || !kwargs.is_empty() {
                return Err(vm.type_error("object() takes no arguments"));
            }
            let root = cls.as_class().map_or(0, |c| c.root_shape);
            Ok(vm.heap.alloc(
                InstanceObj {
                    h: ObjHeader::new(Kind::Instance),
                    class: cls,
                    shape: std::cell::Cell::new(root),
                    slots: Vec::new(),
                    exc: None,
                },
                0,
            ))
        }
        BuiltinType::Super => new_super(vm, args, kwargs),
        BuiltinType::Slice => {
            no_kwargs(vm, "slice", kwargs)?;
            check_args(vm, "slice", args, 1, 3)?;
            Ok(match args {
                [stop] => vm.new_slice(Value::NONE, *stop, Value::NONE),
                [start, stop] => vm.new_slice(*start, *stop, Value::NONE),
                _ => vm.new_slice(args[0], args[1], args[2]),
            })
        }
        _ => {
            let n = cls.as_class().and_then(|c| c.name.as_str()).unwrap_or("?");
            Err(vm.type_error(&format!("cannot create '{n}' instances")))
        }
    }
}

/// `repr(s)` cut to 200 characters, as CPython's `%.200R`.
fn repr200(s: &str) -> String {
    str_repr(s).chars().take(200).collect()
}

/// Calls `__int__`/`__index__`/`__trunc__` of an instance, checking the result.
fn instance_to_int(vm: &mut Vm, v: Value) -> PyResult<Option<Value>> {
    if v.as_instance().is_none() {
        return Ok(None);
    }
    for name in ["__int__", "__index__", "__trunc__"] {
        let s = vm.sym(name);
        if let Some(f) = vm.class_lookup(vm.class_of(v), s) {
            let r = vm.call(f, &[v], &[])?;
            if !vm.is_int(r) {
                let t = vm.type_name(r);
                return Err(vm.type_error(&format!("{name} returned non-int (type {t})")));
            }
            if r.is_bool() {
                return Ok(Some(Value::from_small((r.0 & 1) as i64)));
            }
            return Ok(Some(r));
        }
    }
    Ok(None)
}

/// `int(s, base)` for a str.
pub fn int_from_str(vm: &mut Vm, s: &str, base: u32) -> PyResult<Value> {
    match numfmt::parse_int(s, base) {
        Ok(b) => Ok(vm.new_bigint(b)),
        Err(numfmt::ParseIntError::Invalid) => {
            let r = repr200(s);
            Err(vm.value_error(&format!("invalid literal for int() with base {base}: {r}")))
        }
        Err(e) => {
            let m = e.message(s, base);
            Err(vm.value_error(&m))
        }
    }
}

fn new_int(vm: &mut Vm, args: &[Value], kwargs: &[(Sym, Value)]) -> PyResult<Value> {
    if args.len() > 2 {
        let n = args.len();
        return Err(vm.type_error(&format!("int() takes at most 2 arguments ({n} given)")));
    }
    let mut base_v = args.get(1).copied();
    for &(k, v) in kwargs {
        let kn = vm.sym_str(k);
        if kn == "base" && base_v.is_none() {
            base_v = Some(v);
        } else if kn == "base" {
            return Err(vm.type_error("argument for int() given by name ('base') and position (2)"));
        } else {
            return Err(vm.type_error(&format!("'{kn}' is an invalid keyword argument for int()")));
        }
    }
    let Some(&x) = args.first() else {
        if base_v.is_some() {
            return Err(vm.type_error("int() missing string argument"));
        }
        return Ok(Value::from_small(0));
    };
    if let Some(bv) = base_v {
        let base = if bv.as_bigint().is_some() {
            -1
        } else {
            index_arg(vm, bv)?
        };
        if base != 0 && !(2..=36).contains(&base) {
            return Err(vm.value_error("int() base must be >= 2 and <= 36, or 0"));
        }
        let Some(s) = x.as_str() else {
            return Err(vm.type_error("int() can't convert non-string with explicit base"));
        };
        return int_from_str(vm, s, base as u32);
    }
    if x.is_bool() {
        return Ok(Value::from_small((x.0 & 1) as i64));
    }
    if vm.is_int(x) {
        return Ok(x);
    }
    if let Some(f) = x.as_float() {
        return match numfmt::float_to_bigint(f) {
            Some(b) => Ok(vm.new_bigint(b)),
            None if f.is_nan() => Err(vm.value_error("cannot convert float NaN to integer")),
            None => Err(vm.overflow_error("cannot convert float infinity to integer")),
        };
    }
    if let Some(s) = x.as_str() {
        return int_from_str(vm, s, 10);
    }
    if let Some(r) = instance_to_int(vm, x)? {
        return Ok(r);
    }
    let t = vm.type_name(x);
    Err(vm.type_error(&format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{t}'"
    )))
}

/// `float(s)` for a str.
pub fn float_from_str(vm: &mut Vm, s: &str) -> PyResult<f64> {
    match numfmt::parse_float(s) {
        Ok(f) => Ok(f),
        Err(()) => {
            let r = str_repr(s);
            Err(vm.value_error(&format!("could not convert string to float: {r}")))
        }
    }
}

fn new_float(vm: &mut Vm, args: &[Value], kwargs: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "float", kwargs)?;
    check_args(vm, "float", args, 0, 1)?;
    let Some(&x) = args.first() else {
        return Ok(Value::from_float(0.0));
    };
    if x.is_float() {
        return Ok(x);
    }
    if let Some(f) = vm.to_f64(x)? {
        return Ok(Value::from_float(f));
    }
    if let Some(s) = x.as_str() {
        let f = float_from_str(vm, s)?;
        return Ok(Value::from_float(f));
    }
    if x.as_instance().is_some() {
        let s = vm.sym("__float__");
        if let Some(f) = vm.class_lookup(vm.class_of(x), s) {
            let r = vm.call(f, &[x], &[])?;
            if !r.is_float() {
                let (t, rt) = (vm.type_name(x), vm.type_name(r));
                return Err(vm.type_error(&format!("{t}.__float__ returned non-float (type {rt})")));
            }
            return Ok(r);
        }
        let s = vm.sym("__index__");
        if let Some(f) = vm.class_lookup(vm.class_of(x), s) {
            let r = vm.call(f, &[x], &[])?;
            if let Some(fl) = vm.to_f64(r)?.filter(|_| vm.is_int(r)) {
                return Ok(Value::from_float(fl));
            }
            let t = vm.type_name(r);
            return Err(vm.type_error(&format!("__index__ returned non-int (type {t})")));
        }
    }
    let t = vm.type_name(x);
    Err(vm.type_error(&format!(
        "float() argument must be a string or a real number, not '{t}'"
    )))
}

fn new_str(vm: &mut Vm, args: &[Value], kwargs: &[(Sym, Value)]) -> PyResult<Value> {
    let a = bind_args(
        vm,
        "str",
        args,
        kwargs,
        &["object", "encoding", "errors"],
        0,
    )?;
    match a[0] {
        None => Ok(vm.empty_str),
        Some(v) if a[1].is_some() || a[2].is_some() => {
            for (i, which) in [(1, "encoding"), (2, "errors")] {
                if let Some(e) = a[i].filter(|e| !e.is_kind(Kind::Str)) {
                    let t = super::clinic_type_name(vm, e);
                    return Err(
                        vm.type_error(&format!("str() argument '{which}' must be str, not {t}"))
                    );
                }
            }
            if v.is_kind(Kind::Str) {
                return Err(vm.type_error("decoding str is not supported"));
            }
            let t = vm.type_name(v);
            Err(vm.type_error(&format!(
                "decoding to str: need a bytes-like object, {t} found"
            )))
        }
        Some(v) => {
            if v.is_kind(Kind::Str) {
                return Ok(v);
            }
            let s = vm.str(v)?;
            Ok(vm.new_str_owned(s))
        }
    }
}

/// Fills dict `d` from `dict(src, **kwargs)` / `d.update(src, **kwargs)`.
pub fn fill_dict(
    vm: &mut Vm,
    d: Value,
    src: Option<Value>,
    kwargs: &[(Sym, Value)],
) -> PyResult<()> {
    if let Some(src) = src {
        if let Some(sd) = src.as_dict() {
            let entries: Vec<(Value, Value)> = sd.d.iter().collect();
            for (k, v) in entries {
                vm.dict_set(d, k, v)?;
            }
        } else if src.is_kind(Kind::Instance) && {
            let s = vm.sym("keys");
            vm.class_lookup(vm.class_of(src), s).is_some()
        } {
            let s = vm.sym("keys");
            let keys_f = vm.getattr(src, s)?;
            let keys = vm.call(keys_f, &[], &[])?;
            vm.roots.push(keys);
            let r = super::iterators::for_each(vm, keys, &mut |vm, k| {
                let v = vm.subscr(src, k)?;
                vm.dict_set(d, k, v)?;
                Ok(true)
            });
            vm.roots.pop();
            r?;
        } else {
            let mut i = 0usize;
            super::iterators::for_each(vm, src, &mut |vm, item| {
                let pair = match item.kind() {
                    Some(Kind::Tuple) | Some(Kind::List) => vm.seq_items(item),
                    Some(Kind::Str) | Some(Kind::Dict) | Some(Kind::DictView)
                    | Some(Kind::Iter) | Some(Kind::Range) => vm.collect_iterable(item)?,
                    Some(Kind::Instance) => {
                        let s = vm.sym("__iter__");
                        if vm.class_lookup(vm.class_of(item), s).is_none() {
                            return Err(vm.type_error(&format!(
                                "cannot convert dictionary update sequence element #{i} to a sequence"
                            )));
                        }
                        vm.collect_iterable(item)?
                    }
                    _ => {
                        return Err(vm.type_error(&format!(
                            "cannot convert dictionary update sequence element #{i} to a sequence"
                        )));
                    }
                };
                if pair.len() != 2 {
                    return Err(vm.value_error(&format!(
                        "dictionary update sequence element #{i} has length {}; 2 is required",
                        pair.len()
                    )));
                }
                vm.roots.push(pair[0]);
                vm.roots.push(pair[1]);
                let r = vm.dict_set(d, pair[0], pair[1]);
                vm.roots.pop();
                vm.roots.pop();
                r?;
                i += 1;
                Ok(true)
            })?;
        }
    }
    for &(k, v) in kwargs {
        let ks = vm.sym_str(k);
        let kv = vm.new_str_owned(ks);
        vm.dict_set(d, kv, v)?;
    }
    Ok(())
}

fn range_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if let Some(i) = vm.to_i64(v) {
        return Ok(i);
    }
    if v.as_bigint().is_some() {
        return Err(vm.overflow_error("Python int too large to convert to C ssize_t"));
    }
    index_arg(vm, v)
}

fn new_range(vm: &mut Vm, args: &[Value], kwargs: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "range", kwargs)?;
    check_args(vm, "range", args, 1, 3)?;
    let (start, stop, step) = match args.len() {
        1 => (0, range_arg(vm, args[0])?, 1),
        2 => (range_arg(vm, args[0])?, range_arg(vm, args[1])?, 1),
        _ => {
            let a = range_arg(vm, args[0])?;
            let b = range_arg(vm, args[1])?;
            let c = range_arg(vm, args[2])?;
            if c == 0 {
                return Err(vm.value_error("range() arg 3 must not be zero"));
            }
            (a, b, c)
        }
    };
    Ok(vm.heap.alloc(
        RangeObj {
            h: ObjHeader::new(Kind::Range),
            start,
            stop,
            step,
        },
        0,
    ))
}

fn new_super(vm: &mut Vm, args: &[Value], kwargs: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "super", kwargs)?;
    check_args(vm, "super", args, 0, 2)?;
    let (class, obj) = match args.len() {
        0 => {
            let Some(frame) = vm.frames.last().copied() else {
                return Err(vm.runtime_error("super(): no arguments"));
            };
            let argcount = vm
                .codes
                .get(frame.code as usize)
                .map_or(0, |c| c.code.argcount);
            if argcount == 0 {
                return Err(vm.runtime_error("super(): no arguments"));
            }
            let class = frame
                .func
                .as_function()
                .map_or(Value::NONE, |f| f.class.get());
            if class.as_class().is_none() {
                return Err(vm.runtime_error("super(): __class__ cell not found"));
            }
            let mut obj = vm.stack.get(frame.base);
            if let Some(c) = obj.as_cell() {
                obj = c.v.get();
            }
            if obj.is_null() {
                return Err(vm.runtime_error("super(): arg[0] deleted"));
            }
            (class, obj)
        }
        1 => return Err(vm.type_error("super() with one argument is not supported by basil")),
        _ => (args[0], args[1]),
    };
    if class.as_class().is_none() {
        let t = vm.type_name(class);
        return Err(vm.type_error(&format!("super() argument 1 must be a type, not {t}")));
    }
    let ok = if obj.as_class().is_some() {
        vm.is_subclass(obj, class)
    } else {
        vm.isinstance(obj, class)
    };
    if !ok {
        return Err(vm.type_error("super(type, obj): obj must be an instance or subtype of type"));
    }
    Ok(vm.heap.alloc(
        SuperObj {
            h: ObjHeader::new(Kind::Super),
            class,
            obj,
        },
        0,
    ))
}
