//! Iteration: `iter()` over the builtin iterables, `next()` on builtin
//! iterators and on user iterators (`__iter__`/`__next__`), and helpers that
//! drain an iterable into a vector.

use super::object::*;
use super::value::Value;
use super::vm::Vm;
use super::PyResult;

impl Vm {
    /// `GetIter` (a `for` loop's, or a comprehension's first): as
    /// `get_iter`, but the iterator of a list, tuple, str or range comes
    /// from the loop-iterator pool (`Vm::new_loop_iter`).
    pub fn get_loop_iter(&mut self, v: Value) -> PyResult<Value> {
        match seq_state(v) {
            Some(state) => Ok(self.new_loop_iter(state)),
            None => self.get_iter(v),
        }
    }

    /// `iter(v)`.
    pub fn get_iter(&mut self, v: Value) -> PyResult<Value> {
        let state = match v.kind() {
            Some(Kind::List | Kind::Tuple | Kind::Str | Kind::Range) => {
                seq_state(v).expect("a sequence")
            }
            Some(Kind::Dict) => {
                let len = v.as_dict().map_or(0, |d| d.d.len());
                IterState::Dict {
                    dict: v,
                    idx: 0,
                    what: 0,
                    len,
                }
            }
            Some(Kind::DictView) => {
                let dv = v.as_dict_view().expect("dict view");
                let len = dv.dict.as_dict().map_or(0, |d| d.d.len());
                IterState::Dict {
                    dict: dv.dict,
                    idx: 0,
                    what: dv.what,
                    len,
                }
            }
            Some(Kind::Iter) => return Ok(v),
            Some(Kind::Instance) => {
                let s = self.sym("__iter__");
                if let Some(f) = self.class_lookup(self.class_of(v), s) {
                    return self.call(f, &[v], &[]);
                }
                let g = self.sym("__getitem__");
                if self.class_lookup(self.class_of(v), g).is_some() {
                    return Ok(self.new_iter(IterState::Seq { seq: v, idx: 0 }));
                }
                let t = self.type_name(v);
                return Err(self.type_error(&format!("'{t}' object is not iterable")));
            }
            _ => {
                let t = self.type_name(v);
                return Err(self.type_error(&format!("'{t}' object is not iterable")));
            }
        };
        Ok(self.new_iter(state))
    }

    /// The next item, or None when exhausted.
    pub fn next(&mut self, it: Value) -> PyResult<Option<Value>> {
        let Some(io) = it.as_iter() else {
            let s = self.sym("__next__");
            if it.as_instance().is_some() {
                if let Some(f) = self.class_lookup(self.class_of(it), s) {
                    return match self.call(f, &[it], &[]) {
                        Ok(v) => Ok(Some(v)),
                        Err(e) => {
                            if self.isinstance(self.exc, self.cls.stop_iteration) {
                                self.exc = Value::NONE;
                                Ok(None)
                            } else {
                                Err(e)
                            }
                        }
                    };
                }
            }
            let t = self.type_name(it);
            return Err(self.type_error(&format!("'{t}' object is not an iterator")));
        };
        match &mut io.state {
            IterState::Range { cur, stop, step } => {
                let c = *cur;
                if (*step > 0 && c < *stop) || (*step < 0 && c > *stop) {
                    *cur = c.saturating_add(*step);
                    Ok(Some(self.new_int(c)))
                } else {
                    Ok(None)
                }
            }
            IterState::Seq { seq, idx } => {
                let (s, i) = (*seq, *idx);
                *idx += 1;
                match s.kind() {
                    Some(Kind::List) => Ok(s.as_list().and_then(|l| l.items.get(i).copied())),
                    Some(Kind::Tuple) => Ok(s.as_tuple().and_then(|t| t.items.get(i).copied())),
                    Some(Kind::Str) => {
                        let so = s.as_str_obj().expect("str");
                        if so.is_ascii() {
                            Ok(so.s.as_bytes().get(i).map(|&b| self.char_strs[b as usize]))
                        } else {
                            // Keep a byte offset would be faster; strings of
                            // non-ASCII text are rare in hot loops.
                            match so.s.chars().nth(i) {
                                Some(c) => Ok(Some(self.new_str_owned(c.to_string()))),
                                None => Ok(None),
                            }
                        }
                    }
                    _ => {
                        let key = Value::from_small(i as i64);
                        match self.subscr(s, key) {
                            Ok(v) => Ok(Some(v)),
                            Err(e) => {
                                if self.isinstance(self.exc, self.cls.index_error)
                                    || self.isinstance(self.exc, self.cls.stop_iteration)
                                {
                                    Ok(None)
                                } else {
                                    Err(e)
                                }
                            }
                        }
                    }
                }
            }
            IterState::Reversed { seq, idx } => {
                if *idx == 0 {
                    return Ok(None);
                }
                *idx -= 1;
                let (s, i) = (*seq, *idx);
                let key = Value::from_small(i as i64);
                match s.kind() {
                    Some(Kind::List) => Ok(s.as_list().and_then(|l| l.items.get(i).copied())),
                    _ => self.subscr(s, key).map(Some),
                }
            }
            IterState::Dict {
                dict,
                idx,
                what,
                len,
            } => {
                let d = dict.as_dict().expect("dict");
                if d.d.len() != *len {
                    *len = usize::MAX;
                    return Err(self.runtime_error("dictionary changed size during iteration"));
                }
                while *idx < d.d.capacity_used() {
                    let i = *idx;
                    *idx += 1;
                    if let Some((k, v)) = d.d.entry_at(i) {
                        return Ok(Some(match what {
                            0 => k,
                            1 => v,
                            _ => self.new_tuple(vec![k, v]),
                        }));
                    }
                }
                Ok(None)
            }
            IterState::Enumerate { it: inner, count } => {
                let (inner, c) = (*inner, *count);
                match self.next(inner)? {
                    Some(x) => {
                        let next =
                            self.binary_op(crate::bytecode::BinOp::Add, c, Value::from_small(1))?;
                        if let Some(io) = it.as_iter() {
                            if let IterState::Enumerate { count, .. } = &mut io.state {
                                *count = next;
                            }
                        }
                        Ok(Some(self.new_tuple(vec![c, x])))
                    }
                    None => Ok(None),
                }
            }
            IterState::Zip { its } => {
                let its = its.clone();
                let n = its.len();
                // Items collected so far stay rooted while the next
                // iterator runs (it may call Python code).
                let mark = self.roots.len();
                let mut result = Ok(true);
                for i in its {
                    match self.next(i) {
                        Ok(Some(x)) => self.roots.push(x),
                        Ok(None) => {
                            result = Ok(false);
                            break;
                        }
                        Err(e) => {
                            result = Err(e);
                            break;
                        }
                    }
                }
                let out: Vec<Value> = self.roots.drain(mark..).collect();
                if !result? || n == 0 {
                    return Ok(None);
                }
                Ok(Some(self.new_tuple(out)))
            }
            IterState::Map { .. } | IterState::Filter { .. } | IterState::CallIter { .. } => {
                super::builtins::next_extra(self, it)
            }
        }
    }

    /// All items of an iterable.
    pub fn collect_iterable(&mut self, v: Value) -> PyResult<Vec<Value>> {
        match v.kind() {
            Some(Kind::List) => return Ok(v.as_list().expect("list").items.clone()),
            Some(Kind::Tuple) => return Ok(v.as_tuple().expect("tuple").items.to_vec()),
            _ => {}
        }
        let it = self.get_iter(v)?;
        self.roots.push(it);
        let list = self.new_list(Vec::new());
        self.roots.push(list);
        let r = loop {
            match self.next(it) {
                Ok(Some(x)) => list.as_list().expect("list").items.push(x),
                Ok(None) => break Ok(()),
                Err(e) => break Err(e),
            }
        };
        self.roots.pop();
        self.roots.pop();
        r?;
        Ok(std::mem::take(&mut list.as_list().expect("list").items))
    }

    /// `tuple(v)` (a tuple is returned as is).
    pub fn tuple_from_iterable(&mut self, v: Value) -> PyResult<Value> {
        if v.is_kind(Kind::Tuple) {
            return Ok(v);
        }
        let items = self.collect_iterable(v)?;
        Ok(self.new_tuple(items))
    }
}

/// The fresh iterator state of a list, tuple, str or range.
fn seq_state(v: Value) -> Option<IterState> {
    match v.kind()? {
        Kind::List | Kind::Tuple | Kind::Str => Some(IterState::Seq { seq: v, idx: 0 }),
        Kind::Range => {
            let r = v.as_range()?;
            Some(IterState::Range {
                cur: r.start,
                stop: r.stop,
                step: r.step,
            })
        }
        _ => None,
    }
}
