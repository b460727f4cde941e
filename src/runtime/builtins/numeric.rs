//! Numeric builtins: `abs`, `round`, `divmod`, `pow`, `min`, `max`, `sum`,
//! and the methods of int and float (`bit_length`, `is_integer`).

use super::iterators::for_each;
use super::{
    add_function, add_method, bind_args, check_args, check_method, index_arg, kwarg, no_kwargs,
    only_kwargs,
};
use crate::bytecode::{BinOp, CmpOp};
use crate::intern::Sym;
use crate::runtime::numfmt;
use crate::runtime::object::Kind;
use crate::runtime::value::Value;
use crate::runtime::vm::Vm;
use crate::runtime::PyResult;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, Zero};

pub fn install(vm: &mut Vm) {
    add_function(vm, "abs", abs);
    add_function(vm, "round", round);
    add_function(vm, "divmod", divmod);
    add_function(vm, "pow", pow);
    add_function(vm, "min", min);
    add_function(vm, "max", max);
    add_function(vm, "sum", sum);
    let (int, float) = (vm.cls.int, vm.cls.float);
    add_method(vm, int, "bit_length", int_bit_length);
    add_method(vm, int, "bit_count", int_bit_count);
    add_method(vm, float, "is_integer", float_is_integer);
}

/// Calls dunder `name` of an instance with `args` (self first), if defined.
fn call_dunder(vm: &mut Vm, v: Value, name: &str, rest: &[Value]) -> PyResult<Option<Value>> {
    if v.as_instance().is_none() {
        return Ok(None);
    }
    let s = vm.sym(name);
    match vm.class_lookup(vm.class_of(v), s) {
        Some(f) => {
            let mut all = vec![v];
            all.extend_from_slice(rest);
            vm.call(f, &all, &[]).map(Some)
        }
        None => Ok(None),
    }
}

fn abs(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "abs", kw)?;
    check_args(vm, "abs", args, 1, 1)?;
    let v = args[0];
    if let Some(i) = vm.to_i64(v) {
        return Ok(match i.checked_abs() {
            Some(a) => vm.new_int(a),
            None => vm.new_bigint(BigInt::from(i).abs()),
        });
    }
    if let Some(b) = v.as_bigint() {
        let a = b.abs();
        return Ok(vm.new_bigint(a));
    }
    if let Some(f) = v.as_float() {
        return Ok(Value::from_float(f.abs()));
    }
    if let Some(r) = call_dunder(vm, v, "__abs__", &[])? {
        return Ok(r);
    }
    let t = vm.type_name(v);
    Err(vm.type_error(&format!("bad operand type for abs(): '{t}'")))
}

/// An `ndigits` argument, clamped like `PyNumber_AsSsize_t(o, NULL)`.
fn ndigits_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if let Some(b) = v.as_bigint() {
        return Ok(if b.is_negative() {
            i64::MIN / 2
        } else {
            i64::MAX / 2
        });
    }
    index_arg(vm, v)
}

fn round(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    let a = bind_args(vm, "round", args, kw, &["number", "ndigits"], 1)?;
    let x = a[0].unwrap_or(Value::NONE);
    let nd = a[1].filter(|v| !v.is_none());
    if let Some(f) = x.as_float() {
        return match nd {
            None => {
                let r = numfmt::float_round_to_int(f).map_err(|e| vm.num_error(e))?;
                Ok(vm.new_bigint(r))
            }
            Some(n) => {
                let n = ndigits_arg(vm, n)?;
                let r = numfmt::round_float(f, n).map_err(|e| vm.num_error(e))?;
                Ok(Value::from_float(r))
            }
        };
    }
    if vm.is_int(x) {
        let xi = if x.is_bool() {
            Value::from_small((x.0 & 1) as i64)
        } else {
            x
        };
        let Some(n) = nd else { return Ok(xi) };
        let n = ndigits_arg(vm, n)?;
        if n >= 0 {
            return Ok(xi);
        }
        if n < -10000 {
            return Ok(Value::from_small(0));
        }
        let b = vm.to_bigint(xi).unwrap_or_default();
        let p = num_traits::pow(BigInt::from(10), (-n) as usize);
        let (q, r) = b.div_mod_floor(&p);
        let twice = &r * 2;
        let q = if twice > p || (twice == p && q.is_odd()) {
            q + 1
        } else {
            q
        };
        return Ok(vm.new_bigint(q * p));
    }
    let rest: Vec<Value> = nd.into_iter().collect();
    if let Some(r) = call_dunder(vm, x, "__round__", &rest)? {
        return Ok(r);
    }
    let t = vm.type_name(x);
    Err(vm.type_error(&format!("type {t} doesn't define __round__ method")))
}

fn divmod(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "divmod", kw)?;
    check_args(vm, "divmod", args, 2, 2)?;
    let (a, b) = (args[0], args[1]);
    if vm.is_int(a) && vm.is_int(b) {
        let q = vm.binary_op(BinOp::FloorDiv, a, b)?;
        vm.roots.push(q);
        let r = vm.binary_op(BinOp::Mod, a, b);
        vm.roots.pop();
        let r = r?;
        return Ok(vm.new_tuple(vec![q, r]));
    }
    let num = |vm: &Vm, v: Value| v.is_float() || vm.is_int(v);
    if num(vm, a) && num(vm, b) {
        let x = vm.to_f64(a)?.unwrap_or(0.0);
        let y = vm.to_f64(b)?.unwrap_or(0.0);
        if y == 0.0 {
            return Err(vm.zero_division("float divmod()"));
        }
        let (q, r) = numfmt::float_floor_div_mod(x, y);
        return Ok(vm.new_tuple(vec![Value::from_float(q), Value::from_float(r)]));
    }
    let ni = vm.not_implemented();
    if let Some(r) = call_dunder(vm, a, "__divmod__", &[b])? {
        if r != ni {
            return Ok(r);
        }
    }
    if let Some(r) = call_dunder(vm, b, "__rdivmod__", &[a])? {
        if r != ni {
            return Ok(r);
        }
    }
    let (ta, tb) = (vm.type_name(a), vm.type_name(b));
    Err(vm.type_error(&format!(
        "unsupported operand type(s) for divmod(): '{ta}' and '{tb}'"
    )))
}

/// The inverse of `a` modulo `m` (m > 0), if any.
fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let (mut old_r, mut r) = (a.mod_floor(m), m.clone());
    let (mut old_s, mut s) = (BigInt::one(), BigInt::zero());
    while !r.is_zero() {
        let q = old_r.div_floor(&r);
        let nr = &old_r - &q * &r;
        old_r = std::mem::replace(&mut r, nr);
        let ns = &old_s - &q * &s;
        old_s = std::mem::replace(&mut s, ns);
    }
    if old_r.is_one() {
        Some(old_s.mod_floor(m))
    } else {
        None
    }
}

fn pow(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    let a = bind_args(vm, "pow", args, kw, &["base", "exp", "mod"], 2)?;
    let (base, exp) = (a[0].unwrap_or(Value::NONE), a[1].unwrap_or(Value::NONE));
    let m = a[2].filter(|v| !v.is_none());
    let Some(m) = m else {
        return vm.binary_op(BinOp::Pow, base, exp);
    };
    if !(vm.is_int(base) && vm.is_int(exp) && vm.is_int(m)) {
        if base.as_instance().is_some() {
            if let Some(r) = call_dunder(vm, base, "__pow__", &[exp, m])? {
                return Ok(r);
            }
        }
        let all_num = [base, exp, m].iter().all(|&v| v.is_float() || vm.is_int(v));
        if all_num {
            return Err(
                vm.type_error("pow() 3rd argument not allowed unless all arguments are integers")
            );
        }
        let (ta, tb, tc) = (vm.type_name(base), vm.type_name(exp), vm.type_name(m));
        return Err(vm.type_error(&format!(
            "unsupported operand type(s) for ** or pow(): '{ta}', '{tb}', '{tc}'"
        )));
    }
    let (b, e, md) = (
        vm.to_bigint(base).unwrap_or_default(),
        vm.to_bigint(exp).unwrap_or_default(),
        vm.to_bigint(m).unwrap_or_default(),
    );
    if md.is_zero() {
        return Err(vm.value_error("pow() 3rd argument cannot be 0"));
    }
    let am = md.abs();
    let mut b = b.mod_floor(&am);
    let mut e = e;
    if e.is_negative() {
        match mod_inverse(&b, &am) {
            Some(inv) => b = inv,
            None => return Err(vm.value_error("base is not invertible for the given modulus")),
        }
        e = -e;
    }
    let mut r = b.modpow(&e, &am);
    if md.is_negative() && !r.is_zero() {
        r += &md;
    }
    Ok(vm.new_bigint(r))
}

fn min(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    min_max(vm, "min", args, kw, CmpOp::Lt)
}

fn max(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    min_max(vm, "max", args, kw, CmpOp::Gt)
}

fn min_max(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &[(Sym, Value)],
    op: CmpOp,
) -> PyResult<Value> {
    if args.is_empty() {
        return Err(vm.type_error(&format!("{name} expected at least 1 argument, got 0")));
    }
    if kw.is_empty() && args.len() >= 2 {
        // Fast paths: all small ints, or all floats (same `>`/`<` semantics).
        if args.iter().all(|a| a.is_small_int()) {
            let mut best = args[0];
            for &a in &args[1..] {
                let better = if op == CmpOp::Gt {
                    a.small() > best.small()
                } else {
                    a.small() < best.small()
                };
                if better {
                    best = a;
                }
            }
            return Ok(best);
        }
        if args.iter().all(|a| a.is_float()) {
            let mut best = args[0];
            for &a in &args[1..] {
                let better = if op == CmpOp::Gt {
                    a.float() > best.float()
                } else {
                    a.float() < best.float()
                };
                if better {
                    best = a;
                }
            }
            return Ok(best);
        }
    }
    if kw.is_empty() && args.len() == 1 {
        // Fast path: a non-empty list or tuple of small ints.
        let items: Option<&[Value]> = match args[0].kind() {
            Some(Kind::List) => args[0].as_list().map(|l| &l.items[..]),
            Some(Kind::Tuple) => args[0].as_tuple().map(|t| &t.items[..]),
            _ => None,
        };
        if let Some(items) = items.filter(|i| !i.is_empty() && i.iter().all(|v| v.is_small_int())) {
            let mut best = items[0];
            for &a in &items[1..] {
                let better = if op == CmpOp::Gt {
                    a.small() > best.small()
                } else {
                    a.small() < best.small()
                };
                if better {
                    best = a;
                }
            }
            return Ok(best);
        }
    }
    only_kwargs(vm, name, kw, &["key", "default"])?;
    let key = kwarg(vm, kw, "key").filter(|k| !k.is_none());
    let default = kwarg(vm, kw, "default");
    if args.len() > 1 && default.is_some() {
        return Err(vm.type_error(&format!(
            "Cannot specify a default for {name}() with multiple positional arguments"
        )));
    }
    // holder = [best item, best key]: rooted while Python code runs.
    let holder = vm.new_list(vec![Value::NULL, Value::NULL]);
    vm.roots.push(holder);
    let tuple_args;
    let iterable = if args.len() == 1 {
        args[0]
    } else {
        tuple_args = vm.new_tuple(args.to_vec());
        tuple_args
    };
    let r = for_each(vm, iterable, &mut |vm, x| {
        let k = match key {
            Some(f) => vm.call(f, &[x], &[])?,
            None => x,
        };
        let h = holder.as_list().expect("list");
        if h.items[0].is_null() {
            h.items[0] = x;
            h.items[1] = k;
            return Ok(true);
        }
        vm.roots.push(k);
        let better = vm.compare(op, k, h.items[1]);
        vm.roots.pop();
        let better = better?;
        let better = if better.is_bool() {
            better == Value::TRUE
        } else {
            vm.truthy(better)?
        };
        if better {
            let h = holder.as_list().expect("list");
            h.items[0] = x;
            h.items[1] = k;
        }
        Ok(true)
    });
    vm.roots.pop();
    r?;
    let best = holder.as_list().map_or(Value::NULL, |h| h.items[0]);
    if best.is_null() {
        return match default {
            Some(d) => Ok(d),
            None => Err(vm.value_error(&format!("{name}() arg is an empty sequence"))),
        };
    }
    Ok(best)
}

fn sum(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    only_kwargs(vm, "sum", kw, &["start"])?;
    if args.is_empty() {
        return Err(vm.type_error("sum() takes at least 1 positional argument (0 given)"));
    }
    if args.len() > 2 {
        let n = args.len();
        return Err(vm.type_error(&format!("sum() takes at most 2 arguments ({n} given)")));
    }
    let start = match (args.get(1), kwarg(vm, kw, "start")) {
        (Some(_), Some(_)) => {
            return Err(
                vm.type_error("argument for sum() given by name ('start') and position (2)")
            );
        }
        (Some(&s), None) | (None, Some(s)) => s,
        (None, None) => Value::from_small(0),
    };
    let it = vm.get_iter(args[0])?;
    match start.kind() {
        Some(Kind::Str) => {
            return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]"))
        }
        _ if vm.type_name(start) == "bytes" => {
            return Err(vm.type_error("sum() can't sum bytes [use b''.join(seq) instead]"))
        }
        _ => {}
    }
    if let Some(total) = sum_small_ints(args[0], start) {
        return Ok(vm.new_int(total));
    }
    let holder = vm.new_list(vec![start]);
    vm.roots.push(holder);
    // Lists and tuples are walked directly; `it` serves the other iterables.
    let src = if args[0].is_kind(Kind::List) || args[0].is_kind(Kind::Tuple) {
        args[0]
    } else {
        it
    };
    let r = for_each(vm, src, &mut |vm, x| {
        let acc = holder.as_list().map_or(Value::NONE, |h| h.items[0]);
        let next = if let (Some(a), Some(b)) = (acc.as_small(), x.as_small()) {
            match a.checked_add(b) {
                Some(s) => vm.new_int(s),
                None => vm.binary_op(BinOp::Add, acc, x)?,
            }
        } else if let (Some(a), Some(b)) = (acc.as_float(), x.as_float()) {
            Value::from_float(a + b)
        } else {
            vm.binary_op(BinOp::Add, acc, x)?
        };
        if let Some(h) = holder.as_list() {
            h.items[0] = next;
        }
        Ok(true)
    });
    vm.roots.pop();
    r?;
    Ok(holder.as_list().map_or(Value::NONE, |h| h.items[0]))
}

/// `sum` of a list or tuple of unboxed ints from an unboxed start, when the
/// total fits in an `i64` (reading only: the general path runs otherwise).
fn sum_small_ints(seq: Value, start: Value) -> Option<i64> {
    let items: &[Value] = if let Some(l) = seq.as_list() {
        &l.items
    } else {
        &seq.as_tuple()?.items
    };
    items
        .iter()
        .try_fold(start.as_small()?, |acc, x| acc.checked_add(x.as_small()?))
}

fn int_bit_length(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "int.bit_length", kw)?;
    check_method(vm, "int.bit_length", args, 0, 0)?;
    let b = vm.to_bigint(args[0]).unwrap_or_default();
    Ok(vm.new_int(b.bits() as i64))
}

fn int_bit_count(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "int.bit_count", kw)?;
    check_method(vm, "int.bit_count", args, 0, 0)?;
    let b = vm.to_bigint(args[0]).unwrap_or_default();
    let n: u64 = b
        .magnitude()
        .iter_u64_digits()
        .map(|d| d.count_ones() as u64)
        .sum();
    Ok(vm.new_int(n as i64))
}

fn float_is_integer(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "float.is_integer", kw)?;
    check_method(vm, "float.is_integer", args, 0, 0)?;
    let f = args[0].as_float().unwrap_or(f64::NAN);
    Ok(Value::from_bool(f.is_finite() && f.fract() == 0.0))
}
