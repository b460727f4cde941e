//! The methods of `str`. Positions are in characters (a str may hold
//! non-ASCII text); whitespace is Python's (`str.isspace`). The case,
//! predicate and padding methods are in `str_case`.

use super::str_case::{
    capitalize, casefold, center, isalnum, isalpha, isascii, isdecimal, isdigit, isidentifier,
    islower, isnumeric, isprintable, isspace, istitle, isupper, ljust, lower, rjust, swapcase,
    title, too_big, upper, zfill,
};
use super::{add_method, check_method, index_arg, no_kwargs};
use crate::intern::Sym;
use crate::runtime::numfmt::unicode_is_space;
use crate::runtime::object::Kind;
use crate::runtime::value::Value;
use crate::runtime::vm::Vm;
use crate::runtime::PyResult;

pub fn install(vm: &mut Vm) {
    let c = vm.cls.str_;
    let methods: &[(&'static str, crate::runtime::object::NativeFn)] = &[
        ("join", join),
        ("split", split),
        ("rsplit", rsplit),
        ("strip", strip),
        ("lstrip", lstrip),
        ("rstrip", rstrip),
        ("startswith", startswith),
        ("endswith", endswith),
        ("find", find),
        ("rfind", rfind),
        ("index", index),
        ("rindex", rindex),
        ("count", count),
        ("replace", replace),
        ("upper", upper),
        ("lower", lower),
        ("casefold", casefold),
        ("title", title),
        ("capitalize", capitalize),
        ("swapcase", swapcase),
        ("isdigit", isdigit),
        ("isalpha", isalpha),
        ("isalnum", isalnum),
        ("isspace", isspace),
        ("isupper", isupper),
        ("islower", islower),
        ("isdecimal", isdecimal),
        ("isnumeric", isnumeric),
        ("isidentifier", isidentifier),
        ("istitle", istitle),
        ("isascii", isascii),
        ("isprintable", isprintable),
        ("zfill", zfill),
        ("ljust", ljust),
        ("rjust", rjust),
        ("center", center),
        ("partition", partition),
        ("rpartition", rpartition),
        ("splitlines", splitlines),
        ("expandtabs", expandtabs),
        ("removeprefix", removeprefix),
        ("removesuffix", removesuffix),
        ("format", format),
    ];
    for &(n, f) in methods {
        add_method(vm, c, n, f);
    }
}
/// The receiver as a str (TypeError for a foreign `self`).
pub(super) fn this(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<&'static str> {
    match args.first().and_then(|v| v.as_str()) {
        Some(s) => Ok(s),
        None => {
            let t = args.first().map_or("NoneType", |v| vm.type_name(*v));
            Err(vm.type_error(&format!(
                "descriptor '{name}' for 'str' objects doesn't apply to a '{t}' object"
            )))
        }
    }
}
/// Argument-count check in the "find() takes at least 1 argument (0 given)" style.
fn check_at(vm: &mut Vm, name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    let n = args.len().saturating_sub(1);
    if n < min {
        let s = if min == 1 { "" } else { "s" };
        return Err(vm.type_error(&format!(
            "{name}() takes at least {min} argument{s} ({n} given)"
        )));
    }
    if n > max {
        let s = if max == 1 { "" } else { "s" };
        return Err(vm.type_error(&format!(
            "{name}() takes at most {max} argument{s} ({n} given)"
        )));
    }
    Ok(())
}
/// A `str` argument ("must be str, not int" otherwise).
fn str_arg(vm: &mut Vm, v: Value) -> PyResult<&'static str> {
    match v.as_str() {
        Some(s) => Ok(s),
        None => {
            let t = vm.type_name(v);
            Err(vm.type_error(&format!("must be str, not {t}")))
        }
    }
}

pub(super) fn nchars(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}
/// Byte offset of character index `ci` (clamped to the end).
fn byte_at(s: &str, ci: usize) -> usize {
    if s.is_ascii() {
        return ci.min(s.len());
    }
    s.char_indices().nth(ci).map_or(s.len(), |(b, _)| b)
}

fn char_at_byte(s: &str, b: usize) -> usize {
    if s.is_ascii() {
        b
    } else {
        s[..b].chars().count()
    }
}
/// An optional start/end argument (None means absent).
fn opt_index(vm: &mut Vm, v: Option<Value>) -> PyResult<Option<i64>> {
    match v {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) => {
            if let Some(i) = vm.to_i64(v) {
                return Ok(Some(i));
            }
            if let Some(b) = v.as_bigint() {
                use num_traits::Signed;
                return Ok(Some(if b.is_negative() {
                    i64::MIN / 2
                } else {
                    i64::MAX / 2
                }));
            }
            if v.as_instance().is_some() {
                return index_arg(vm, v).map(Some);
            }
            Err(vm.type_error("slice indices must be integers or None or have an __index__ method"))
        }
    }
}
/// CPython's ADJUST_INDICES: (start, end) in characters, end clamped to len;
/// start may exceed len.
fn adjust(len: usize, start: Option<i64>, end: Option<i64>) -> (i64, i64) {
    let len = len as i64;
    let mut e = end.unwrap_or(len);
    if e > len {
        e = len;
    } else if e < 0 {
        e = (e + len).max(0);
    }
    let mut s = start.unwrap_or(0);
    if s < 0 {
        s = (s + len).max(0);
    }
    (s, e)
}

fn new_strs(vm: &mut Vm, parts: Vec<&str>) -> Value {
    let vals: Vec<Value> = parts.into_iter().map(|p| vm.new_str(p)).collect();
    vm.new_list(vals)
}

fn join(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "str.join", kw)?;
    check_method(vm, "str.join", args, 1, 1)?;
    let sep = this(vm, args, "join")?;
    let it = args[1];
    let items: Vec<Value> = match it.kind() {
        Some(Kind::List) => it.as_list().map(|l| l.items.clone()).unwrap_or_default(),
        Some(Kind::Tuple) => it.as_tuple().map(|t| t.items.to_vec()).unwrap_or_default(),
        _ => {
            let ok = matches!(
                it.kind(),
                Some(Kind::Str | Kind::Dict | Kind::DictView | Kind::Iter | Kind::Range)
            ) || (it.as_instance().is_some() && {
                let s = vm.sym("__iter__");
                let g = vm.sym("__getitem__");
                let c = vm.class_of(it);
                vm.class_lookup(c, s).is_some() || vm.class_lookup(c, g).is_some()
            });
            if !ok {
                return Err(vm.type_error("can only join an iterable"));
            }
            vm.collect_iterable(it)?
        }
    };
    let mut total = 0;
    for (i, x) in items.iter().enumerate() {
        match x.as_str() {
            Some(s) => total += s.len() + sep.len(),
            None => {
                let t = vm.type_name(*x);
                return Err(vm.type_error(&format!(
                    "sequence item {i}: expected str instance, {t} found"
                )));
            }
        }
    }
    if items.len() == 1 {
        return Ok(items[0]);
    }
    let mut out = String::with_capacity(total);
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(x.as_str().unwrap_or(""));
    }
    Ok(vm.new_str_owned(out))
}
/// The (sep, maxsplit) arguments of split/rsplit.
fn split_args(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &[(Sym, Value)],
) -> PyResult<(Option<&'static str>, i64)> {
    check_at(vm, name, args, 0, 2)?;
    let mut sep = args.get(1).copied();
    let mut maxsplit = args.get(2).copied();
    for &(k, v) in kw {
        let kn = vm.sym_str(k);
        match kn.as_str() {
            "sep" if sep.is_none() => sep = Some(v),
            "maxsplit" if maxsplit.is_none() => maxsplit = Some(v),
            "sep" | "maxsplit" => {
                let pos = if kn == "sep" { 1 } else { 2 };
                return Err(vm.type_error(&format!(
                    "argument for {name}() given by name ('{kn}') and position ({pos})"
                )));
            }
            _ => {
                return Err(vm.type_error(&format!(
                    "{name}() got an unexpected keyword argument '{kn}'"
                )))
            }
        }
    }
    let maxsplit = match maxsplit {
        None => -1,
        Some(v) => index_arg(vm, v)?,
    };
    let sep = match sep {
        None => None,
        Some(v) if v.is_none() => None,
        Some(v) => match v.as_str() {
            Some("") => return Err(vm.value_error("empty separator")),
            Some(s) => Some(s),
            None => {
                let t = vm.type_name(v);
                return Err(vm.type_error(&format!("must be str or None, not {t}")));
            }
        },
    };
    Ok((sep, maxsplit))
}

fn split(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    let s = this(vm, args, "split")?;
    let (sep, maxsplit) = split_args(vm, "split", args, kw)?;
    let max = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    let mut parts: Vec<&str> = Vec::new();
    match sep {
        Some(sep) => {
            let mut rest = s;
            while parts.len() < max {
                match rest.find(sep) {
                    Some(i) => {
                        parts.push(&rest[..i]);
                        rest = &rest[i + sep.len()..];
                    }
                    None => break,
                }
            }
            parts.push(rest);
        }
        None => {
            let mut rest = s.trim_start_matches(unicode_is_space);
            while !rest.is_empty() {
                if parts.len() >= max {
                    parts.push(rest);
                    break;
                }
                let end = rest.find(unicode_is_space).unwrap_or(rest.len());
                parts.push(&rest[..end]);
                rest = rest[end..].trim_start_matches(unicode_is_space);
            }
        }
    }
    Ok(new_strs(vm, parts))
}

fn rsplit(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    let s = this(vm, args, "rsplit")?;
    let (sep, maxsplit) = split_args(vm, "rsplit", args, kw)?;
    let max = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    let mut parts: Vec<&str> = Vec::new();
    match sep {
        Some(sep) => {
            let mut rest = s;
            while parts.len() < max {
                match rest.rfind(sep) {
                    Some(i) => {
                        parts.push(&rest[i + sep.len()..]);
                        rest = &rest[..i];
                    }
                    None => break,
                }
            }
            parts.push(rest);
        }
        None => {
            let mut rest = s.trim_end_matches(unicode_is_space);
            while !rest.is_empty() {
                if parts.len() >= max {
                    parts.push(rest);
                    break;
                }
                let start = rest.rfind(unicode_is_space).map_or(0, |i| {
                    i + rest[i..].chars().next().map_or(1, |c| c.len_utf8())
                });
                parts.push(&rest[start..]);
                rest = rest[..start].trim_end_matches(unicode_is_space);
            }
        }
    }
    parts.reverse();
    Ok(new_strs(vm, parts))
}

fn strip_impl(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &[(Sym, Value)],
    left: bool,
    right: bool,
) -> PyResult<Value> {
    no_kwargs(vm, format_args!("str.{name}"), kw)?;
    check_method(vm, format_args!("str.{name}"), args, 0, 1)?;
    let s = this(vm, args, name)?;
    let chars = match args.get(1) {
        None => None,
        Some(v) if v.is_none() => None,
        Some(v) => match v.as_str() {
            Some(c) => Some(c),
            None => return Err(vm.type_error(&format!("{name} arg must be None or str"))),
        },
    };
    let r = match chars {
        None => {
            let mut r = s;
            if left {
                r = r.trim_start_matches(unicode_is_space);
            }
            if right {
                r = r.trim_end_matches(unicode_is_space);
            }
            r
        }
        Some(cs) => {
            let f = |c: char| cs.contains(c);
            let mut r = s;
            if left {
                r = r.trim_start_matches(f);
            }
            if right {
                r = r.trim_end_matches(f);
            }
            r
        }
    };
    if r.len() == s.len() {
        return Ok(args[0]);
    }
    Ok(vm.new_str(r))
}

fn strip(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    strip_impl(vm, "strip", args, kw, true, true)
}

fn lstrip(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    strip_impl(vm, "lstrip", args, kw, true, false)
}

fn rstrip(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    strip_impl(vm, "rstrip", args, kw, false, true)
}

fn starts_ends(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &[(Sym, Value)],
    ends: bool,
) -> PyResult<Value> {
    no_kwargs(vm, format_args!("str.{name}"), kw)?;
    check_at(vm, name, args, 1, 3)?;
    let s = this(vm, args, name)?;
    let start = opt_index(vm, args.get(2).copied())?;
    let end = opt_index(vm, args.get(3).copied())?;
    let n = nchars(s);
    let (a, b) = adjust(n, start, end);
    let test = |p: &str| -> bool {
        if a > n as i64 {
            return false;
        }
        let pl = nchars(p) as i64;
        if b - a < pl {
            return false;
        }
        let (ba, bb) = (byte_at(s, a as usize), byte_at(s, b as usize));
        let sub = &s[ba..bb.max(ba)];
        if ends {
            sub.ends_with(p)
        } else {
            sub.starts_with(p)
        }
    };
    let p = args[1];
    if let Some(t) = p.as_tuple() {
        for &x in t.items.iter() {
            match x.as_str() {
                Some(ps) => {
                    if test(ps) {
                        return Ok(Value::TRUE);
                    }
                }
                None => {
                    let tn = vm.type_name(x);
                    return Err(
                        vm.type_error(&format!("tuple for {name} must only contain str, not {tn}"))
                    );
                }
            }
        }
        return Ok(Value::FALSE);
    }
    match p.as_str() {
        Some(ps) => Ok(Value::from_bool(test(ps))),
        None => {
            let tn = vm.type_name(p);
            Err(vm.type_error(&format!(
                "{name} first arg must be str or a tuple of str, not {tn}"
            )))
        }
    }
}

fn startswith(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    starts_ends(vm, "startswith", args, kw, false)
}

fn endswith(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    starts_ends(vm, "endswith", args, kw, true)
}
/// find/rfind core: the character index of `sub` in `s[start:end]`.
fn find_impl(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &[(Sym, Value)],
    rev: bool,
) -> PyResult<(i64, &'static str)> {
    no_kwargs(vm, format_args!("str.{name}"), kw)?;
    check_at(vm, name, args, 1, 3)?;
    let s = this(vm, args, name)?;
    let start = opt_index(vm, args.get(2).copied())?;
    let end = opt_index(vm, args.get(3).copied())?;
    let sub = str_arg(vm, args[1])?;
    let n = nchars(s);
    let (a, b) = adjust(n, start, end);
    if a > n as i64 || b - a < nchars(sub) as i64 {
        return Ok((-1, s));
    }
    let (ba, bb) = (byte_at(s, a as usize), byte_at(s, b as usize));
    let hay = &s[ba..bb];
    let found = if rev { hay.rfind(sub) } else { hay.find(sub) };
    Ok((found.map_or(-1, |i| char_at_byte(s, ba + i) as i64), s))
}

fn find(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    let (i, _) = find_impl(vm, "find", args, kw, false)?;
    Ok(vm.new_int(i))
}

fn rfind(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    let (i, _) = find_impl(vm, "rfind", args, kw, true)?;
    Ok(vm.new_int(i))
}

fn index(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    let (i, _) = find_impl(vm, "index", args, kw, false)?;
    if i < 0 {
        return Err(vm.value_error("substring not found"));
    }
    Ok(vm.new_int(i))
}

fn rindex(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    let (i, _) = find_impl(vm, "rindex", args, kw, true)?;
    if i < 0 {
        return Err(vm.value_error("substring not found"));
    }
    Ok(vm.new_int(i))
}

fn count(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "str.count", kw)?;
    check_at(vm, "count", args, 1, 3)?;
    let s = this(vm, args, "count")?;
    let start = opt_index(vm, args.get(2).copied())?;
    let end = opt_index(vm, args.get(3).copied())?;
    let sub = str_arg(vm, args[1])?;
    let n = nchars(s);
    let (a, b) = adjust(n, start, end);
    if a > n as i64 || b < a {
        return Ok(Value::from_small(0));
    }
    if sub.is_empty() {
        return Ok(vm.new_int(b - a + 1));
    }
    let (ba, bb) = (byte_at(s, a as usize), byte_at(s, b as usize));
    Ok(vm.new_int(s[ba..bb].matches(sub).count() as i64))
}

fn replace(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "str.replace", kw)?;
    check_method(vm, "str.replace", args, 2, 3)?;
    let s = this(vm, args, "replace")?;
    let mut parts = [""; 2];
    for (i, part) in parts.iter_mut().enumerate() {
        match args[i + 1].as_str() {
            Some(x) => *part = x,
            None => {
                let t = super::clinic_type_name(vm, args[i + 1]);
                return Err(vm.type_error(&format!(
                    "replace() argument {} must be str, not {t}",
                    i + 1
                )));
            }
        }
    }
    let [old, new] = parts;
    let count = match args.get(3) {
        Some(&c) => index_arg(vm, c)?,
        None => -1,
    };
    let max = if count < 0 {
        usize::MAX
    } else {
        count as usize
    };
    let out = if old.is_empty() {
        let mut out = String::with_capacity(s.len() * (new.len() + 1));
        let mut done = 0;
        for c in s.chars() {
            if done < max {
                out.push_str(new);
                done += 1;
            }
            out.push(c);
        }
        if done < max {
            out.push_str(new);
        }
        out
    } else if max == usize::MAX {
        s.replace(old, new)
    } else {
        s.replacen(old, new, max)
    };
    Ok(vm.new_str_owned(out))
}

fn partition_impl(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &[(Sym, Value)],
    rev: bool,
) -> PyResult<Value> {
    let q = format!("str.{name}");
    no_kwargs(vm, &q, kw)?;
    check_method(vm, &q, args, 1, 1)?;
    let s = this(vm, args, name)?;
    let sep = str_arg(vm, args[1])?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let found = if rev { s.rfind(sep) } else { s.find(sep) };
    let parts = match found {
        Some(i) => [&s[..i], sep, &s[i + sep.len()..]],
        None if rev => ["", "", s],
        None => [s, "", ""],
    };
    let vals: Vec<Value> = parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if p.len() == s.len() && (i == 0 || i == 2) {
                args[0]
            } else if i == 1 && found.is_some() {
                args[1]
            } else {
                vm.new_str(p)
            }
        })
        .collect();
    Ok(vm.new_tuple(vals))
}

fn partition(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    partition_impl(vm, "partition", args, kw, false)
}

fn rpartition(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    partition_impl(vm, "rpartition", args, kw, true)
}

fn splitlines(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    check_at(vm, "splitlines", args, 0, 1)?;
    let s = this(vm, args, "splitlines")?;
    let mut keep = args.get(1).copied();
    for &(k, v) in kw {
        let kn = vm.sym_str(k);
        if kn == "keepends" && keep.is_none() {
            keep = Some(v);
        } else {
            return Err(vm.type_error(&format!(
                "splitlines() got an unexpected keyword argument '{kn}'"
            )));
        }
    }
    let keep = match keep {
        Some(v) if v.is_bool() => v == Value::TRUE,
        Some(v) if v.as_bigint().is_some() => {
            return Err(vm.overflow_error("Python int too large to convert to C int"));
        }
        Some(v) => index_arg(vm, v)? != 0,
        None => false,
    };
    let is_break = |c: char| {
        matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        )
    };
    let mut parts = Vec::new();
    let mut start = 0;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if is_break(c) {
            let mut end = i + c.len_utf8();
            if c == '\r' {
                if let Some(&(_, '\n')) = it.peek() {
                    it.next();
                    end += 1;
                }
            }
            parts.push(if keep { &s[start..end] } else { &s[start..i] });
            start = end;
        }
    }
    if start < s.len() {
        parts.push(&s[start..]);
    }
    Ok(new_strs(vm, parts))
}

fn expandtabs(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    check_at(vm, "expandtabs", args, 0, 1)?;
    let s = this(vm, args, "expandtabs")?;
    let mut ts = args.get(1).copied();
    for &(k, v) in kw {
        let kn = vm.sym_str(k);
        if kn == "tabsize" && ts.is_none() {
            ts = Some(v);
        } else {
            return Err(vm.type_error(&format!(
                "expandtabs() got an unexpected keyword argument '{kn}'"
            )));
        }
    }
    let tabsize = match ts {
        Some(v) => index_arg(vm, v)?,
        None => 8,
    };
    too_big(vm, tabsize)?;
    let mut out = String::with_capacity(s.len());
    let mut col: i64 = 0;
    for c in s.chars() {
        match c {
            '\t' => {
                if tabsize > 0 {
                    let n = tabsize - col % tabsize;
                    out.extend(std::iter::repeat_n(' ', n as usize));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(vm.new_str_owned(out))
}

fn remove_fix(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &[(Sym, Value)],
    suffix: bool,
) -> PyResult<Value> {
    let q = format!("str.{name}");
    no_kwargs(vm, &q, kw)?;
    check_method(vm, &q, args, 1, 1)?;
    let s = this(vm, args, name)?;
    let Some(p) = args[1].as_str() else {
        let t = super::clinic_type_name(vm, args[1]);
        return Err(vm.type_error(&format!("{name}() argument must be str, not {t}")));
    };
    let r = if suffix {
        s.strip_suffix(p)
    } else {
        s.strip_prefix(p)
    };
    match r {
        Some(r) if !p.is_empty() => Ok(vm.new_str(r)),
        _ => Ok(args[0]),
    }
}

fn removeprefix(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    remove_fix(vm, "removeprefix", args, kw, false)
}

fn removesuffix(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    remove_fix(vm, "removesuffix", args, kw, true)
}

fn format(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    let s = this(vm, args, "format")?;
    let out = super::str_format::str_format(vm, s, &args[1..], kw)?;
    Ok(vm.new_str_owned(out))
}
