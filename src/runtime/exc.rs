//! Exceptions: creating instances, their `str()`, "Did you mean" hints, and
//! CPython-style tracebacks for uncaught exceptions.

use super::object::*;
use super::value::Value;
use super::vm::Vm;
use crate::intern::Sym;

impl Vm {
    /// A new exception instance of class `cls` with `args`.
    pub fn new_exception(&mut self, cls: Value, args: Vec<Value>) -> Value {
        let args = self.new_tuple(args);
        let e = self.new_instance(cls);
        if let Some(inst) = e.as_instance() {
            inst.exc = Some(Box::new(ExcState {
                args,
                traceback: Vec::new(),
                cause: Value::NONE,
                context: Value::NONE,
                hint: None,
                attr: None,
            }));
        }
        e
    }

    /// The exception state of an exception instance.
    pub fn exc_state<'a>(&self, e: Value) -> Option<&'a mut ExcState> {
        e.as_instance().and_then(|i| i.exc.as_deref_mut())
    }

    /// Raises `NameError: name 'x' is not defined` with CPython's hint,
    /// searching the given candidate names.
    pub fn name_error(&mut self, name: Sym, candidates: Vec<Sym>) -> super::Raised {
        let n = self.sym_str(name);
        let c = self.cls.name_error;
        let r = self.raise_msg(c, &format!("name '{n}' is not defined"));
        let cands: Vec<String> = candidates.iter().map(|s| self.sym_str(*s)).collect();
        if let Some(h) = suggest(&n, cands.iter().map(|s| s.as_str())) {
            if let Some(st) = self.exc_state(self.exc) {
                st.hint = Some(h);
            }
        }
        r
    }

    /// Raises `AttributeError: 'T' object has no attribute 'x'`, remembering
    /// the object for the hint shown if it goes uncaught.
    pub fn no_attribute(&mut self, obj: Value, name: Sym) -> super::Raised {
        let n = self.sym_str(name);
        let msg = if let Some(c) = obj.as_class() {
            let cn = c.name.as_str().unwrap_or("?");
            format!("type object '{cn}' has no attribute '{n}'")
        } else if let Some(m) = obj.as_module() {
            let mn = m.name.as_str().unwrap_or("?");
            format!("module '{mn}' has no attribute '{n}'")
        } else {
            format!("'{}' object has no attribute '{n}'", self.type_name(obj))
        };
        let r = self.attribute_error(&msg);
        if let Some(st) = self.exc_state(self.exc) {
            st.attr = Some((obj, name));
        }
        r
    }

    /// `str(e)` for an exception instance.
    pub fn exc_str(&mut self, e: Value) -> super::PyResult<String> {
        let Some(st) = self.exc_state(e) else {
            return Ok(String::new());
        };
        let args = st.args;
        let items: Vec<Value> = args
            .as_tuple()
            .map(|t| t.items.to_vec())
            .unwrap_or_default();
        let is_key_error = self.isinstance(e, self.cls.key_error);
        match items.len() {
            0 => Ok(String::new()),
            1 if is_key_error => self.repr(items[0]),
            1 => self.str(items[0]),
            _ => self.repr(args),
        }
    }

    /// The last line of a traceback: `Type: message` (with hints).
    pub fn exc_last_line(&mut self, e: Value) -> String {
        let cls = self.class_of(e);
        let mut name = self.type_name(e).to_string();
        if let Some(c) = cls.as_class() {
            let module = c.module.as_str().unwrap_or("builtins");
            if module != "builtins" && module != "__main__" {
                name = format!("{module}.{name}");
            }
        }
        let msg = match self.exc_str(e) {
            Ok(m) => m,
            Err(_) => "<exception str() failed>".to_string(),
        };
        let mut line = if msg.is_empty() {
            name
        } else {
            format!("{name}: {msg}")
        };
        if let Some(st) = self.exc_state(e) {
            if let Some(h) = &st.hint {
                line.push_str(&format!(". Did you mean: '{h}'?"));
            } else if let Some((obj, attr)) = st.attr {
                let n = self.sym_str(attr);
                let cands = self.attr_names(obj);
                if let Some(h) = suggest(&n, cands.iter().map(|s| s.as_str())) {
                    line.push_str(&format!(". Did you mean: '{h}'?"));
                }
            }
        }
        line
    }

    /// Attribute names visible on `obj` (for hints).
    fn attr_names(&self, obj: Value) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(i) = obj.as_instance() {
            out.extend(
                self.shapes
                    .names(i.shape.get())
                    .iter()
                    .map(|s| self.sym_str(*s)),
            );
        }
        let cls = if obj.as_class().is_some() {
            obj
        } else {
            self.class_of(obj)
        };
        if let Some(c) = cls.as_class() {
            for k in c.mro.iter() {
                if let Some(kc) = k.as_class() {
                    out.extend(kc.dict.keys().map(|s| self.sym_str(*s)));
                }
            }
        }
        if let Some(m) = obj.as_module() {
            out.extend(m.attrs.keys().map(|s| self.sym_str(*s)));
        }
        out.sort();
        out.dedup();
        out
    }

    /// The full traceback text for an uncaught exception.
    pub fn format_traceback(&mut self, e: Value) -> String {
        let mut out = String::new();
        let context = self.exc_state(e).map_or(Value::NONE, |s| s.context);
        let cause = self.exc_state(e).map_or(Value::NONE, |s| s.cause);
        if cause.is_ptr() && cause != e {
            out.push_str(&self.format_traceback(cause));
            out.push_str(
                "\nThe above exception was the direct cause of the following exception:\n\n",
            );
        } else if context.is_ptr() && context != e {
            out.push_str(&self.format_traceback(context));
            out.push_str(
                "\nDuring handling of the above exception, another exception occurred:\n\n",
            );
        }
        let tb = self
            .exc_state(e)
            .map(|s| s.traceback.clone())
            .unwrap_or_default();
        if !tb.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            // CPython prints a run of identical entries (file, line,
            // function) at most 3 times, then how many more there were.
            const CUTOFF: usize = 3;
            let repeated = |n: usize| {
                let more = n - CUTOFF;
                let s = if more > 1 { "s" } else { "" };
                format!("  [Previous line repeated {more} more time{s}]\n")
            };
            let mut last: Option<(&str, u32, &str)> = None;
            let mut count = 0;
            for &(code, line) in tb.iter().rev() {
                let entry = &self.codes[code as usize];
                let m = &self.modules[entry.module as usize];
                let key = (m.filename.as_str(), line, entry.code.name.as_str());
                if last != Some(key) {
                    if count > CUTOFF {
                        out.push_str(&repeated(count));
                    }
                    last = Some(key);
                    count = 0;
                }
                count += 1;
                if count > CUTOFF {
                    continue;
                }
                out.push_str(&format!(
                    "  File \"{}\", line {}, in {}\n",
                    m.filename, line, entry.code.name
                ));
                if let Some(src) = m.source.lines().nth(line.saturating_sub(1) as usize) {
                    let t = src.trim();
                    if !t.is_empty() {
                        out.push_str(&format!("    {t}\n"));
                    }
                }
            }
            if count > CUTOFF {
                out.push_str(&repeated(count));
            }
        }
        out.push_str(&self.exc_last_line(e));
        out.push('\n');
        out
    }
}

/// CPython's suggestion for a misspelt name: the candidate with the smallest
/// Levenshtein distance (substitutions cost 2, case changes 1) within
/// `(len + 3) * 2 / 6`... following `Python/suggestions.c`.
pub fn suggest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    const MOVE_COST: usize = 2;
    const CASE_COST: usize = 1;
    fn subst_cost(a: char, b: char) -> usize {
        if a == b {
            0
        } else if a.eq_ignore_ascii_case(&b) {
            CASE_COST
        } else {
            MOVE_COST
        }
    }
    fn distance(a: &str, b: &str, max: usize) -> usize {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        if a == b {
            return 0;
        }
        let mut prev: Vec<usize> = (0..=b.len()).map(|j| j * MOVE_COST).collect();
        for i in 1..=a.len() {
            let mut cur = vec![i * MOVE_COST; b.len() + 1];
            let mut row_min = cur[0];
            for j in 1..=b.len() {
                let d = (prev[j - 1] + subst_cost(a[i - 1], b[j - 1]))
                    .min(prev[j] + MOVE_COST)
                    .min(cur[j - 1] + MOVE_COST);
                cur[j] = d;
                row_min = row_min.min(d);
            }
            if row_min > max {
                return max + 1;
            }
            prev = cur;
        }
        prev[b.len()]
    }
    let mut best: Option<(usize, String)> = None;
    for cand in candidates {
        if cand == name {
            continue;
        }
        let max = (name.chars().count() + cand.chars().count() + 3) * MOVE_COST / 6;
        let max = match &best {
            Some((d, _)) => max.min(*d - 1),
            None => max,
        };
        let d = distance(name, cand, max);
        if d <= max && best.as_ref().is_none_or(|(bd, _)| d < *bd) {
            best = Some((d, cand.to_string()));
        }
    }
    best.map(|(_, s)| s)
}

#[cfg(test)]
mod tests {
    use super::suggest;

    #[test]
    fn suggestions_like_cpython() {
        let c = ["counter", "print", "total"];
        assert_eq!(suggest("countr", c.iter().copied()), Some("counter".into()));
        assert_eq!(suggest("prnt", c.iter().copied()), Some("print".into()));
        assert_eq!(suggest("zzz", c.iter().copied()), None);
    }
}
