//! `str.format`: CPython's markup parser (`Objects/stringlib/unicode_format.h`)
//! with automatic and manual field numbering, keyword fields, `.attr` and
//! `[key]` lookups, `!r`/`!s`/`!a` conversions and nested format specs.

use super::ascii_escape;
use crate::intern::Sym;
use crate::runtime::value::Value;
use crate::runtime::vm::Vm;
use crate::runtime::PyResult;

/// The numbering state: automatic (`{}`) or manual (`{0}`).
#[derive(PartialEq, Eq, Clone, Copy)]
enum Numbering {
    Unknown,
    Auto,
    Manual,
}

struct Ctx<'a> {
    args: &'a [Value],
    kwargs: &'a [(Sym, Value)],
    numbering: Numbering,
    next_auto: usize,
}

/// `fmt.format(*args, **kwargs)`.
pub fn str_format(
    vm: &mut Vm,
    fmt: &str,
    args: &[Value],
    kwargs: &[(Sym, Value)],
) -> PyResult<String> {
    let mut ctx = Ctx {
        args,
        kwargs,
        numbering: Numbering::Unknown,
        next_auto: 0,
    };
    render(vm, fmt, &mut ctx, 2)
}

fn render(vm: &mut Vm, fmt: &str, ctx: &mut Ctx, depth: i32) -> PyResult<String> {
    if depth <= 0 {
        return Err(vm.value_error("Max string recursion exceeded"));
    }
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::with_capacity(fmt.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        if c == '}' {
            if chars.get(i) == Some(&'}') {
                out.push('}');
                i += 1;
                continue;
            }
            return Err(vm.value_error("Single '}' encountered in format string"));
        }
        if c != '{' {
            out.push(c);
            continue;
        }
        match chars.get(i) {
            None => return Err(vm.value_error("Single '{' encountered in format string")),
            Some('{') => {
                out.push('{');
                i += 1;
                continue;
            }
            _ => {}
        }
        // parse_field: the field name ends at '}', ':' or '!' ('[...]' skipped).
        let name_start = i;
        let mut end_c = '\0';
        while i < chars.len() {
            let ch = chars[i];
            i += 1;
            match ch {
                '{' => return Err(vm.value_error("unexpected '{' in field name")),
                '[' => {
                    while i < chars.len() && chars[i] != ']' {
                        i += 1;
                    }
                    continue;
                }
                '}' | ':' | '!' => {
                    end_c = ch;
                    break;
                }
                _ => continue,
            }
        }
        let name: String = if end_c == '\0' {
            return Err(vm.value_error("expected '}' before end of string"));
        } else {
            chars[name_start..i - 1].iter().collect()
        };
        let mut conversion: Option<char> = None;
        let mut spec = String::new();
        let mut spec_nested = false;
        if end_c == '!' || end_c == ':' {
            let mut done = false;
            if end_c == '!' {
                let Some(&cv) = chars.get(i) else {
                    return Err(
                        vm.value_error("end of string while looking for conversion specifier")
                    );
                };
                conversion = Some(cv);
                i += 1;
                if let Some(&n) = chars.get(i) {
                    i += 1;
                    if n == '}' {
                        done = true;
                    } else if n != ':' {
                        return Err(vm.value_error("expected ':' after conversion specifier"));
                    }
                }
            }
            if !done {
                let start = i;
                let mut count = 1;
                let mut closed = false;
                while i < chars.len() {
                    let ch = chars[i];
                    i += 1;
                    if ch == '{' {
                        spec_nested = true;
                        count += 1;
                    } else if ch == '}' {
                        count -= 1;
                        if count == 0 {
                            spec = chars[start..i - 1].iter().collect();
                            closed = true;
                            break;
                        }
                    }
                }
                if !closed {
                    return Err(vm.value_error("unmatched '{' in format spec"));
                }
            }
        }
        let obj = get_field(vm, &name, ctx)?;
        vm.roots.push(obj);
        let r = render_field(vm, obj, conversion, &spec, spec_nested, ctx, depth);
        vm.roots.pop();
        out.push_str(&r?);
    }
    Ok(out)
}

fn render_field(
    vm: &mut Vm,
    obj: Value,
    conversion: Option<char>,
    spec: &str,
    spec_nested: bool,
    ctx: &mut Ctx,
    depth: i32,
) -> PyResult<String> {
    let obj = match conversion {
        None => obj,
        Some('r') => {
            let s = vm.repr(obj)?;
            vm.new_str_owned(s)
        }
        Some('s') => {
            let s = vm.str(obj)?;
            vm.new_str_owned(s)
        }
        Some('a') => {
            let s = vm.repr(obj)?;
            vm.new_str_owned(ascii_escape(&s))
        }
        Some(c) => {
            let msg = if (c as u32) < 128 {
                format!("Unknown conversion specifier {c}")
            } else {
                format!("Unknown conversion specifier \\x{:x}", c as u32)
            };
            return Err(vm.value_error(&msg));
        }
    };
    vm.roots.push(obj);
    let r = if spec_nested {
        match render(vm, spec, ctx, depth - 1) {
            Ok(s) => vm.format(obj, &s),
            Err(e) => Err(e),
        }
    } else {
        vm.format(obj, spec)
    };
    vm.roots.pop();
    r
}

/// Parses a decimal index as CPython's `get_integer` (None if not all digits).
fn as_index(s: &str) -> Option<usize> {
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn get_field(vm: &mut Vm, name: &str, ctx: &mut Ctx) -> PyResult<Value> {
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let (first, mut rest) = name.split_at(first_end);
    let mut obj = if first.is_empty() || as_index(first).is_some() {
        let idx = if first.is_empty() {
            if ctx.numbering == Numbering::Manual {
                return Err(vm.value_error(
                    "cannot switch from manual field specification to automatic field numbering",
                ));
            }
            ctx.numbering = Numbering::Auto;
            ctx.next_auto += 1;
            ctx.next_auto - 1
        } else {
            if ctx.numbering == Numbering::Auto {
                return Err(vm.value_error(
                    "cannot switch from automatic field numbering to manual field specification",
                ));
            }
            ctx.numbering = Numbering::Manual;
            as_index(first).unwrap_or(usize::MAX)
        };
        match ctx.args.get(idx) {
            Some(&v) => v,
            None => {
                return Err(vm.index_error(&format!(
                    "Replacement index {idx} out of range for positional args tuple"
                )))
            }
        }
    } else {
        match ctx.kwargs.iter().find(|(k, _)| vm.names.name(*k) == first) {
            Some(&(_, v)) => v,
            None => {
                let k = vm.new_str(first);
                return Err(vm.key_error(k));
            }
        }
    };
    let base = vm.roots.len();
    let r = (|| {
        while !rest.is_empty() {
            let c = rest.as_bytes()[0];
            rest = &rest[1..];
            if c == b'.' {
                let end = rest.find(['.', '[']).unwrap_or(rest.len());
                let attr = &rest[..end];
                rest = &rest[end..];
                if attr.is_empty() {
                    return Err(vm.value_error("Empty attribute in format string"));
                }
                let s = vm.sym(attr);
                obj = vm.getattr(obj, s)?;
            } else if c == b'[' {
                let end = rest.find(']').unwrap_or(rest.len());
                let key = &rest[..end];
                rest = rest.get(end + 1..).unwrap_or("");
                if key.is_empty() {
                    return Err(vm.value_error("Empty attribute in format string"));
                }
                let k = match as_index(key) {
                    Some(i) => vm.new_int(i as i64),
                    None => vm.new_str(key),
                };
                vm.roots.push(k);
                obj = vm.subscr(obj, k)?;
                if !rest.is_empty() && !rest.starts_with(['.', '[']) {
                    return Err(
                        vm.value_error("Only '.' or '[' may follow ']' in format field specifier")
                    );
                }
            } else {
                return Err(
                    vm.value_error("Only '.' or '[' may follow ']' in format field specifier")
                );
            }
            vm.roots.push(obj);
        }
        Ok(obj)
    })();
    vm.roots.truncate(base);
    r
}
