//! The case, classification and padding methods of `str`: `upper lower
//! casefold title capitalize swapcase`, the `is...` predicates, and `zfill
//! ljust rjust center`.

use super::str_methods::{nchars, this};
use super::{check_method, index_arg, no_kwargs};
use crate::intern::Sym;
use crate::runtime::numfmt::{unicode_decimal_value, unicode_is_space};
use crate::runtime::value::Value;
use crate::runtime::vm::Vm;
use crate::runtime::PyResult;

fn no_arg_method(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &[(Sym, Value)],
) -> PyResult<&'static str> {
    let q = format!("str.{name}");
    no_kwargs(vm, &q, kw)?;
    check_method(vm, &q, args, 0, 0)?;
    this(vm, args, name)
}

pub(super) fn upper(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    let s = no_arg_method(vm, "upper", args, kw)?;
    Ok(vm.new_str_owned(s.to_uppercase()))
}

pub(super) fn lower(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    let s = no_arg_method(vm, "lower", args, kw)?;
    Ok(vm.new_str_owned(s.to_lowercase()))
}

pub(super) fn casefold(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    let s = no_arg_method(vm, "casefold", args, kw)?;
    let out: String = s
        .chars()
        .flat_map(|c| match c {
            'ß' => vec!['s', 's'],
            c => c.to_lowercase().collect(),
        })
        .collect();
    Ok(vm.new_str_owned(out))
}

fn is_cased(c: char) -> bool {
    c.is_uppercase() || c.is_lowercase()
}

pub(super) fn title(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    let s = no_arg_method(vm, "title", args, kw)?;
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    for c in s.chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        prev_cased = is_cased(c);
    }
    Ok(vm.new_str_owned(out))
}

pub(super) fn capitalize(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    let s = no_arg_method(vm, "capitalize", args, kw)?;
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        if i == 0 {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    Ok(vm.new_str_owned(out))
}

pub(super) fn swapcase(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    let s = no_arg_method(vm, "swapcase", args, kw)?;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_uppercase() {
            out.extend(c.to_lowercase());
        } else if c.is_lowercase() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    Ok(vm.new_str_owned(out))
}
/// Digits in the Unicode sense of `str.isdigit` (decimals plus superscripts
/// and other digit characters of the common ranges).
fn is_digit_char(c: char) -> bool {
    unicode_decimal_value(c).is_some()
        || matches!(c as u32, 0xB2 | 0xB3 | 0xB9 | 0x2070 | 0x2074..=0x2079 | 0x2080..=0x2089 | 0x2460..=0x2468 | 0x2474..=0x247C | 0x2488..=0x2490 | 0x24EA | 0x24F5..=0x24FD | 0x24FF | 0x2776..=0x277E | 0x2780..=0x2788 | 0x278A..=0x2792 | 0x1369..=0x1371 | 0x19DA)
}

fn pred(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &[(Sym, Value)],
    f: fn(char) -> bool,
) -> PyResult<Value> {
    let s = no_arg_method(vm, name, args, kw)?;
    Ok(Value::from_bool(!s.is_empty() && s.chars().all(f)))
}

pub(super) fn isdigit(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    pred(vm, "isdigit", args, kw, is_digit_char)
}

pub(super) fn isdecimal(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    pred(vm, "isdecimal", args, kw, |c| {
        unicode_decimal_value(c).is_some()
    })
}

pub(super) fn isnumeric(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    pred(vm, "isnumeric", args, kw, |c| {
        c.is_numeric() || is_digit_char(c)
    })
}

pub(super) fn isalpha(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    pred(vm, "isalpha", args, kw, |c| c.is_alphabetic())
}

pub(super) fn isalnum(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    pred(vm, "isalnum", args, kw, |c| {
        c.is_alphanumeric() || is_digit_char(c)
    })
}

pub(super) fn isspace(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    pred(vm, "isspace", args, kw, unicode_is_space)
}

pub(super) fn isascii(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    let s = no_arg_method(vm, "isascii", args, kw)?;
    Ok(Value::from_bool(s.is_ascii()))
}
/// `str.isprintable` per character: exactly the characters that `repr`
/// leaves unescaped (plus the quote and backslash, which it escapes anyway).
fn printable_char(c: char) -> bool {
    if matches!(c, '\\' | '\'' | '"') {
        return true;
    }
    let mut b = [0u8; 4];
    let r = crate::runtime::convert::str_repr(c.encode_utf8(&mut b));
    !r.contains('\\')
}

pub(super) fn isprintable(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    let s = no_arg_method(vm, "isprintable", args, kw)?;
    Ok(Value::from_bool(s.chars().all(printable_char)))
}

pub(super) fn isupper(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    let s = no_arg_method(vm, "isupper", args, kw)?;
    let cased = s.chars().any(is_cased);
    Ok(Value::from_bool(
        cased && !s.chars().any(|c| c.is_lowercase()),
    ))
}

pub(super) fn islower(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    let s = no_arg_method(vm, "islower", args, kw)?;
    let cased = s.chars().any(is_cased);
    Ok(Value::from_bool(
        cased && !s.chars().any(|c| c.is_uppercase()),
    ))
}

pub(super) fn istitle(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    let s = no_arg_method(vm, "istitle", args, kw)?;
    let mut prev_cased = false;
    let mut any = false;
    for c in s.chars() {
        if c.is_uppercase() {
            if prev_cased {
                return Ok(Value::FALSE);
            }
            prev_cased = true;
            any = true;
        } else if c.is_lowercase() {
            if !prev_cased {
                return Ok(Value::FALSE);
            }
            prev_cased = true;
            any = true;
        } else {
            prev_cased = false;
        }
    }
    Ok(Value::from_bool(any))
}

pub(super) fn isidentifier(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    let s = no_arg_method(vm, "isidentifier", args, kw)?;
    let mut cs = s.chars();
    let ok = match cs.next() {
        None => false,
        Some(c) => (c == '_' || c.is_alphabetic()) && cs.all(|c| c == '_' || c.is_alphanumeric()),
    };
    Ok(Value::from_bool(ok))
}

pub(super) fn zfill(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "str.zfill", kw)?;
    check_method(vm, "str.zfill", args, 1, 1)?;
    let s = this(vm, args, "zfill")?;
    let width = index_arg(vm, args[1])?;
    too_big(vm, width)?;
    let n = nchars(s) as i64;
    if width <= n {
        return Ok(args[0]);
    }
    let fill = "0".repeat((width - n) as usize);
    let out = match s.chars().next() {
        Some(c @ ('+' | '-')) => format!("{c}{fill}{}", &s[1..]),
        _ => format!("{fill}{s}"),
    };
    Ok(vm.new_str_owned(out))
}
/// MemoryError for a result width no test could want (instead of aborting
/// on a failed allocation).
pub(super) fn too_big(vm: &mut Vm, width: i64) -> PyResult<()> {
    if width > (1 << 30) {
        let c = vm.cls.memory_error;
        return Err(vm.raise_msg(c, ""));
    }
    Ok(())
}
/// (width, fillchar) of ljust/rjust/center.
fn pad_args(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &[(Sym, Value)],
) -> PyResult<(&'static str, i64, char)> {
    no_kwargs(vm, format_args!("str.{name}"), kw)?;
    check_method(vm, format_args!("str.{name}"), args, 1, 2)?;
    let s = this(vm, args, name)?;
    let width = index_arg(vm, args[1])?;
    let fill = match args.get(2) {
        None => ' ',
        Some(v) => match v.as_str_obj() {
            Some(f) if f.chars == 1 => f.s.chars().next().unwrap_or(' '),
            Some(_) => {
                return Err(vm.type_error("The fill character must be exactly one character long"))
            }
            None => {
                let t = vm.type_name(*v);
                return Err(vm.type_error(&format!(
                    "The fill character must be a unicode character, not {t}"
                )));
            }
        },
    };
    too_big(vm, width)?;
    Ok((s, width, fill))
}

fn pad(vm: &mut Vm, this_v: Value, s: &str, left: i64, right: i64, fill: char) -> Value {
    if left <= 0 && right <= 0 {
        return this_v;
    }
    let mut out = String::with_capacity(s.len() + (left.max(0) + right.max(0)) as usize);
    out.extend(std::iter::repeat_n(fill, left.max(0) as usize));
    out.push_str(s);
    out.extend(std::iter::repeat_n(fill, right.max(0) as usize));
    vm.new_str_owned(out)
}

pub(super) fn ljust(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    let (s, w, f) = pad_args(vm, "ljust", args, kw)?;
    let n = nchars(s) as i64;
    Ok(pad(vm, args[0], s, 0, w - n, f))
}

pub(super) fn rjust(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    let (s, w, f) = pad_args(vm, "rjust", args, kw)?;
    let n = nchars(s) as i64;
    Ok(pad(vm, args[0], s, w - n, 0, f))
}

pub(super) fn center(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    let (s, w, f) = pad_args(vm, "center", args, kw)?;
    let n = nchars(s) as i64;
    if w <= n {
        return Ok(args[0]);
    }
    let marg = w - n;
    let left = marg / 2 + (marg & w & 1);
    Ok(pad(vm, args[0], s, left, marg - left, f))
}
