//! Truthiness, equality, ordering and membership, with exact int/float
//! comparison, lexicographic sequences and user `__eq__`/`__lt__`/... dunders.

use super::object::Kind;
use super::value::Value;
use super::vm::Vm;
use super::PyResult;
use crate::bytecode::CmpOp;
use num_bigint::BigInt;
use num_traits::{FromPrimitive, Zero};
use std::cmp::Ordering;

/// Compares an int with a float exactly (None if the float is NaN).
fn cmp_int_float(i: &BigInt, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let fl = f.floor();
    let fb = BigInt::from_f64(fl)?;
    match i.cmp(&fb) {
        Ordering::Equal if f > fl => Some(Ordering::Less),
        o => Some(o),
    }
}

impl Vm {
    /// `bool(v)`.
    pub fn truthy(&mut self, v: Value) -> PyResult<bool> {
        if v.is_bool() {
            return Ok(v == Value::TRUE);
        }
        if let Some(i) = v.as_small() {
            return Ok(i != 0);
        }
        if let Some(f) = v.as_float() {
            return Ok(f != 0.0);
        }
        if v.is_none() {
            return Ok(false);
        }
        Ok(match v.kind() {
            Some(Kind::Str) => !v.as_str().unwrap_or("").is_empty(),
            Some(Kind::List) => !v.as_list().is_some_and(|l| l.items.is_empty()),
            Some(Kind::Tuple) => !v.as_tuple().is_some_and(|t| t.items.is_empty()),
            Some(Kind::Dict) => !v.as_dict().is_some_and(|d| d.d.is_empty()),
            Some(Kind::BigInt) => !v.as_bigint().is_some_and(|b| b.is_zero()),
            Some(Kind::Range) | Some(Kind::DictView) => self.len(v)? != 0,
            Some(Kind::Instance) => {
                let cls = self.class_of(v);
                if let Some(f) = self.class_lookup(cls, self.s.bool_) {
                    let r = self.call(f, &[v], &[])?;
                    if !r.is_bool() {
                        let t = self.type_name(r);
                        return Err(
                            self.type_error(&format!("__bool__ should return bool, returned {t}"))
                        );
                    }
                    return Ok(r == Value::TRUE);
                }
                if let Some(f) = self.class_lookup(cls, self.s.len) {
                    let r = self.call(f, &[v], &[])?;
                    return Ok(self.to_i64(r).unwrap_or(0) != 0);
                }
                true
            }
            _ => true,
        })
    }

    /// `a == b` as a bool.
    pub fn eq(&mut self, a: Value, b: Value) -> PyResult<bool> {
        if a == b {
            // Identity implies equality, as CPython's containers assume
            // (so `[nan] == [nan]` holds while `nan == nan` does not).
            return Ok(true);
        }
        let r = self.compare(CmpOp::Eq, a, b)?;
        if r.is_bool() {
            Ok(r == Value::TRUE)
        } else {
            self.truthy(r)
        }
    }

    /// Numeric ordering, or None if either is not a number.
    fn num_cmp(&mut self, a: Value, b: Value) -> Option<Option<Ordering>> {
        let fa = a.as_float();
        let fb = b.as_float();
        match (fa, fb) {
            (Some(x), Some(y)) => Some(x.partial_cmp(&y)),
            (Some(x), None) => {
                let i = self.to_bigint(b)?;
                Some(cmp_int_float(&i, x).map(Ordering::reverse))
            }
            (None, Some(y)) => {
                let i = self.to_bigint(a)?;
                Some(cmp_int_float(&i, y))
            }
            (None, None) => {
                if let (Some(x), Some(y)) = (self.to_i64(a), self.to_i64(b)) {
                    return Some(Some(x.cmp(&y)));
                }
                let x = self.to_bigint(a)?;
                let y = self.to_bigint(b)?;
                Some(Some(x.cmp(&y)))
            }
        }
    }

    /// `a op b` for any operands.
    pub fn compare(&mut self, op: CmpOp, a: Value, b: Value) -> PyResult<Value> {
        if let Some(ord) = self.num_cmp(a, b) {
            return Ok(Value::from_bool(match ord {
                None => op == CmpOp::Ne,
                Some(o) => ord_matches(op, o),
            }));
        }
        match (a.kind(), b.kind()) {
            (Some(Kind::Str), Some(Kind::Str)) => {
                let o = a.as_str().cmp(&b.as_str());
                return Ok(Value::from_bool(ord_matches(op, o)));
            }
            (Some(Kind::List), Some(Kind::List)) | (Some(Kind::Tuple), Some(Kind::Tuple)) => {
                let x = self.seq_items(a);
                let y = self.seq_items(b);
                return self.compare_seqs(op, &x, &y);
            }
            (Some(Kind::Dict), Some(Kind::Dict)) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                let eq = self.dict_eq(a, b)?;
                return Ok(Value::from_bool(eq == (op == CmpOp::Eq)));
            }
            (Some(Kind::Range), Some(Kind::Range)) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                let x = self.seq_items(a);
                let y = self.seq_items(b);
                return self.compare_seqs(op, &x, &y);
            }
            _ => {}
        }
        if let Some(r) = self.try_dunder_compare(op, a, b)? {
            return Ok(r);
        }
        self.compare_default(op, a, b)
    }

    /// `a op b` after JIT code called `a`'s own comparison method and it
    /// returned `NotImplemented`: the rest of the protocol.
    pub fn compare_after_left(&mut self, op: CmpOp, a: Value, b: Value) -> PyResult<Value> {
        if let Some(r) = self.dunder_compare_rest(op, a, b)? {
            return Ok(r);
        }
        self.compare_default(op, a, b)
    }

    /// When no method decides: identity for `==` and `!=`, else TypeError.
    fn compare_default(&mut self, op: CmpOp, a: Value, b: Value) -> PyResult<Value> {
        match op {
            CmpOp::Eq => Ok(Value::from_bool(a == b)),
            CmpOp::Ne => Ok(Value::from_bool(a != b)),
            _ => {
                let (ta, tb) = (self.type_name(a), self.type_name(b));
                Err(self.type_error(&format!(
                    "'{}' not supported between instances of '{ta}' and '{tb}'",
                    op.symbol()
                )))
            }
        }
    }

    /// The items of a list, tuple or range (a snapshot).
    pub fn seq_items(&mut self, v: Value) -> Vec<Value> {
        match v.kind() {
            Some(Kind::List) => v.as_list().map(|l| l.items.clone()).unwrap_or_default(),
            Some(Kind::Tuple) => v.as_tuple().map(|t| t.items.to_vec()).unwrap_or_default(),
            Some(Kind::Range) => {
                let r = v.as_range().expect("range");
                let (start, stop, step) = (r.start, r.stop, r.step);
                let mut out = Vec::new();
                let mut i = start;
                while (step > 0 && i < stop) || (step < 0 && i > stop) {
                    out.push(self.new_int(i));
                    i += step;
                }
                out
            }
            _ => Vec::new(),
        }
    }

    fn compare_seqs(&mut self, op: CmpOp, x: &[Value], y: &[Value]) -> PyResult<Value> {
        if matches!(op, CmpOp::Eq | CmpOp::Ne) && x.len() != y.len() {
            return Ok(Value::from_bool(op == CmpOp::Ne));
        }
        for (&p, &q) in x.iter().zip(y.iter()) {
            if !self.eq(p, q)? {
                return match op {
                    CmpOp::Eq => Ok(Value::FALSE),
                    CmpOp::Ne => Ok(Value::TRUE),
                    _ => self.compare(op, p, q),
                };
            }
        }
        Ok(Value::from_bool(ord_matches(op, x.len().cmp(&y.len()))))
    }

    fn dict_eq(&mut self, a: Value, b: Value) -> PyResult<bool> {
        let (x, y) = (a.as_dict().expect("dict"), b.as_dict().expect("dict"));
        if x.d.len() != y.d.len() {
            return Ok(false);
        }
        let entries: Vec<(Value, Value)> = x.d.iter().collect();
        for (k, v) in entries {
            match self.dict_get(b, k)? {
                Some(w) => {
                    if !self.eq(v, w)? {
                        return Ok(false);
                    }
                }
                None => return Ok(false),
            }
        }
        Ok(true)
    }

    fn try_dunder_compare(&mut self, op: CmpOp, a: Value, b: Value) -> PyResult<Option<Value>> {
        let fwd = self.compare_method(op);
        let ni = self.not_implemented();
        // A right operand of a proper subclass goes first, with the
        // swapped method (CPython's `do_richcompare`).
        if let (Some(ia), Some(ib)) = (a.as_instance(), b.as_instance()) {
            if ia.class != ib.class && self.is_subclass(ib.class, ia.class) {
                let rev = self.compare_method(op.swapped());
                if let Some(f) = self.class_lookup(ib.class, rev) {
                    let r = self.call(f, &[b, a], &[])?;
                    if r != ni {
                        return Ok(Some(r));
                    }
                }
            }
        }
        if a.as_instance().is_some() {
            if let Some(f) = self.class_lookup(self.class_of(a), fwd) {
                let r = self.call(f, &[a, b], &[])?;
                if r != ni {
                    return Ok(Some(r));
                }
            }
        }
        self.dunder_compare_rest(op, a, b)
    }

    /// The name of comparison `op`'s method (`__lt__`, ...).
    pub fn compare_method(&self, op: CmpOp) -> crate::intern::Sym {
        let s = &self.s;
        match op {
            CmpOp::Lt => s.lt,
            CmpOp::Le => s.le,
            CmpOp::Eq => s.eq,
            CmpOp::Ne => s.ne,
            CmpOp::Gt => s.gt,
            CmpOp::Ge => s.ge,
        }
    }

    /// The comparison protocol after `a`'s own method: `b`'s reflected
    /// method, then `!=` as the inverse of `a.__eq__`.
    fn dunder_compare_rest(&mut self, op: CmpOp, a: Value, b: Value) -> PyResult<Option<Value>> {
        let rev = self.compare_method(op.swapped());
        let ni = self.not_implemented();
        if b.as_instance().is_some() {
            if let Some(f) = self.class_lookup(self.class_of(b), rev) {
                let r = self.call(f, &[b, a], &[])?;
                if r != ni {
                    return Ok(Some(r));
                }
            }
        }
        if op == CmpOp::Ne && a.as_instance().is_some() {
            // The default __ne__ inverts __eq__.
            if let Some(f) = self.class_lookup(self.class_of(a), self.s.eq) {
                let r = self.call(f, &[a, b], &[])?;
                if r != ni {
                    let t = self.truthy(r)?;
                    return Ok(Some(Value::from_bool(!t)));
                }
            }
        }
        Ok(None)
    }

    /// `item in container`.
    pub fn contains(&mut self, container: Value, item: Value) -> PyResult<bool> {
        match container.kind() {
            Some(Kind::Str) => {
                let Some(needle) = item.as_str() else {
                    let t = self.type_name(item);
                    return Err(self.type_error(&format!(
                        "'in <string>' requires string as left operand, not {t}"
                    )));
                };
                Ok(container.as_str().unwrap_or("").contains(needle))
            }
            Some(Kind::List) | Some(Kind::Tuple) => {
                let mut i = 0;
                loop {
                    let x = match container.kind() {
                        Some(Kind::List) => {
                            container.as_list().and_then(|l| l.items.get(i).copied())
                        }
                        _ => container.as_tuple().and_then(|t| t.items.get(i).copied()),
                    };
                    let Some(x) = x else { return Ok(false) };
                    if self.eq(x, item)? {
                        return Ok(true);
                    }
                    i += 1;
                }
            }
            Some(Kind::Dict) => Ok(self.dict_get(container, item)?.is_some()),
            Some(Kind::DictView) => {
                let dv = container.as_dict_view().expect("dict view");
                let (d, what) = (dv.dict, dv.what);
                match what {
                    0 => Ok(self.dict_get(d, item)?.is_some()),
                    2 => {
                        // (key, value) in items: look the key up, compare the value.
                        let Some(t) = item.as_tuple().filter(|t| t.items.len() == 2) else {
                            return Ok(false);
                        };
                        let (k, v) = (t.items[0], t.items[1]);
                        match self.dict_get(d, k)? {
                            Some(x) => self.eq(x, v),
                            None => Ok(false),
                        }
                    }
                    _ => {
                        let vals: Vec<Value> = d
                            .as_dict()
                            .map(|o| o.d.iter().map(|(_, x)| x).collect())
                            .unwrap_or_default();
                        for x in vals {
                            if self.eq(x, item)? {
                                return Ok(true);
                            }
                        }
                        Ok(false)
                    }
                }
            }
            Some(Kind::Range) => {
                let r = container.as_range().expect("range");
                let Some(i) = self.to_i64(item) else {
                    let items = self.seq_items(container);
                    for x in items {
                        if self.eq(x, item)? {
                            return Ok(true);
                        }
                    }
                    return Ok(false);
                };
                let inside = if r.step > 0 {
                    i >= r.start && i < r.stop
                } else {
                    i <= r.start && i > r.stop
                };
                Ok(inside && (i - r.start) % r.step == 0)
            }
            Some(Kind::Instance) => {
                let s = self.sym("__contains__");
                if let Some(f) = self.class_lookup(self.class_of(container), s) {
                    let r = self.call(f, &[container, item], &[])?;
                    return self.truthy(r);
                }
                // CPython's _PySequence_IterSearch: a TypeError from iter()
                // becomes "argument of type ... is not iterable".
                let it = match self.get_iter(container) {
                    Ok(it) => it,
                    Err(e) => {
                        if !self.isinstance(self.exc, self.cls.type_error) {
                            return Err(e);
                        }
                        let t = self.type_name(container);
                        return Err(
                            self.type_error(&format!("argument of type '{t}' is not iterable"))
                        );
                    }
                };
                self.roots.push(it);
                let r = loop {
                    match self.next(it) {
                        Ok(Some(x)) => match self.eq(x, item) {
                            Ok(true) => break Ok(true),
                            Ok(false) => {}
                            Err(e) => break Err(e),
                        },
                        Ok(None) => break Ok(false),
                        Err(e) => break Err(e),
                    }
                };
                self.roots.pop();
                r
            }
            _ => {
                let t = self.type_name(container);
                Err(self.type_error(&format!("argument of type '{t}' is not iterable")))
            }
        }
    }
}

/// Whether ordering `o` satisfies `op`.
pub fn ord_matches(op: CmpOp, o: Ordering) -> bool {
    match op {
        CmpOp::Lt => o == Ordering::Less,
        CmpOp::Le => o != Ordering::Greater,
        CmpOp::Eq => o == Ordering::Equal,
        CmpOp::Ne => o != Ordering::Equal,
        CmpOp::Gt => o == Ordering::Greater,
        CmpOp::Ge => o != Ordering::Less,
    }
}
