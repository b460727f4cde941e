//! Containers: `len`, subscripts and slices of str/list/tuple/range/dict,
//! item assignment and deletion, and dict access with hashing errors.

use super::hash::hash_value;
use super::object::*;
use super::value::Value;
use super::vm::Vm;
use super::PyResult;

/// Resolved slice bounds: start, stop, step and the number of items.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct SliceBounds {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
    pub len: usize,
}

impl SliceBounds {
    /// The indices the slice selects, in order.
    pub fn indices(&self) -> impl Iterator<Item = usize> {
        let (start, step) = (self.start, self.step);
        (0..self.len).map(move |k| (start + k as i64 * step) as usize)
    }
}

impl Vm {
    /// `len(v)`.
    pub fn len(&mut self, v: Value) -> PyResult<usize> {
        match v.kind() {
            Some(Kind::Str) => Ok(v.as_str_obj().map_or(0, |s| s.chars)),
            Some(Kind::List) => Ok(v.as_list().map_or(0, |l| l.items.len())),
            Some(Kind::Tuple) => Ok(v.as_tuple().map_or(0, |t| t.items.len())),
            Some(Kind::Dict) => Ok(v.as_dict().map_or(0, |d| d.d.len())),
            Some(Kind::DictView) => Ok(v
                .as_dict_view()
                .and_then(|dv| dv.dict.as_dict())
                .map_or(0, |d| d.d.len())),
            Some(Kind::Range) => {
                let r = v.as_range().expect("range");
                Ok(range_len(r.start, r.stop, r.step))
            }
            Some(Kind::Instance) => {
                if let Some(f) = self.class_lookup(self.class_of(v), self.s.len) {
                    let r = self.call(f, &[v], &[])?;
                    return match self.to_i64(r) {
                        Some(n) if n >= 0 => Ok(n as usize),
                        Some(_) => Err(self.value_error("__len__() should return >= 0")),
                        None => {
                            let t = self.type_name(r);
                            Err(self.type_error(&format!(
                                "'{t}' object cannot be interpreted as an integer"
                            )))
                        }
                    };
                }
                let t = self.type_name(v);
                Err(self.type_error(&format!("object of type '{t}' has no len()")))
            }
            _ => {
                let t = self.type_name(v);
                Err(self.type_error(&format!("object of type '{t}' has no len()")))
            }
        }
    }

    /// The hash of a dict key, or the TypeError for an unhashable one.
    pub fn hash_key(&mut self, key: Value) -> PyResult<i64> {
        if key.as_instance().is_some() {
            if let Some(f) = self.class_lookup(self.class_of(key), self.s.hash) {
                if f.is_none() {
                    let t = self.type_name(key);
                    return Err(self.type_error(&format!("unhashable type: '{t}'")));
                }
                let r = self.call(f, &[key], &[])?;
                return Ok(self.to_i64(r).unwrap_or(0));
            }
        }
        match hash_value(key) {
            Ok(h) => Ok(h),
            Err(t) => Err(self.type_error(&format!("unhashable type: '{t}'"))),
        }
    }

    pub fn dict_get(&mut self, dict: Value, key: Value) -> PyResult<Option<Value>> {
        let h = self.hash_key(key)?;
        Ok(dict.as_dict().and_then(|d| d.d.get(key, h)))
    }

    pub fn dict_set(&mut self, dict: Value, key: Value, v: Value) -> PyResult<()> {
        let h = self.hash_key(key)?;
        if let Some(d) = dict.as_dict() {
            d.d.insert(key, h, v);
        }
        Ok(())
    }

    /// An index operand as i64 (TypeError naming the container otherwise).
    fn index_of(&mut self, idx: Value, what: &str) -> PyResult<i64> {
        if let Some(i) = self.to_i64(idx) {
            return Ok(i);
        }
        if idx.is_kind(Kind::BigInt) {
            return Err(self.index_error("cannot fit 'int' into an index-sized integer"));
        }
        let t = self.type_name(idx);
        let msg = if what == "string" {
            format!("string indices must be integers, not '{t}'")
        } else {
            format!("{what} indices must be integers or slices, not {t}")
        };
        Err(self.type_error(&msg))
    }

    /// Resolves a slice object against a sequence length.
    pub fn slice_bounds(&mut self, s: Value, len: usize) -> PyResult<SliceBounds> {
        let sl = s.as_slice().expect("slice");
        let (a, b, c) = (sl.start, sl.stop, sl.step);
        let step = if c.is_none() { 1 } else { self.slice_index(c)? };
        if step == 0 {
            return Err(self.value_error("slice step cannot be zero"));
        }
        let len = len as i64;
        let (lo, hi) = if step < 0 { (-1, len - 1) } else { (0, len) };
        let clamp = |v: i64| -> i64 {
            if v < 0 {
                (v + len).max(lo)
            } else {
                v.min(hi)
            }
        };
        let start = if a.is_none() {
            if step < 0 {
                hi
            } else {
                lo
            }
        } else {
            clamp(self.slice_index(a)?)
        };
        let stop = if b.is_none() {
            if step < 0 {
                lo
            } else {
                hi
            }
        } else {
            clamp(self.slice_index(b)?)
        };
        let n = if step > 0 {
            if stop > start {
                (stop - start + step - 1) / step
            } else {
                0
            }
        } else if start > stop {
            (start - stop + (-step) - 1) / (-step)
        } else {
            0
        };
        Ok(SliceBounds {
            start,
            stop,
            step,
            len: n as usize,
        })
    }

    fn slice_index(&mut self, v: Value) -> PyResult<i64> {
        if let Some(i) = self.to_i64(v) {
            return Ok(i);
        }
        if let Some(b) = v.as_bigint() {
            use num_traits::Signed;
            return Ok(if b.is_negative() {
                i64::MIN / 4
            } else {
                i64::MAX / 4
            });
        }
        Err(self.type_error("slice indices must be integers or None or have an __index__ method"))
    }

    /// `container[key]`.
    pub fn subscr(&mut self, container: Value, key: Value) -> PyResult<Value> {
        match container.kind() {
            Some(Kind::List) | Some(Kind::Tuple) => {
                let is_list = container.is_kind(Kind::List);
                let items: &[Value] = if is_list {
                    &container.as_list().expect("list").items
                } else {
                    &container.as_tuple().expect("tuple").items
                };
                if key.is_kind(Kind::Slice) {
                    let n = items.len();
                    let b = self.slice_bounds(key, n)?;
                    let out: Vec<Value> = b.indices().map(|i| items[i]).collect();
                    return Ok(if is_list {
                        self.new_list(out)
                    } else {
                        self.new_tuple(out)
                    });
                }
                let what = if is_list { "list" } else { "tuple" };
                let i = self.index_of(key, what)?;
                let n = items.len() as i64;
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    return Err(self.index_error(&format!("{what} index out of range")));
                }
                Ok(items[j as usize])
            }
            Some(Kind::Str) => {
                let so = container.as_str_obj().expect("str");
                if key.is_kind(Kind::Slice) {
                    let b = self.slice_bounds(key, so.chars)?;
                    let s: String = if so.is_ascii() {
                        let bytes = so.s.as_bytes();
                        b.indices().map(|i| bytes[i] as char).collect()
                    } else {
                        let chars: Vec<char> = so.s.chars().collect();
                        b.indices().map(|i| chars[i]).collect()
                    };
                    return Ok(self.new_str_owned(s));
                }
                let i = self.index_of(key, "string")?;
                let n = so.chars as i64;
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    return Err(self.index_error("string index out of range"));
                }
                if so.is_ascii() {
                    let b = so.s.as_bytes()[j as usize];
                    return Ok(self.char_strs[b as usize]);
                }
                let c = so.s.chars().nth(j as usize).unwrap_or(' ');
                Ok(self.new_str_owned(c.to_string()))
            }
            Some(Kind::Dict) => match self.dict_get(container, key)? {
                Some(v) => Ok(v),
                None => Err(self.key_error(key)),
            },
            Some(Kind::Range) => {
                let r = container.as_range().expect("range");
                let (start, step) = (r.start, r.step);
                let n = range_len(r.start, r.stop, r.step) as i64;
                if key.is_kind(Kind::Slice) {
                    let items = self.seq_items(container);
                    let t = self.new_list(items);
                    let l = self.subscr(t, key)?;
                    return Ok(l);
                }
                let i = self.index_of(key, "range")?;
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    return Err(self.index_error("range object index out of range"));
                }
                Ok(self.new_int(start + j * step))
            }
            Some(Kind::Instance) => {
                let s = self.sym("__getitem__");
                if let Some(f) = self.class_lookup(self.class_of(container), s) {
                    return self.call(f, &[container, key], &[]);
                }
                let t = self.type_name(container);
                Err(self.type_error(&format!("'{t}' object is not subscriptable")))
            }
            Some(Kind::Class) if container == self.cls.type_ || container.as_class().is_some() => {
                // `list[int]` style generic aliases are not supported.
                let t = container
                    .as_class()
                    .and_then(|c| c.name.as_str())
                    .unwrap_or("?");
                Err(self.type_error(&format!("type '{t}' is not subscriptable")))
            }
            _ => {
                let t = self.type_name(container);
                Err(self.type_error(&format!("'{t}' object is not subscriptable")))
            }
        }
    }

    /// `container[key] = v`.
    pub fn store_subscr(&mut self, container: Value, key: Value, v: Value) -> PyResult<()> {
        match container.kind() {
            Some(Kind::List) => {
                if key.is_kind(Kind::Slice) {
                    let new = self.collect_iterable(v)?;
                    let l = container.as_list().expect("list");
                    let b = self.slice_bounds(key, l.items.len())?;
                    if b.step == 1 {
                        let start = b.start.max(0) as usize;
                        let stop = (b.stop.max(b.start)).max(0) as usize;
                        l.items.splice(start..stop.min(l.items.len()), new);
                    } else {
                        if new.len() != b.len {
                            return Err(self.value_error(&format!(
                                "attempt to assign sequence of size {} to extended slice of size {}",
                                new.len(),
                                b.len
                            )));
                        }
                        for (i, x) in b.indices().zip(new) {
                            l.items[i] = x;
                        }
                    }
                    return Ok(());
                }
                let i = self.index_of(key, "list")?;
                let l = container.as_list().expect("list");
                let n = l.items.len() as i64;
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    return Err(self.index_error("list assignment index out of range"));
                }
                l.items[j as usize] = v;
                Ok(())
            }
            Some(Kind::Dict) => self.dict_set(container, key, v),
            Some(Kind::Instance) => {
                let s = self.sym("__setitem__");
                if let Some(f) = self.class_lookup(self.class_of(container), s) {
                    self.call(f, &[container, key, v], &[])?;
                    return Ok(());
                }
                let t = self.type_name(container);
                Err(self.type_error(&format!("'{t}' object does not support item assignment")))
            }
            _ => {
                let t = self.type_name(container);
                Err(self.type_error(&format!("'{t}' object does not support item assignment")))
            }
        }
    }

    /// `del container[key]`.
    pub fn delete_subscr(&mut self, container: Value, key: Value) -> PyResult<()> {
        match container.kind() {
            Some(Kind::List) => {
                let l = container.as_list().expect("list");
                if key.is_kind(Kind::Slice) {
                    let b = self.slice_bounds(key, l.items.len())?;
                    let mut drop: Vec<usize> = b.indices().collect();
                    drop.sort_unstable();
                    for i in drop.into_iter().rev() {
                        l.items.remove(i);
                    }
                    return Ok(());
                }
                let i = self.index_of(key, "list")?;
                let n = l.items.len() as i64;
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    return Err(self.index_error("list assignment index out of range"));
                }
                l.items.remove(j as usize);
                Ok(())
            }
            Some(Kind::Dict) => {
                let h = self.hash_key(key)?;
                match container.as_dict().and_then(|d| d.d.remove(key, h)) {
                    Some(_) => Ok(()),
                    None => Err(self.key_error(key)),
                }
            }
            Some(Kind::Instance) => {
                let s = self.sym("__delitem__");
                if let Some(f) = self.class_lookup(self.class_of(container), s) {
                    self.call(f, &[container, key], &[])?;
                    return Ok(());
                }
                let t = self.type_name(container);
                Err(self.type_error(&format!("'{t}' object does not support item deletion")))
            }
            _ => {
                let t = self.type_name(container);
                Err(self.type_error(&format!("'{t}' object does not support item deletion")))
            }
        }
    }
}

/// The number of items of `range(start, stop, step)`.
pub fn range_len(start: i64, stop: i64, step: i64) -> usize {
    if step > 0 && start < stop {
        ((stop as i128 - start as i128 + step as i128 - 1) / step as i128) as usize
    } else if step < 0 && start > stop {
        ((start as i128 - stop as i128 - step as i128 - 1) / (-(step as i128))) as usize
    } else {
        0
    }
}
