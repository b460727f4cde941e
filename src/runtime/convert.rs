//! `repr()` and `str()` of every value, exactly as CPython prints them.

use super::numfmt;
use super::object::*;
use super::value::Value;
use super::vm::Vm;
use super::PyResult;

/// CPython's repr of a str: single quotes unless the text has a single quote
/// and no double quote; escapes for control and non-printable characters.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if (0x80..0xa0).contains(&(c as u32)) || c as u32 == 0xad => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if !is_printable(c) => {
                let u = c as u32;
                if u < 0x100 {
                    out.push_str(&format!("\\x{u:02x}"));
                } else if u <= 0xffff {
                    out.push_str(&format!("\\u{u:04x}"));
                } else {
                    out.push_str(&format!("\\U{u:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// An approximation of `str.isprintable` for one character: separators and
/// "other" categories are not printable.
fn is_printable(c: char) -> bool {
    let u = c as u32;
    !(c.is_control()
        || (0x2000..=0x200f).contains(&u) && u != 0x2010
        || (0x2028..=0x202e).contains(&u)
        || (0x205f..=0x206f).contains(&u)
        || u == 0x3000
        || u == 0xfeff
        || (0xd800..=0xdfff).contains(&u)
        || (0xe000..=0xf8ff).contains(&u)
        || (0xfff0..=0xfff8).contains(&u)
        || u == 0x00a0
        || u == 0x1680)
}

impl Vm {
    /// `repr(v)`.
    pub fn repr(&mut self, v: Value) -> PyResult<String> {
        if let Some(i) = v.as_small() {
            return Ok(numfmt::i64_to_decimal(i));
        }
        if let Some(f) = v.as_float() {
            return Ok(numfmt::float_repr(f));
        }
        if v.is_bool() {
            return Ok(if v == Value::TRUE { "True" } else { "False" }.into());
        }
        if v.is_none() {
            return Ok("None".into());
        }
        let Some(kind) = v.kind() else {
            return Ok("<NULL>".into());
        };
        match kind {
            Kind::Str => Ok(str_repr(v.as_str().unwrap_or(""))),
            Kind::BigInt => self.int_to_decimal(v),
            Kind::List | Kind::Tuple | Kind::Dict => self.container_repr(v),
            Kind::Function => {
                let f = cast!(v, FunctionObj);
                Ok(format!(
                    "<function {} at {:#x}>",
                    f.qualname.as_str().unwrap_or("?"),
                    v.0 & 0xffff_ffff_ffff
                ))
            }
            Kind::Builtin => {
                let b = cast!(v, BuiltinObj);
                if b.receiver.is_null() {
                    Ok(format!("<built-in function {}>", b.name))
                } else {
                    let t = self.type_name(b.receiver);
                    Ok(format!(
                        "<built-in method {} of {t} object at {:#x}>",
                        b.name,
                        b.receiver.0 & 0xffff_ffff_ffff
                    ))
                }
            }
            Kind::Class => {
                let c = cast!(v, ClassObj);
                let m = c.module.as_str().unwrap_or("builtins");
                let n = c.qualname.as_str().unwrap_or("?");
                Ok(if m == "builtins" {
                    format!("<class '{n}'>")
                } else {
                    format!("<class '{m}.{n}'>")
                })
            }
            Kind::Instance => self.instance_repr(v),
            Kind::BoundMethod => {
                let m = cast!(v, BoundMethodObj);
                let (func, recv) = (m.func, m.receiver);
                let q = func
                    .as_function()
                    .and_then(|f| f.qualname.as_str())
                    .unwrap_or("?");
                let r = self.repr(recv)?;
                Ok(format!("<bound method {q} of {r}>"))
            }
            Kind::Cell => Ok(format!("<cell at {:#x}>", v.0 & 0xffff_ffff_ffff)),
            Kind::Range => {
                let r = cast!(v, RangeObj);
                Ok(if r.step == 1 {
                    format!("range({}, {})", r.start, r.stop)
                } else {
                    format!("range({}, {}, {})", r.start, r.stop, r.step)
                })
            }
            Kind::Iter => Ok(format!(
                "<iterator object at {:#x}>",
                v.0 & 0xffff_ffff_ffff
            )),
            Kind::Module => {
                let m = cast!(v, ModuleObj);
                let n = m.name.as_str().unwrap_or("?");
                Ok(format!("<module '{n}' (built-in)>"))
            }
            Kind::Slice => {
                let s = cast!(v, SliceObj);
                let (a, b, c) = (s.start, s.stop, s.step);
                Ok(format!(
                    "slice({}, {}, {})",
                    self.repr(a)?,
                    self.repr(b)?,
                    self.repr(c)?
                ))
            }
            Kind::Super => Ok("<super object>".into()),
            Kind::DictView => {
                let dv = cast!(v, DictViewObj);
                let (d, what) = (dv.dict, dv.what);
                let name = ["dict_keys", "dict_values", "dict_items"][what.min(2) as usize];
                let entries: Vec<(Value, Value)> = d
                    .as_dict()
                    .map(|d| d.d.iter().collect())
                    .unwrap_or_default();
                let mut parts = Vec::with_capacity(entries.len());
                for (k, x) in entries {
                    parts.push(match what {
                        0 => self.repr(k)?,
                        1 => self.repr(x)?,
                        _ => format!("({}, {})", self.repr(k)?, self.repr(x)?),
                    });
                }
                Ok(format!("{name}([{}])", parts.join(", ")))
            }
        }
    }

    /// Decimal text of an int (ValueError past CPython's 4300-digit limit).
    pub fn int_to_decimal(&mut self, v: Value) -> PyResult<String> {
        if let Some(i) = self.to_i64(v) {
            return Ok(numfmt::i64_to_decimal(i));
        }
        let b = v.as_bigint().expect("bigint");
        if !numfmt::int_str_digits_ok(b) {
            return Err(self.value_error(
                "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
            ));
        }
        Ok(b.to_string())
    }

    /// `str(v)`.
    pub fn str(&mut self, v: Value) -> PyResult<String> {
        if let Some(s) = v.as_str() {
            return Ok(s.to_string());
        }
        if let Some(inst) = v.as_instance() {
            let cls = inst.class;
            if let Some(f) = self.class_lookup(cls, self.s.str_) {
                if !f.is_kind(Kind::Builtin) {
                    return self.call_str_method(f, v, "__str__");
                }
            }
            if inst.exc.is_some()
                && self
                    .class_lookup(cls, self.s.repr)
                    .is_none_or(|f| f.is_kind(Kind::Builtin))
            {
                return self.exc_str(v);
            }
            if inst.exc.is_some() {
                return self.exc_str(v);
            }
            // `object.__str__` calls the class's `__repr__`; CPython checks
            // the result as `__str__`'s.
            if let Some(f) = self.class_lookup(cls, self.s.repr) {
                if !f.is_kind(Kind::Builtin) {
                    return self.call_str_method(f, v, "__str__");
                }
            }
        }
        self.repr(v)
    }

    fn call_str_method(&mut self, f: Value, v: Value, which: &str) -> PyResult<String> {
        let r = self.call(f, &[v], &[])?;
        match r.as_str() {
            Some(s) => Ok(s.to_string()),
            None => {
                let t = self.type_name(r);
                Err(self.type_error(&format!("{which} returned non-string (type {t})")))
            }
        }
    }

    fn instance_repr(&mut self, v: Value) -> PyResult<String> {
        let inst = cast!(v, InstanceObj);
        let cls = inst.class;
        if let Some(f) = self.class_lookup(cls, self.s.repr) {
            if !f.is_kind(Kind::Builtin) {
                return self.call_str_method(f, v, "__repr__");
            }
        }
        if let Some(st) = inst.exc.as_ref() {
            let args = st.args;
            let name = self.type_name(v);
            let items: Vec<Value> = args
                .as_tuple()
                .map(|t| t.items.to_vec())
                .unwrap_or_default();
            let mut parts = Vec::new();
            for x in items {
                parts.push(self.repr(x)?);
            }
            return Ok(format!("{name}({})", parts.join(", ")));
        }
        let c = cls.as_class().expect("class");
        let m = c.module.as_str().unwrap_or("__main__");
        let n = c.qualname.as_str().unwrap_or("?");
        let addr = v.0 & 0xffff_ffff_ffff;
        if m == "builtins" {
            return Ok(format!("<{n} object at {addr:#x}>"));
        }
        Ok(format!("<{m}.{n} object at {addr:#x}>"))
    }

    fn container_repr(&mut self, v: Value) -> PyResult<String> {
        if self.repr_stack.contains(&v) {
            return Ok(match v.kind() {
                Some(Kind::Dict) => "{...}",
                Some(Kind::List) => "[...]",
                _ => "(...)",
            }
            .into());
        }
        self.repr_stack.push(v);
        let r = self.container_repr_inner(v);
        self.repr_stack.pop();
        r
    }

    fn container_repr_inner(&mut self, v: Value) -> PyResult<String> {
        let mut out = String::new();
        match v.kind() {
            Some(Kind::Dict) => {
                out.push('{');
                let entries: Vec<(Value, Value)> = v.as_dict().expect("dict").d.iter().collect();
                for (i, (k, x)) in entries.into_iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&self.repr(k)?);
                    out.push_str(": ");
                    out.push_str(&self.repr(x)?);
                }
                out.push('}');
            }
            Some(Kind::List) => {
                out.push('[');
                let mut i = 0;
                while let Some(x) = v.as_list().and_then(|l| l.items.get(i).copied()) {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&self.repr(x)?);
                    i += 1;
                }
                out.push(']');
            }
            _ => {
                let items = v.as_tuple().map(|t| t.items.to_vec()).unwrap_or_default();
                out.push('(');
                for (i, x) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&self.repr(*x)?);
                }
                if items.len() == 1 {
                    out.push(',');
                }
                out.push(')');
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::str_repr;

    // Expected strings are what CPython 3.11 prints for repr(s).
    #[test]
    fn str_repr_quotes_like_cpython() {
        assert_eq!(str_repr("abc"), "'abc'");
        assert_eq!(str_repr("it's"), "\"it's\"");
        assert_eq!(str_repr("say \"hi\""), "'say \"hi\"'");
        assert_eq!(str_repr("both ' and \""), "'both \\' and \"'");
        assert_eq!(str_repr("a\nb\t\\"), "'a\\nb\\t\\\\'");
        assert_eq!(str_repr("\x00\x7f"), "'\\x00\\x7f'");
        assert_eq!(str_repr("é"), "'é'");
    }
}
