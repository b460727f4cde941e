//! `format(v, spec)` for every value: ints, bools, floats and strs through
//! the CPython-exact formatters of `numfmt`, instances through their
//! `__format__`, and `str(v)` for an empty spec otherwise.

use crate::runtime::numfmt;
use crate::runtime::object::Kind;
use crate::runtime::value::Value;
use crate::runtime::vm::Vm;
use crate::runtime::PyResult;

impl Vm {
    /// `format(v, spec)`.
    pub fn format(&mut self, v: Value, spec: &str) -> PyResult<String> {
        let r = if let Some(i) = v.as_small() {
            numfmt::format_i64(i, spec, "int")
        } else if let Some(f) = v.as_float() {
            numfmt::format_float(f, spec, "float")
        } else if v.is_bool() {
            if spec.is_empty() {
                return Ok(if v == Value::TRUE { "True" } else { "False" }.to_string());
            }
            numfmt::format_i64((v.0 & 1) as i64, spec, "bool")
        } else if let Some(b) = v.as_bigint() {
            numfmt::format_int(b, spec, "int")
        } else if let Some(s) = v.as_str() {
            numfmt::format_str(s, spec, "str")
        } else {
            return self.format_other(v, spec);
        };
        r.map_err(|e| self.num_error(e))
    }

    fn format_other(&mut self, v: Value, spec: &str) -> PyResult<String> {
        if v.is_kind(Kind::Instance) {
            let s = self.sym("__format__");
            if let Some(f) = self.class_lookup(self.class_of(v), s) {
                if !f.is_kind(Kind::Builtin) {
                    let sv = self.new_str(spec);
                    self.roots.push(sv);
                    let r = self.call(f, &[v, sv], &[]);
                    self.roots.pop();
                    let r = r?;
                    return match r.as_str() {
                        Some(s) => Ok(s.to_string()),
                        None => {
                            let t = self.type_name(r);
                            Err(self.type_error(&format!("__format__ must return a str, not {t}")))
                        }
                    };
                }
            }
        }
        if spec.is_empty() {
            return self.str(v);
        }
        let t = self.type_name(v);
        Err(self.type_error(&format!(
            "unsupported format string passed to {t}.__format__"
        )))
    }
}
