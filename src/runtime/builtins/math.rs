//! The `math` module: CPython's error conventions (`math domain error`,
//! `math range error`), int-returning `floor`/`ceil`/`trunc`, exact
//! `fsum`, and the integer functions (`isqrt gcd lcm factorial comb perm`).

use super::modules::{add_fn, set_attr};
use super::{check_args, index_arg, no_kwargs};
use crate::intern::Sym;
use crate::runtime::numfmt;
use crate::runtime::value::Value;
use crate::runtime::vm::Vm;
use crate::runtime::PyResult;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

pub fn fill(vm: &mut Vm, m: Value) {
    set_attr(vm, m, "pi", Value::from_float(std::f64::consts::PI));
    set_attr(vm, m, "e", Value::from_float(std::f64::consts::E));
    set_attr(vm, m, "tau", Value::from_float(std::f64::consts::TAU));
    set_attr(vm, m, "inf", Value::from_float(f64::INFINITY));
    set_attr(vm, m, "nan", Value::from_float(f64::NAN));
    let fns: &[(&'static str, crate::runtime::object::NativeFn)] = &[
        ("sqrt", sqrt),
        ("exp", exp),
        ("expm1", expm1),
        ("log", log),
        ("log2", log2),
        ("log10", log10),
        ("log1p", log1p),
        ("sin", sin),
        ("cos", cos),
        ("tan", tan),
        ("asin", asin),
        ("acos", acos),
        ("atan", atan),
        ("sinh", sinh),
        ("cosh", cosh),
        ("tanh", tanh),
        ("asinh", asinh),
        ("acosh", acosh),
        ("atanh", atanh),
        ("fabs", fabs),
        ("floor", floor),
        ("ceil", ceil),
        ("trunc", trunc),
        ("atan2", atan2),
        ("hypot", hypot),
        ("dist", dist),
        ("pow", pow),
        ("fmod", fmod),
        ("copysign", copysign),
        ("degrees", degrees),
        ("radians", radians),
        ("isnan", isnan),
        ("isinf", isinf),
        ("isfinite", isfinite),
        ("isclose", isclose),
        ("modf", modf),
        ("frexp", frexp),
        ("ldexp", ldexp),
        ("fsum", fsum),
        ("isqrt", isqrt),
        ("gcd", gcd),
        ("lcm", lcm),
        ("factorial", factorial),
        ("comb", comb),
        ("perm", perm),
        ("prod", prod),
    ];
    for &(n, f) in fns {
        add_fn(vm, m, n, f);
    }
    for &(n, f, ovf) in FLOAT_FNS {
        let s = vm.sym(n);
        if let Some(&b) = m.as_module().and_then(|mo| mo.attrs.get(&s)) {
            vm.float_fns.push((b, f, ovf));
        }
    }
}

/// A function of one float.
pub type FloatFn = fn(f64) -> f64;

/// The math functions of one float that JIT code may call directly
/// (`jit::helpers::float_fn`), with their `math_1` overflow flag.
const FLOAT_FNS: &[(&str, FloatFn, bool)] = &[
    ("sqrt", f64::sqrt, false),
    ("exp", f64::exp, true),
    ("sin", f64::sin, false),
    ("cos", f64::cos, false),
    ("tan", f64::tan, false),
    ("atan", f64::atan, false),
    ("fabs", f64::abs, false),
];

/// `math_1`'s result check: the error `f(x) = r` is, if any (true: a
/// range error, false: a domain error).
pub fn math_1_error(x: f64, r: f64, can_overflow: bool) -> Option<bool> {
    if r.is_nan() && !x.is_nan() {
        return Some(false);
    }
    if r.is_infinite() && x.is_finite() {
        return Some(can_overflow);
    }
    None
}

/// A float argument ("must be real number, not str" otherwise).
fn float_arg(vm: &mut Vm, v: Value) -> PyResult<f64> {
    if let Some(f) = vm.to_f64(v)? {
        return Ok(f);
    }
    if v.as_instance().is_some() {
        let s = vm.sym("__float__");
        if let Some(f) = vm.class_lookup(vm.class_of(v), s) {
            let r = vm.call(f, &[v], &[])?;
            if let Some(x) = r.as_float() {
                return Ok(x);
            }
            let (t, rt) = (vm.type_name(v), vm.type_name(r));
            return Err(vm.type_error(&format!("{t}.__float__ returned non-float (type {rt})")));
        }
    }
    let t = vm.type_name(v);
    Err(vm.type_error(&format!("must be real number, not {t}")))
}

fn domain(vm: &mut Vm) -> crate::runtime::Raised {
    vm.value_error("math domain error")
}

fn range(vm: &mut Vm) -> crate::runtime::Raised {
    vm.overflow_error("math range error")
}

/// CPython's `math_1`: one float argument, NaN from non-NaN is a domain
/// error, infinity from finite is a range (or domain) error.
fn math_1(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &[(Sym, Value)],
    f: fn(f64) -> f64,
    can_overflow: bool,
) -> PyResult<Value> {
    no_kwargs(vm, name, kw)?;
    if args.len() != 1 {
        check_args(vm, format_args!("math.{name}"), args, 1, 1)?;
    }
    let x = float_arg(vm, args[0])?;
    let r = f(x);
    match math_1_error(x, r, can_overflow) {
        Some(true) => Err(range(vm)),
        Some(false) => Err(domain(vm)),
        None => Ok(Value::from_float(r)),
    }
}

macro_rules! unary {
    ($($name:ident = $f:expr, $ovf:expr;)*) => {
        $(fn $name(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
            math_1(vm, stringify!($name), args, kw, $f, $ovf)
        })*
    };
}

unary! {
    sqrt = f64::sqrt, false;
    exp = f64::exp, true;
    expm1 = f64::exp_m1, true;
    sin = f64::sin, false;
    cos = f64::cos, false;
    tan = f64::tan, false;
    asin = f64::asin, false;
    acos = f64::acos, false;
    atan = f64::atan, false;
    sinh = f64::sinh, true;
    cosh = f64::cosh, true;
    tanh = f64::tanh, false;
    asinh = f64::asinh, false;
    acosh = f64::acosh, false;
    atanh = f64::atanh, false;
    fabs = f64::abs, false;
}

fn degrees(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "degrees", kw)?;
    check_args(vm, "math.degrees", args, 1, 1)?;
    let x = float_arg(vm, args[0])?;
    Ok(Value::from_float(x * (180.0 / std::f64::consts::PI)))
}

fn radians(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "radians", kw)?;
    check_args(vm, "math.radians", args, 1, 1)?;
    let x = float_arg(vm, args[0])?;
    Ok(Value::from_float(x * (std::f64::consts::PI / 180.0)))
}

/// `func(x)` for log-like functions, huge ints included (CPython's `loghelper`).
fn log_of(vm: &mut Vm, v: Value, f: fn(f64) -> f64) -> PyResult<f64> {
    if let Some(b) = v.as_bigint() {
        if !b.is_positive() {
            return Err(domain(vm));
        }
        if let Some(x) = numfmt::bigint_to_f64(b) {
            return Ok(f(x));
        }
        // x = m * 2**e with 0.5 <= m < 1.
        let e = b.bits() as i64;
        let shift = e - 60;
        let top = (b >> (shift as usize)).to_u64().unwrap_or(1) as f64;
        let m = top / (1u64 << 60) as f64;
        return Ok(f(m) + f(2.0) * e as f64);
    }
    let x = float_arg(vm, v)?;
    if x.is_nan() {
        return Ok(x);
    }
    if x <= 0.0 {
        return Err(domain(vm));
    }
    Ok(f(x))
}

fn log(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "log", kw)?;
    if args.is_empty() || args.len() > 2 {
        return Err(vm.type_error("math.log requires 1 to 2 arguments"));
    }
    let num = log_of(vm, args[0], f64::ln)?;
    if let Some(&b) = args.get(1) {
        let den = log_of(vm, b, f64::ln)?;
        if den == 0.0 {
            return Err(vm.zero_division("float division by zero"));
        }
        return Ok(Value::from_float(num / den));
    }
    Ok(Value::from_float(num))
}

fn log2(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "log2", kw)?;
    check_args(vm, "math.log2", args, 1, 1)?;
    Ok(Value::from_float(log_of(vm, args[0], f64::log2)?))
}

fn log10(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "log10", kw)?;
    check_args(vm, "math.log10", args, 1, 1)?;
    Ok(Value::from_float(log_of(vm, args[0], f64::log10)?))
}

fn log1p(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    math_1(vm, "log1p", args, kw, f64::ln_1p, false)
}

/// floor/ceil: ints pass through, floats round to an int, instances use the dunder.
fn round_to_int(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &[(Sym, Value)],
    f: fn(f64) -> f64,
) -> PyResult<Value> {
    no_kwargs(vm, name, kw)?;
    check_args(vm, format_args!("math.{name}"), args, 1, 1)?;
    let v = args[0];
    if v.is_bool() {
        return Ok(Value::from_small((v.0 & 1) as i64));
    }
    if vm.is_int(v) {
        return Ok(v);
    }
    if v.as_instance().is_some() {
        let s = vm.sym(&format!("__{name}__"));
        if let Some(m) = vm.class_lookup(vm.class_of(v), s) {
            return vm.call(m, &[v], &[]);
        }
    }
    let x = float_arg(vm, v)?;
    float_to_int(vm, f(x))
}

fn float_to_int(vm: &mut Vm, x: f64) -> PyResult<Value> {
    match numfmt::float_to_bigint(x) {
        Some(b) => Ok(vm.new_bigint(b)),
        None if x.is_nan() => Err(vm.value_error("cannot convert float NaN to integer")),
        None => Err(vm.overflow_error("cannot convert float infinity to integer")),
    }
}

fn floor(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    round_to_int(vm, "floor", args, kw, f64::floor)
}

fn ceil(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    round_to_int(vm, "ceil", args, kw, f64::ceil)
}

fn trunc(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "trunc", kw)?;
    check_args(vm, "math.trunc", args, 1, 1)?;
    let v = args[0];
    if v.is_bool() {
        return Ok(Value::from_small((v.0 & 1) as i64));
    }
    if vm.is_int(v) {
        return Ok(v);
    }
    if let Some(x) = v.as_float() {
        return float_to_int(vm, x);
    }
    if v.as_instance().is_some() {
        let s = vm.sym("__trunc__");
        if let Some(m) = vm.class_lookup(vm.class_of(v), s) {
            return vm.call(m, &[v], &[]);
        }
    }
    let t = vm.type_name(v);
    Err(vm.type_error(&format!("type {t} doesn't define __trunc__ method")))
}

fn two_floats(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &[(Sym, Value)],
) -> PyResult<(f64, f64)> {
    no_kwargs(vm, name, kw)?;
    check_args(vm, name, args, 2, 2)?;
    let x = float_arg(vm, args[0])?;
    let y = float_arg(vm, args[1])?;
    Ok((x, y))
}

fn atan2(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    let (y, x) = two_floats(vm, "atan2", args, kw)?;
    Ok(Value::from_float(y.atan2(x)))
}

fn copysign(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    let (x, y) = two_floats(vm, "copysign", args, kw)?;
    Ok(Value::from_float(x.copysign(y)))
}

fn fmod(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    let (x, y) = two_floats(vm, "fmod", args, kw)?;
    if y.is_infinite() && x.is_finite() {
        return Ok(Value::from_float(x));
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain(vm));
    }
    Ok(Value::from_float(r))
}

fn pow(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    let (x, y) = two_floats(vm, "pow", args, kw)?;
    if !x.is_finite() || !y.is_finite() {
        // C99 Annex F special cases, as CPython.
        let r = if x.is_nan() {
            if y == 0.0 {
                1.0
            } else {
                x
            }
        } else if y.is_nan() {
            if x == 1.0 {
                1.0
            } else {
                y
            }
        } else {
            x.powf(y)
        };
        return Ok(Value::from_float(r));
    }
    if x == 0.0 && y < 0.0 {
        return Err(domain(vm));
    }
    if x < 0.0 && y.fract() != 0.0 {
        return Err(domain(vm));
    }
    let r = x.powf(y);
    if r.is_infinite() {
        return Err(range(vm));
    }
    Ok(Value::from_float(r))
}

/// CPython 3.11's `vector_norm`: the Euclidean norm of `vec` (absolute
/// values, `max` their maximum) with extended-precision accumulation.
fn vector_norm(vec: &[f64], max: f64, found_nan: bool) -> f64 {
    const T27: f64 = 134217729.0;
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (mut csum, mut frac1, mut frac2, mut frac3) = (1.0f64, 0.0f64, 0.0f64, 0.0f64);
    let max_e = frexp_exp(max);
    if max_e >= -1023 {
        let scale = pow2(-max_e);
        for &v in vec {
            let x = v * scale;
            let t = x * T27;
            let hi = t - (t - x);
            let lo = x - hi;
            let x = hi * hi;
            let old = csum;
            csum += x;
            frac1 += (old - csum) + x;
            let x = 2.0 * hi * lo;
            let old = csum;
            csum += x;
            frac2 += (old - csum) + x;
            frac3 += lo * lo;
        }
        let h = (csum - 1.0 + (frac1 + frac2 + frac3)).sqrt();
        let t = h * T27;
        let hi = t - (t - h);
        let lo = h - hi;
        let x = -hi * hi;
        let old = csum;
        csum += x;
        frac1 += (old - csum) + x;
        let x = -2.0 * hi * lo;
        let old = csum;
        csum += x;
        frac2 += (old - csum) + x;
        let x = -lo * lo;
        let old = csum;
        csum += x;
        frac3 += (old - csum) + x;
        let x = csum - 1.0 + (frac1 + frac2 + frac3);
        return (h + x / (2.0 * h)) / scale;
    }
    for &v in vec {
        let x = v / max;
        let x = x * x;
        let old = csum;
        csum += x;
        frac1 += (old - csum) + x;
    }
    max * (csum - 1.0 + frac1).sqrt()
}

/// `2**k` exactly (`ldexp(1.0, k)`), subnormals included.
fn pow2(k: i32) -> f64 {
    if (-1022..=1023).contains(&k) {
        f64::from_bits(((k + 1023) as u64) << 52)
    } else if (-1074..-1022).contains(&k) {
        f64::from_bits(1u64 << (k + 1074))
    } else if k > 0 {
        f64::INFINITY
    } else {
        0.0
    }
}

/// The exponent of `frexp(x)` (x finite, non-zero).
fn frexp_exp(x: f64) -> i32 {
    let bits = x.abs().to_bits();
    let e = ((bits >> 52) & 0x7ff) as i32;
    if e == 0 {
        // Subnormal.
        let lz = (bits << 12).leading_zeros() as i32;
        return -1022 - lz;
    }
    e - 1022
}

fn norm_of(xs: &[f64]) -> f64 {
    let mut max = 0.0f64;
    let mut nan = false;
    for &x in xs {
        nan |= x.is_nan();
        if x > max {
            max = x;
        }
    }
    vector_norm(xs, max, nan)
}

fn hypot(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "hypot", kw)?;
    let mut xs = Vec::with_capacity(args.len());
    for &a in args {
        xs.push(float_arg(vm, a)?.abs());
    }
    Ok(Value::from_float(norm_of(&xs)))
}

fn dist(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "dist", kw)?;
    check_args(vm, "dist", args, 2, 2)?;
    let mut pts = Vec::with_capacity(2);
    for (i, &a) in args.iter().enumerate() {
        if !matches!(
            a.kind(),
            Some(crate::runtime::object::Kind::Tuple | crate::runtime::object::Kind::List)
        ) {
            let t = vm.type_name(a);
            return Err(vm.type_error(&format!("dist() argument {} must be tuple, not {t}", i + 1)));
        }
        let items = vm.seq_items(a);
        let mut xs = Vec::with_capacity(items.len());
        for x in items {
            xs.push(float_arg(vm, x)?);
        }
        pts.push(xs);
    }
    if pts[0].len() != pts[1].len() {
        return Err(vm.value_error("both points must have the same number of dimensions"));
    }
    let diffs: Vec<f64> = pts[0]
        .iter()
        .zip(&pts[1])
        .map(|(p, q)| (p - q).abs())
        .collect();
    Ok(Value::from_float(norm_of(&diffs)))
}

fn pred(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &[(Sym, Value)],
    f: fn(f64) -> bool,
) -> PyResult<Value> {
    no_kwargs(vm, name, kw)?;
    check_args(vm, format_args!("math.{name}"), args, 1, 1)?;
    let x = float_arg(vm, args[0])?;
    Ok(Value::from_bool(f(x)))
}

fn isnan(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    pred(vm, "isnan", args, kw, f64::is_nan)
}

fn isinf(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    pred(vm, "isinf", args, kw, f64::is_infinite)
}

fn isfinite(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    pred(vm, "isfinite", args, kw, f64::is_finite)
}

fn isclose(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    check_args(vm, "isclose", args, 2, 2)?;
    let a = float_arg(vm, args[0])?;
    let b = float_arg(vm, args[1])?;
    let mut rel = 1e-9;
    let mut abs = 0.0;
    for &(k, v) in kw {
        let kn = vm.sym_str(k);
        match kn.as_str() {
            "rel_tol" => rel = float_arg(vm, v)?,
            "abs_tol" => abs = float_arg(vm, v)?,
            _ => {
                return Err(vm.type_error(&format!(
                    "isclose() got an unexpected keyword argument '{kn}'"
                )))
            }
        }
    }
    if rel < 0.0 || abs < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if a == b {
        return Ok(Value::TRUE);
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(Value::FALSE);
    }
    let d = (b - a).abs();
    Ok(Value::from_bool(
        (d <= (rel * b).abs()) || (d <= (rel * a).abs()) || d <= abs,
    ))
}

fn modf(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "modf", kw)?;
    check_args(vm, "math.modf", args, 1, 1)?;
    let x = float_arg(vm, args[0])?;
    let (f, i) = if x.is_infinite() {
        (0.0f64.copysign(x), x)
    } else {
        let i = x.trunc();
        ((x - i).copysign(x), i)
    };
    Ok(vm.new_tuple(vec![Value::from_float(f), Value::from_float(i)]))
}

fn frexp(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "frexp", kw)?;
    check_args(vm, "math.frexp", args, 1, 1)?;
    let x = float_arg(vm, args[0])?;
    if x == 0.0 || !x.is_finite() {
        return Ok(vm.new_tuple(vec![Value::from_float(x), Value::from_small(0)]));
    }
    let mut e = 0i64;
    let mut m = x.abs();
    while m >= 1.0 {
        m /= 2.0;
        e += 1;
    }
    while m < 0.5 {
        m *= 2.0;
        e -= 1;
    }
    Ok(vm.new_tuple(vec![Value::from_float(m.copysign(x)), Value::from_small(e)]))
}

fn ldexp(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "ldexp", kw)?;
    check_args(vm, "ldexp", args, 2, 2)?;
    let x = float_arg(vm, args[0])?;
    let e = match vm.to_bigint(args[1]) {
        Some(b) => b
            .to_i64()
            .unwrap_or(if b.is_negative() { i64::MIN } else { i64::MAX }),
        None => return Err(vm.type_error("Expected an int as second argument to ldexp.")),
    };
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::from_float(x));
    }
    let e = e.clamp(-2200, 2200) as i32;
    // Scale in steps so intermediate powers stay finite.
    let mut r = x;
    let mut k = e;
    while k > 1000 {
        r *= 2f64.powi(1000);
        k -= 1000;
    }
    while k < -1000 {
        r *= 2f64.powi(-1000);
        k += 1000;
    }
    r *= 2f64.powi(k);
    if r.is_infinite() {
        return Err(range(vm));
    }
    Ok(Value::from_float(r))
}

/// `math.fsum`: Shewchuk's exact summation, as CPython's `math_fsum`.
fn fsum(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "fsum", kw)?;
    check_args(vm, "math.fsum", args, 1, 1)?;
    let items = vm.collect_iterable(args[0])?;
    let mut xs = Vec::with_capacity(items.len());
    let l = vm.new_list(items);
    vm.roots.push(l);
    let n = l.as_list().map_or(0, |l| l.items.len());
    let mut r = Ok(());
    for i in 0..n {
        let v = l.as_list().map_or(Value::NONE, |l| l.items[i]);
        match float_arg(vm, v) {
            Ok(x) => xs.push(x),
            Err(e) => {
                r = Err(e);
                break;
            }
        }
    }
    vm.roots.pop();
    r?;
    let mut partials: Vec<f64> = Vec::new();
    let mut special_sum = 0.0f64;
    let mut inf_sum = 0.0f64;
    for mut x in xs {
        let xsave = x;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                // A non-finite x could come from overflow of finite inputs.
                if xsave.is_finite() {
                    return Err(vm.overflow_error("intermediate overflow in fsum"));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                partials.clear();
            } else {
                partials.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return Err(vm.value_error("-inf + inf in fsum"));
        }
        return Ok(Value::from_float(special_sum));
    }
    let mut hi = 0.0f64;
    let mut n = partials.len();
    if n > 0 {
        n -= 1;
        hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(Value::from_float(hi))
}

/// An int argument as a BigInt ("'float' object cannot be interpreted as an integer").
fn int_arg(vm: &mut Vm, v: Value) -> PyResult<BigInt> {
    if let Some(b) = vm.to_bigint(v) {
        return Ok(b);
    }
    index_arg(vm, v).map(BigInt::from)
}

fn isqrt(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "isqrt", kw)?;
    check_args(vm, "math.isqrt", args, 1, 1)?;
    let n = int_arg(vm, args[0])?;
    if n.is_negative() {
        return Err(vm.value_error("isqrt() argument must be nonnegative"));
    }
    Ok(vm.new_bigint(n.sqrt()))
}

fn gcd(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "gcd", kw)?;
    let mut g = BigInt::zero();
    for &a in args {
        let x = int_arg(vm, a)?;
        g = g.gcd(&x);
    }
    Ok(vm.new_bigint(g))
}

fn lcm(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "lcm", kw)?;
    let mut l = BigInt::one();
    for &a in args {
        let x = int_arg(vm, a)?;
        if x.is_zero() || l.is_zero() {
            l = BigInt::zero();
        } else {
            l = l.lcm(&x);
        }
    }
    Ok(vm.new_bigint(l.abs()))
}

fn factorial(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "factorial", kw)?;
    check_args(vm, "math.factorial", args, 1, 1)?;
    let n = int_arg(vm, args[0])?;
    if n.is_negative() {
        return Err(vm.value_error("factorial() not defined for negative values"));
    }
    let Some(n) = n.to_u64().filter(|&n| n <= 1_000_000) else {
        return Err(vm.overflow_error("factorial() argument should not exceed 9223372036854775807"));
    };
    let mut r = BigInt::one();
    for i in 2..=n {
        r *= i;
    }
    Ok(vm.new_bigint(r))
}

fn comb_perm(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &[(Sym, Value)],
    comb: bool,
) -> PyResult<Value> {
    no_kwargs(vm, name, kw)?;
    check_args(vm, name, args, if comb { 2 } else { 1 }, 2)?;
    let n = int_arg(vm, args[0])?;
    let k = match args.get(1) {
        Some(v) if !v.is_none() || comb => int_arg(vm, *v)?,
        _ => n.clone(),
    };
    if n.is_negative() {
        return Err(vm.value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(vm.value_error("k must be a non-negative integer"));
    }
    if k > n {
        return Ok(Value::from_small(0));
    }
    let Some(kk) = k.to_u64().filter(|&k| k <= 1_000_000) else {
        return Err(vm.overflow_error(&format!("{name}() argument too large")));
    };
    let kk = if comb {
        kk.min((&n - &k).to_u64().unwrap_or(kk))
    } else {
        kk
    };
    let mut r = BigInt::one();
    for i in 0..kk {
        r *= &n - BigInt::from(i);
        if comb {
            r /= BigInt::from(i + 1);
        }
    }
    Ok(vm.new_bigint(r))
}

fn comb(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    comb_perm(vm, "comb", args, kw, true)
}

fn perm(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    comb_perm(vm, "perm", args, kw, false)
}

fn prod(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    check_args(vm, "prod", args, 1, 1)?;
    let start = match super::kwarg(vm, kw, "start") {
        Some(s) => s,
        None => Value::from_small(1),
    };
    super::only_kwargs(vm, "prod", kw, &["start"])?;
    let holder = vm.new_list(vec![start]);
    vm.roots.push(holder);
    let r = super::iterators::for_each(vm, args[0], &mut |vm, x| {
        let acc = holder.as_list().map_or(Value::NONE, |h| h.items[0]);
        let next = vm.binary_op(crate::bytecode::BinOp::Mul, acc, x)?;
        if let Some(h) = holder.as_list() {
            h.items[0] = next;
        }
        Ok(true)
    });
    vm.roots.pop();
    r?;
    Ok(holder.as_list().map_or(Value::NONE, |h| h.items[0]))
}
