//! Arithmetic: the numeric tower (unboxed int → big int, bool as int, float),
//! sequence concatenation and repetition, user dunders, and CPython's error
//! messages. The interpreter inlines the small-int and float fast paths and
//! calls `binary_op` for everything else.

use super::numfmt;
use super::object::Kind;
use super::value::{fits_small, Value};
use super::vm::Vm;
use super::PyResult;
use crate::bytecode::{BinOp, UnOp};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

/// A numeric operand.
pub enum Num {
    Int(BigInt),
    Float(f64),
}

impl Vm {
    /// The int value of an int or bool (None for other types).
    pub fn to_bigint(&self, v: Value) -> Option<BigInt> {
        if let Some(i) = v.as_small() {
            Some(BigInt::from(i))
        } else if v.is_bool() {
            Some(BigInt::from(v.0 & 1))
        } else {
            v.as_bigint().cloned()
        }
    }

    /// The value as an i64 if it is an int or bool that fits.
    pub fn to_i64(&self, v: Value) -> Option<i64> {
        if let Some(i) = v.as_small() {
            Some(i)
        } else if v.is_bool() {
            Some((v.0 & 1) as i64)
        } else {
            v.as_bigint().and_then(|b| b.to_i64())
        }
    }

    /// True for int, bool and big int values.
    pub fn is_int(&self, v: Value) -> bool {
        v.is_small_int() || v.is_bool() || v.is_kind(Kind::BigInt)
    }

    /// The value as a float if it is a number (OverflowError for huge ints).
    pub fn to_f64(&mut self, v: Value) -> PyResult<Option<f64>> {
        if let Some(f) = v.as_float() {
            return Ok(Some(f));
        }
        if let Some(i) = self.to_i64(v) {
            return Ok(Some(i as f64));
        }
        if let Some(b) = v.as_bigint() {
            return match numfmt::bigint_to_f64(b) {
                Some(f) => Ok(Some(f)),
                None => Err(self.overflow_error("int too large to convert to float")),
            };
        }
        Ok(None)
    }

    /// `a op b` for any operands (the generic path).
    pub fn binary_op(&mut self, op: BinOp, a: Value, b: Value) -> PyResult<Value> {
        self.binary_op_as(op, a, b, false)
    }

    /// `binary_op`; `inplace` names the operator `op=` in the TypeError.
    fn binary_op_as(&mut self, op: BinOp, a: Value, b: Value, inplace: bool) -> PyResult<Value> {
        if self.is_int(a) && self.is_int(b) {
            if let (Some(x), Some(y)) = (self.to_i64(a), self.to_i64(b)) {
                if a.is_bool() && b.is_bool() && matches!(op, BinOp::And | BinOp::Or | BinOp::Xor) {
                    let r = match op {
                        BinOp::And => x & y,
                        BinOp::Or => x | y,
                        _ => x ^ y,
                    };
                    return Ok(Value::from_bool(r != 0));
                }
                if let Some(r) = self.small_int_op(op, x, y)? {
                    return Ok(r);
                }
            }
            let (x, y) = (
                self.to_bigint(a).unwrap_or_default(),
                self.to_bigint(b).unwrap_or_default(),
            );
            return self.big_int_op(op, &x, &y);
        }
        let numeric =
            |v: Value| v.is_float() || v.is_small_int() || v.is_bool() || v.is_kind(Kind::BigInt);
        if numeric(a)
            && numeric(b)
            && !matches!(
                op,
                BinOp::LShift | BinOp::RShift | BinOp::And | BinOp::Or | BinOp::Xor
            )
        {
            if op == BinOp::Pow && self.is_int(b) && a.is_float() {
                // float ** int keeps float semantics
            }
            let x = self.to_f64(a)?.unwrap_or(0.0);
            let y = self.to_f64(b)?.unwrap_or(0.0);
            return self.float_op(op, x, y);
        }
        self.sequence_or_dunder_op(op, a, b, inplace)
    }

    /// Int arithmetic on machine ints; None when the result needs a big int.
    pub fn small_int_op(&mut self, op: BinOp, x: i64, y: i64) -> PyResult<Option<Value>> {
        let r = match op {
            BinOp::Add => x.checked_add(y),
            BinOp::Sub => x.checked_sub(y),
            BinOp::Mul => x.checked_mul(y),
            BinOp::FloorDiv => {
                if y == 0 {
                    return Err(self.zero_division("integer division or modulo by zero"));
                }
                x.checked_div_euclid(y).map(|_| Integer::div_floor(&x, &y))
            }
            BinOp::Mod => {
                if y == 0 {
                    return Err(self.zero_division("integer modulo by zero"));
                }
                x.checked_rem(y).map(|_| x.mod_floor(&y))
            }
            BinOp::TrueDiv => {
                if y == 0 {
                    return Err(self.zero_division("division by zero"));
                }
                if x.unsigned_abs() < (1 << 53) && y.unsigned_abs() < (1 << 53) {
                    return Ok(Some(Value::from_float(x as f64 / y as f64)));
                }
                let r = numfmt::int_true_div(&BigInt::from(x), &BigInt::from(y))
                    .map_err(|e| self.num_error(e))?;
                return Ok(Some(Value::from_float(r)));
            }
            BinOp::Pow => {
                if y < 0 {
                    if x == 0 {
                        return Err(self.zero_division("0.0 cannot be raised to a negative power"));
                    }
                    return self.float_op(BinOp::Pow, x as f64, y as f64).map(Some);
                }
                u32::try_from(y).ok().and_then(|e| x.checked_pow(e))
            }
            BinOp::LShift => {
                if y < 0 {
                    return Err(self.value_error("negative shift count"));
                }
                if x == 0 {
                    Some(0)
                } else if y < 63 && (x.unsigned_abs() < (1u64 << (62 - y))) {
                    Some(x << y)
                } else {
                    None
                }
            }
            BinOp::RShift => {
                if y < 0 {
                    return Err(self.value_error("negative shift count"));
                }
                Some(if y >= 64 {
                    if x < 0 {
                        -1
                    } else {
                        0
                    }
                } else {
                    x >> y
                })
            }
            BinOp::And => Some(x & y),
            BinOp::Or => Some(x | y),
            BinOp::Xor => Some(x ^ y),
        };
        Ok(r.map(|r| {
            if fits_small(r) {
                Value::from_small(r)
            } else {
                self.new_bigint(BigInt::from(r))
            }
        }))
    }

    fn big_int_op(&mut self, op: BinOp, x: &BigInt, y: &BigInt) -> PyResult<Value> {
        let r = match op {
            BinOp::Add => x + y,
            BinOp::Sub => x - y,
            BinOp::Mul => x * y,
            BinOp::FloorDiv => {
                if y.is_zero() {
                    return Err(self.zero_division("integer division or modulo by zero"));
                }
                x.div_floor(y)
            }
            BinOp::Mod => {
                if y.is_zero() {
                    return Err(self.zero_division("integer modulo by zero"));
                }
                x.mod_floor(y)
            }
            BinOp::TrueDiv => {
                if y.is_zero() {
                    return Err(self.zero_division("division by zero"));
                }
                let r = numfmt::int_true_div(x, y).map_err(|e| self.num_error(e))?;
                return Ok(Value::from_float(r));
            }
            BinOp::Pow => {
                if y.is_negative() {
                    if x.is_zero() {
                        return Err(self.zero_division("0.0 cannot be raised to a negative power"));
                    }
                    let fx = self.bigint_f64(x)?;
                    let fy = self.bigint_f64(y)?;
                    return self.float_op(BinOp::Pow, fx, fy);
                }
                let e = match y.to_u32() {
                    Some(e) => e,
                    None if x.is_zero() || x == &BigInt::from(1) => {
                        return Ok(self.new_bigint(x.clone()))
                    }
                    None if x == &BigInt::from(-1) => {
                        let odd = y.is_odd();
                        return Ok(Value::from_small(if odd { -1 } else { 1 }));
                    }
                    None => return Err(self.overflow_error("exponent too large")),
                };
                num_traits::pow::Pow::pow(x, e)
            }
            BinOp::LShift => {
                if y.is_negative() {
                    return Err(self.value_error("negative shift count"));
                }
                match y.to_usize() {
                    Some(s) if s < (1 << 32) => x << s,
                    _ if x.is_zero() => BigInt::zero(),
                    _ => return Err(self.overflow_error("too many digits in integer")),
                }
            }
            BinOp::RShift => {
                if y.is_negative() {
                    return Err(self.value_error("negative shift count"));
                }
                match y.to_usize() {
                    Some(s) => x >> s,
                    None => BigInt::from(if x.is_negative() { -1 } else { 0 }),
                }
            }
            BinOp::And => x & y,
            BinOp::Or => x | y,
            BinOp::Xor => x ^ y,
        };
        Ok(self.new_bigint(r))
    }

    fn bigint_f64(&mut self, x: &BigInt) -> PyResult<f64> {
        match numfmt::bigint_to_f64(x) {
            Some(f) => Ok(f),
            None => Err(self.overflow_error("int too large to convert to float")),
        }
    }

    /// Turns a numfmt error into the matching Python exception.
    pub fn num_error(&mut self, e: numfmt::NumError) -> super::Raised {
        let msg = e.message().to_string();
        let cls = match e.class_name() {
            "OverflowError" => self.cls.overflow_error,
            "ZeroDivisionError" => self.cls.zero_division_error,
            "TypeError" => self.cls.type_error,
            _ => self.cls.value_error,
        };
        self.raise_msg(cls, &msg)
    }

    /// Float arithmetic with CPython's semantics and messages.
    pub fn float_op(&mut self, op: BinOp, x: f64, y: f64) -> PyResult<Value> {
        let r = match op {
            BinOp::Add => x + y,
            BinOp::Sub => x - y,
            BinOp::Mul => x * y,
            BinOp::TrueDiv => {
                if y == 0.0 {
                    return Err(self.zero_division("float division by zero"));
                }
                x / y
            }
            BinOp::FloorDiv => {
                if y == 0.0 {
                    return Err(self.zero_division("float floor division by zero"));
                }
                numfmt::float_floor_div(x, y)
            }
            BinOp::Mod => {
                if y == 0.0 {
                    return Err(self.zero_division("float modulo"));
                }
                numfmt::float_mod(x, y)
            }
            BinOp::Pow => return self.float_pow(x, y),
            _ => {
                let msg = format!(
                    "unsupported operand type(s) for {}: 'float' and 'float'",
                    op.symbol()
                );
                return Err(self.type_error(&msg));
            }
        };
        Ok(Value::from_float(r))
    }

    fn float_pow(&mut self, x: f64, y: f64) -> PyResult<Value> {
        if x == 0.0 && y < 0.0 {
            return Err(self.zero_division("0.0 cannot be raised to a negative power"));
        }
        if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
            return Err(self.value_error(
                "complex results of negative numbers raised to fractional powers are not supported by basil",
            ));
        }
        let r = x.powf(y);
        if r.is_infinite() && x.is_finite() && y.is_finite() {
            return Err(self.overflow_error("(34, 'Numerical result out of range')"));
        }
        Ok(Value::from_float(r))
    }

    /// Sequence `+`/`*`, user dunders, and the TypeError.
    fn sequence_or_dunder_op(
        &mut self,
        op: BinOp,
        a: Value,
        b: Value,
        inplace: bool,
    ) -> PyResult<Value> {
        match (op, a.kind(), b.kind()) {
            (BinOp::Add, Some(Kind::Str), Some(Kind::Str)) => {
                let (x, y) = (a.as_str().unwrap_or(""), b.as_str().unwrap_or(""));
                let mut s = String::with_capacity(x.len() + y.len());
                s.push_str(x);
                s.push_str(y);
                return Ok(self.new_str_owned(s));
            }
            (BinOp::Add, Some(Kind::List), Some(Kind::List)) => {
                let mut v = a.as_list().map(|l| l.items.clone()).unwrap_or_default();
                v.extend_from_slice(&b.as_list().map(|l| l.items.clone()).unwrap_or_default());
                return Ok(self.new_list(v));
            }
            (BinOp::Add, Some(Kind::Tuple), Some(Kind::Tuple)) => {
                let mut v = a.as_tuple().map(|t| t.items.to_vec()).unwrap_or_default();
                v.extend_from_slice(&b.as_tuple().map(|t| t.items.to_vec()).unwrap_or_default());
                return Ok(self.new_tuple(v));
            }
            (BinOp::Mul, Some(k), _)
                if matches!(k, Kind::Str | Kind::List | Kind::Tuple) && self.is_int(b) =>
            {
                return self.repeat(a, b);
            }
            (BinOp::Mul, _, Some(k))
                if matches!(k, Kind::Str | Kind::List | Kind::Tuple) && self.is_int(a) =>
            {
                return self.repeat(b, a);
            }
            _ => {}
        }
        if op == BinOp::Mod {
            if let Some(fmt) = a.as_str() {
                let s = super::builtins::percent_format(self, fmt, b)?;
                return Ok(self.new_str_owned(s));
            }
        }
        if let Some(r) = self.try_dunder_binary(op, a, b)? {
            return Ok(r);
        }
        Err(self.binary_type_error(op, a, b, inplace))
    }

    /// `a op b` (`a op= b` when `inplace`) after JIT code called `a`'s own
    /// dunder method and got `NotImplemented`: `__i<op>__` (`called_iop`),
    /// after which the whole binary protocol runs; or `__<op>__`, after
    /// which `b`'s reflected method is tried before the TypeError.
    pub fn binary_after_left(
        &mut self,
        op: BinOp,
        a: Value,
        b: Value,
        inplace: bool,
        called_iop: bool,
    ) -> PyResult<Value> {
        if called_iop {
            return self.binary_op_as(op, a, b, true);
        }
        if b.as_instance().is_some() {
            let rname = format!("__r{}", dunder_tail(op));
            let s = self.sym(&rname);
            let f = self.class_lookup(self.class_of(b), s);
            if let Some(r) = self.call_binary_method(f, b, a)? {
                return Ok(r);
            }
        }
        Err(self.binary_type_error(op, a, b, inplace))
    }

    /// The TypeError of a binary operation no operand supports.
    fn binary_type_error(&mut self, op: BinOp, a: Value, b: Value, inplace: bool) -> super::Raised {
        let (ta, tb) = (self.type_name(a), self.type_name(b));
        let msg = match (op, a.kind()) {
            (BinOp::Add, Some(Kind::Str)) => {
                format!("can only concatenate str (not \"{tb}\") to str")
            }
            (BinOp::Add, Some(Kind::List)) => {
                format!("can only concatenate list (not \"{tb}\") to list")
            }
            (BinOp::Add, Some(Kind::Tuple)) => {
                format!("can only concatenate tuple (not \"{tb}\") to tuple")
            }
            (BinOp::Mul, Some(Kind::Str | Kind::List | Kind::Tuple)) => {
                format!("can't multiply sequence by non-int of type '{tb}'")
            }
            (BinOp::Mul, _) if matches!(b.kind(), Some(Kind::Str | Kind::List | Kind::Tuple)) => {
                format!("can't multiply sequence by non-int of type '{ta}'")
            }
            _ => format!(
                "unsupported operand type(s) for {}{}: '{ta}' and '{tb}'",
                op.symbol(),
                if inplace { "=" } else { "" }
            ),
        };
        self.type_error(&msg)
    }

    fn repeat(&mut self, seq: Value, n: Value) -> PyResult<Value> {
        let n = match self.to_i64(n) {
            Some(n) => n.max(0) as usize,
            None => return Err(self.overflow_error("cannot fit 'int' into an index-sized integer")),
        };
        if let Some(s) = seq.as_str() {
            if s.len().saturating_mul(n) > (1 << 34) {
                let c = self.cls.memory_error;
                return Err(self.raise_msg(c, ""));
            }
            return Ok(self.new_str_owned(s.repeat(n)));
        }
        let items: Vec<Value> = match seq.kind() {
            Some(Kind::List) => seq.as_list().map(|l| l.items.clone()).unwrap_or_default(),
            _ => seq.as_tuple().map(|t| t.items.to_vec()).unwrap_or_default(),
        };
        if items.len().saturating_mul(n) > (1 << 32) {
            let c = self.cls.memory_error;
            return Err(self.raise_msg(c, ""));
        }
        // `repeat` copies in doubling blocks.
        let out = items.repeat(n);
        Ok(if seq.is_kind(Kind::List) {
            self.new_list(out)
        } else {
            self.new_tuple(out)
        })
    }

    /// `__add__`/`__radd__` and friends on instances.
    fn try_dunder_binary(&mut self, op: BinOp, a: Value, b: Value) -> PyResult<Option<Value>> {
        let (name, rname) = match op {
            BinOp::Add => ("__add__", "__radd__"),
            BinOp::Sub => ("__sub__", "__rsub__"),
            BinOp::Mul => ("__mul__", "__rmul__"),
            BinOp::TrueDiv => ("__truediv__", "__rtruediv__"),
            BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__"),
            BinOp::Mod => ("__mod__", "__rmod__"),
            BinOp::Pow => ("__pow__", "__rpow__"),
            BinOp::LShift => ("__lshift__", "__rlshift__"),
            BinOp::RShift => ("__rshift__", "__rrshift__"),
            BinOp::And => ("__and__", "__rand__"),
            BinOp::Or => ("__or__", "__ror__"),
            BinOp::Xor => ("__xor__", "__rxor__"),
        };
        let rsym = self.sym(rname);
        // A right operand of a proper subclass that overrides the reflected
        // method goes first (CPython's `method_is_overloaded` rule).
        let mut reflected_tried = false;
        if let (Some(ia), Some(ib)) = (a.as_instance(), b.as_instance()) {
            if ia.class != ib.class && self.is_subclass(ib.class, ia.class) {
                let mine = self.class_lookup(ib.class, rsym);
                if mine.is_some() && mine != self.class_lookup(ia.class, rsym) {
                    reflected_tried = true;
                    if let Some(r) = self.call_binary_method(mine, b, a)? {
                        return Ok(Some(r));
                    }
                }
            }
        }
        if a.as_instance().is_some() {
            let s = self.sym(name);
            let f = self.class_lookup(self.class_of(a), s);
            if let Some(r) = self.call_binary_method(f, a, b)? {
                return Ok(Some(r));
            }
        }
        if b.as_instance().is_some() && !reflected_tried {
            let f = self.class_lookup(self.class_of(b), rsym);
            if let Some(r) = self.call_binary_method(f, b, a)? {
                return Ok(Some(r));
            }
        }
        Ok(None)
    }

    /// `f(x, y)` when `f` is a method: its result, or None for
    /// `NotImplemented` (or no method).
    fn call_binary_method(
        &mut self,
        f: Option<Value>,
        x: Value,
        y: Value,
    ) -> PyResult<Option<Value>> {
        let Some(f) = f else {
            return Ok(None);
        };
        let r = self.call(f, &[x, y], &[])?;
        Ok((r != self.not_implemented()).then_some(r))
    }

    /// The `NotImplemented` singleton.
    pub fn not_implemented(&self) -> Value {
        self.builtins
            .get(&self.s.not_implemented)
            .copied()
            .unwrap_or(Value::NULL)
    }

    /// `a op= b`: lists mutate in place for `+=` and `*=`.
    pub fn inplace_op(&mut self, op: BinOp, a: Value, b: Value) -> PyResult<Value> {
        if let Some(l) = a.as_list() {
            if op == BinOp::Add {
                let items = self.collect_iterable(b)?;
                l.items.extend_from_slice(&items);
                return Ok(a);
            }
            if op == BinOp::Mul && self.is_int(b) {
                let n = self.to_i64(b).unwrap_or(0).max(0) as usize;
                let items = l.items.clone();
                l.items.clear();
                for _ in 0..n {
                    l.items.extend_from_slice(&items);
                }
                return Ok(a);
            }
        }
        if a.as_instance().is_some() {
            let name = format!("__i{}", &dunder_tail(op));
            let s = self.sym(&name);
            if let Some(f) = self.class_lookup(self.class_of(a), s) {
                let r = self.call(f, &[a, b], &[])?;
                if r != self.not_implemented() {
                    return Ok(r);
                }
            }
        }
        self.binary_op_as(op, a, b, true)
    }

    /// `-x`, `+x`, `~x`, `not x`.
    pub fn unary_op(&mut self, op: UnOp, v: Value) -> PyResult<Value> {
        if op == UnOp::Not {
            return Ok(Value::from_bool(!self.truthy(v)?));
        }
        if let Some(i) = self.to_i64(v) {
            let r = match op {
                UnOp::Neg => i.checked_neg(),
                UnOp::Pos => Some(i),
                _ => Some(!i),
            };
            return Ok(match r {
                Some(r) => self.new_int(r),
                None => self.new_bigint(-BigInt::from(i)),
            });
        }
        if let Some(b) = v.as_bigint() {
            let r = match op {
                UnOp::Neg => -b,
                UnOp::Pos => b.clone(),
                _ => -(b + BigInt::from(1)),
            };
            return Ok(self.new_bigint(r));
        }
        if let Some(f) = v.as_float() {
            match op {
                UnOp::Neg => return Ok(Value::from_float(-f)),
                UnOp::Pos => return Ok(v),
                _ => {}
            }
        }
        if v.as_instance().is_some() {
            let name = match op {
                UnOp::Neg => "__neg__",
                UnOp::Pos => "__pos__",
                _ => "__invert__",
            };
            let s = self.sym(name);
            if let Some(f) = self.class_lookup(self.class_of(v), s) {
                return self.call(f, &[v], &[]);
            }
        }
        let sym = match op {
            UnOp::Neg => "-",
            UnOp::Pos => "+",
            _ => "~",
        };
        let t = self.type_name(v);
        Err(self.type_error(&format!("bad operand type for unary {sym}: '{t}'")))
    }
}

fn dunder_tail(op: BinOp) -> String {
    let s = match op {
        BinOp::Add => "add__",
        BinOp::Sub => "sub__",
        BinOp::Mul => "mul__",
        BinOp::TrueDiv => "truediv__",
        BinOp::FloorDiv => "floordiv__",
        BinOp::Mod => "mod__",
        BinOp::Pow => "pow__",
        BinOp::LShift => "lshift__",
        BinOp::RShift => "rshift__",
        BinOp::And => "and__",
        BinOp::Or => "or__",
        BinOp::Xor => "xor__",
    };
    s.to_string()
}
