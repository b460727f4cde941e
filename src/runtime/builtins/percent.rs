//! printf-style `str % args` (CPython's `PyUnicode_Format`): `%s %r %a %c
//! %d %i %u %o %x %X %e %E %f %F %g %G %%`, flags `-+ #0`, width and
//! precision (also `*`), `%(key)s` with a mapping, and CPython's messages.

use super::ascii_escape;
use crate::runtime::numfmt::{self, DTSF_ALT, DTSF_SIGN};
use crate::runtime::object::Kind;
use crate::runtime::value::Value;
use crate::runtime::vm::Vm;
use crate::runtime::PyResult;
use num_bigint::BigInt;
use num_traits::Signed;

/// The argument source of one `%` operation.
struct Args {
    items: Vec<Value>,
    idx: usize,
    /// The right operand when it may be indexed by `%(key)s`.
    mapping: Option<Value>,
    used_key: bool,
}

impl Args {
    fn next(&mut self, vm: &mut Vm) -> PyResult<Value> {
        if self.used_key {
            return Err(vm.type_error("not enough arguments for format string"));
        }
        match self.items.get(self.idx) {
            Some(&v) => {
                self.idx += 1;
                Ok(v)
            }
            None => Err(vm.type_error("not enough arguments for format string")),
        }
    }
}

#[derive(Default)]
struct Flags {
    left: bool,
    plus: bool,
    space: bool,
    alt: bool,
    zero: bool,
}

/// `fmt % args`.
pub fn percent_format(vm: &mut Vm, fmt: &str, args: Value) -> PyResult<String> {
    let is_tuple = args.is_kind(Kind::Tuple);
    let mapping = if !is_tuple
        && !args.is_kind(Kind::Str)
        && (matches!(args.kind(), Some(Kind::Dict | Kind::List))
            || (args.as_instance().is_some() && {
                let g = vm.sym("__getitem__");
                vm.class_lookup(vm.class_of(args), g).is_some()
            })) {
        Some(args)
    } else {
        None
    };
    let items = if is_tuple {
        args.as_tuple()
            .map(|t| t.items.to_vec())
            .unwrap_or_default()
    } else {
        vec![args]
    };
    let mut a = Args {
        items,
        idx: 0,
        mapping,
        used_key: false,
    };
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::with_capacity(fmt.len() + 16);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        if c != '%' {
            out.push(c);
            continue;
        }
        let spec_start = i;
        // %(key)
        let mut value: Option<Value> = None;
        if chars.get(i) == Some(&'(') {
            let Some(m) = a.mapping else {
                return Err(vm.type_error("format requires a mapping"));
            };
            let mut depth = 1;
            let start = i + 1;
            i += 1;
            while i < chars.len() && depth > 0 {
                match chars[i] {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                i += 1;
            }
            if depth > 0 {
                return Err(vm.value_error("incomplete format key"));
            }
            let key: String = chars[start..i - 1].iter().collect();
            let k = vm.new_str_owned(key);
            vm.roots.push(k);
            let v = vm.subscr(m, k);
            vm.roots.pop();
            value = Some(v?);
            a.used_key = true;
        }
        let mut fl = Flags::default();
        while let Some(&f) = chars.get(i) {
            match f {
                '-' => fl.left = true,
                '+' => fl.plus = true,
                ' ' => fl.space = true,
                '#' => fl.alt = true,
                '0' => fl.zero = true,
                _ => break,
            }
            i += 1;
        }
        let width = read_num(vm, &chars, &mut i, &mut a)?;
        let mut width = width.unwrap_or(0);
        if width < 0 {
            fl.left = true;
            width = -width;
        }
        let mut prec: Option<i64> = None;
        if chars.get(i) == Some(&'.') {
            i += 1;
            prec = Some(read_num(vm, &chars, &mut i, &mut a)?.unwrap_or(0).max(0));
        }
        while matches!(chars.get(i), Some('h' | 'l' | 'L')) {
            i += 1;
        }
        let Some(&ty) = chars.get(i) else {
            return Err(vm.value_error("incomplete format"));
        };
        i += 1;
        if ty == '%' && i == spec_start + 1 {
            out.push('%');
            continue;
        }
        let v = match value {
            Some(v) => v,
            None => a.next(vm)?,
        };
        let body = convert(vm, ty, v, &fl, prec, i - 1)?;
        pad(&mut out, &body, width as usize, &fl, ty);
    }
    if a.idx < a.items.len() && !a.used_key && a.mapping.is_none() {
        return Err(vm.type_error("not all arguments converted during string formatting"));
    }
    Ok(out)
}

/// A width or precision: digits or `*` (taken from the arguments).
fn read_num(vm: &mut Vm, chars: &[char], i: &mut usize, a: &mut Args) -> PyResult<Option<i64>> {
    if chars.get(*i) == Some(&'*') {
        *i += 1;
        let v = a.next(vm)?;
        return match vm.to_i64(v).filter(|_| !v.is_float()) {
            Some(n) => Ok(Some(n)),
            None => Err(vm.type_error("* wants int")),
        };
    }
    let mut n: Option<i64> = None;
    while let Some(d) = chars.get(*i).and_then(|c| c.to_digit(10)) {
        n = Some(n.unwrap_or(0).saturating_mul(10).saturating_add(d as i64));
        *i += 1;
    }
    if n.is_some_and(|n| n > (1 << 30)) {
        return Err(vm.value_error("width too big"));
    }
    Ok(n)
}

/// The converted text of one argument (before width padding).
fn convert(
    vm: &mut Vm,
    ty: char,
    v: Value,
    fl: &Flags,
    prec: Option<i64>,
    at: usize,
) -> PyResult<String> {
    match ty {
        's' | 'r' | 'a' => {
            let s = match ty {
                's' => vm.str(v)?,
                'r' => vm.repr(v)?,
                _ => ascii_escape(&vm.repr(v)?),
            };
            Ok(match prec {
                Some(p) => s.chars().take(p as usize).collect(),
                None => s,
            })
        }
        'c' => {
            if let Some(s) = v.as_str_obj() {
                if s.chars == 1 {
                    return Ok(s.s.to_string());
                }
                return Err(vm.type_error("%c requires int or char"));
            }
            if !vm.is_int(v) {
                return Err(vm.type_error("%c requires int or char"));
            }
            match vm
                .to_i64(v)
                .filter(|i| (0..0x110000).contains(i))
                .and_then(|i| char::from_u32(i as u32))
            {
                Some(c) => Ok(c.to_string()),
                None => Err(vm.overflow_error("%c arg not in range(0x110000)")),
            }
        }
        'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
            let n = int_operand(vm, ty, v)?;
            Ok(format_int(&n, ty, fl, prec))
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            let x = match vm.to_f64(v)? {
                Some(x) => x,
                None => {
                    let t = vm.type_name(v);
                    return Err(vm.type_error(&format!("must be real number, not {t}")));
                }
            };
            let mut flags = 0;
            if fl.alt {
                flags |= DTSF_ALT;
            }
            if fl.plus {
                flags |= DTSF_SIGN;
            }
            let p = prec.unwrap_or(6) as usize;
            let mut s = numfmt::double_to_string(x, ty, p, flags).unwrap_or_default();
            if fl.space && !s.starts_with('-') && !s.starts_with('+') {
                s.insert(0, ' ');
            }
            Ok(s)
        }
        '%' => Ok("%".to_string()),
        _ => {
            let msg = format!(
                "unsupported format character '{ty}' (0x{:x}) at index {at}",
                ty as u32
            );
            Err(vm.value_error(&msg))
        }
    }
}

/// The int operand of `%d`-like conversions (floats truncate for `%d`).
fn int_operand(vm: &mut Vm, ty: char, v: Value) -> PyResult<BigInt> {
    if let Some(b) = vm.to_bigint(v) {
        return Ok(b);
    }
    let decimal = matches!(ty, 'd' | 'i' | 'u');
    if decimal {
        if let Some(x) = v.as_float() {
            return match numfmt::float_to_bigint(x) {
                Some(b) => Ok(b),
                None if x.is_nan() => Err(vm.value_error("cannot convert float NaN to integer")),
                None => Err(vm.overflow_error("cannot convert float infinity to integer")),
            };
        }
    }
    if v.as_instance().is_some() {
        let name = if decimal { "__int__" } else { "__index__" };
        let s = vm.sym(name);
        if let Some(f) = vm.class_lookup(vm.class_of(v), s) {
            let r = vm.call(f, &[v], &[])?;
            if let Some(b) = vm.to_bigint(r) {
                return Ok(b);
            }
        }
    }
    let t = vm.type_name(v);
    let what = if decimal {
        "a real number"
    } else {
        "an integer"
    };
    Err(vm.type_error(&format!("%{ty} format: {what} is required, not {t}")))
}

fn format_int(n: &BigInt, ty: char, fl: &Flags, prec: Option<i64>) -> String {
    let radix = match ty {
        'o' => 8,
        'x' | 'X' => 16,
        _ => 10,
    };
    let mut digits = n.magnitude().to_str_radix(radix);
    if ty == 'X' {
        digits = digits.to_uppercase();
    }
    if let Some(p) = prec {
        let p = p as usize;
        if digits.len() < p {
            digits = format!("{}{digits}", "0".repeat(p - digits.len()));
        }
    }
    let mut prefix = String::new();
    if n.is_negative() {
        prefix.push('-');
    } else if fl.plus {
        prefix.push('+');
    } else if fl.space {
        prefix.push(' ');
    }
    if fl.alt {
        match ty {
            'o' => prefix.push_str("0o"),
            'x' => prefix.push_str("0x"),
            'X' => prefix.push_str("0X"),
            _ => {}
        }
    }
    // A marker between prefix and digits for zero padding.
    format!("{prefix}\u{0}{digits}")
}

/// Appends `body` padded to `width` (zero padding goes after the sign and
/// prefix; numbers mark that spot with a NUL).
fn pad(out: &mut String, body: &str, width: usize, fl: &Flags, ty: char) {
    let (head, tail) = match body.split_once('\u{0}') {
        Some((h, t)) => (h.to_string(), t.to_string()),
        None => {
            let numeric = matches!(ty, 'e' | 'E' | 'f' | 'F' | 'g' | 'G');
            let sign_len = if numeric && body.starts_with(['-', '+', ' ']) {
                1
            } else {
                0
            };
            (body[..sign_len].to_string(), body[sign_len..].to_string())
        }
    };
    let len = head.chars().count() + tail.chars().count();
    let fill = width.saturating_sub(len);
    let numeric = matches!(
        ty,
        'd' | 'i' | 'u' | 'o' | 'x' | 'X' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G'
    );
    if fl.left {
        out.push_str(&head);
        out.push_str(&tail);
        out.extend(std::iter::repeat_n(' ', fill));
    } else if fl.zero && numeric {
        out.push_str(&head);
        out.extend(std::iter::repeat_n('0', fill));
        out.push_str(&tail);
    } else {
        out.extend(std::iter::repeat_n(' ', fill));
        out.push_str(&head);
        out.push_str(&tail);
    }
}

#[cfg(test)]
mod tests {
    use super::percent_format;
    use crate::runtime::value::Value;
    use crate::runtime::vm::Vm;

    fn run(vm: &mut Vm, fmt: &str, args: Value) -> String {
        match percent_format(vm, fmt, args) {
            Ok(s) => s,
            Err(_) => {
                let e = vm.exc;
                vm.exc_last_line(e)
            }
        }
    }

    // Expected strings are what CPython 3.11 prints for `fmt % args`.
    #[test]
    fn matches_cpython() {
        let mut vm = Vm::new(Vec::new());
        let et = vm.empty_tuple;
        let i = |n: i64| Value::from_small(n);
        let f = Value::from_float;
        let s1 = vm.new_str("z");
        let s2 = vm.new_str("q");
        let s3 = vm.new_str("abcdef");
        let l = vm.new_list(vec![i(1)]);
        let args = vm.new_tuple(vec![
            f(3.14158),
            i(42),
            i(5),
            i(5),
            i(-42),
            i(255),
            i(255),
            i(8),
            f(12345.678),
            f(0.00001),
            f(1234.5),
            i(65),
            s1,
            s2,
            l,
            s3,
        ]);
        assert_eq!(
            run(
                &mut vm,
                "%5.2f|%-6d|%+d|% d|%05d|%x|%#X|%#o|%e|%g|%10.3e|%c|%c|%r|%s|%%|%.2s|",
                args
            ),
            " 3.14|42    |+5| 5|-0042|ff|0XFF|0o10|1.234568e+04|1e-05| 1.234e+03|A|z|'q'|[1]|%|ab|"
        );
        let t = vm.new_tuple(vec![i(1), i(2)]);
        assert_eq!(
            run(&mut vm, "%s", t),
            "TypeError: not all arguments converted during string formatting"
        );
        let t = vm.new_tuple(vec![i(1)]);
        assert_eq!(
            run(&mut vm, "%s %s", t),
            "TypeError: not enough arguments for format string"
        );
        assert_eq!(
            run(&mut vm, "%q", i(1)),
            "ValueError: unsupported format character 'q' (0x71) at index 1"
        );
        assert_eq!(run(&mut vm, "%", i(1)), "ValueError: incomplete format");
        let a = vm.new_str("a");
        assert_eq!(
            run(&mut vm, "%d", a),
            "TypeError: %d format: a real number is required, not str"
        );
        assert_eq!(
            run(&mut vm, "%x", f(1.5)),
            "TypeError: %x format: an integer is required, not float"
        );
        assert_eq!(
            run(&mut vm, "%f", a),
            "TypeError: must be real number, not str"
        );
        assert_eq!(run(&mut vm, "%d", f(3.7)), "3");
        let t = vm.new_tuple(vec![i(5), i(3), i(8), i(2), f(3.14158)]);
        assert_eq!(run(&mut vm, "%*d|%-*.*f", t), "    3|3.14    ");
        let empty = vm.new_list(Vec::new());
        assert_eq!(run(&mut vm, "abc", empty), "abc");
        assert_eq!(
            run(&mut vm, "abc", i(5)),
            "TypeError: not all arguments converted during string formatting"
        );
        assert_eq!(
            run(&mut vm, "%.3d|%#.3x|%x|%o", et),
            "TypeError: not enough arguments for format string"
        );
        let t = vm.new_tuple(vec![i(5), i(5), i(-255), i(-8)]);
        assert_eq!(run(&mut vm, "%.3d|%#.3x|%x|%o", t), "005|0x005|-ff|-10");
        let t = vm.new_tuple(vec![
            f(0.5),
            f(0.25),
            f(-0.0),
            f(1e-10),
            f(1e20),
            f(1.0),
            f(-3.5),
        ]);
        assert_eq!(
            run(&mut vm, "%.0f %.1f %+.2e %g %G %#g %08.2f", t),
            "0 0.2 -0.00e+00 1e-10 1E+20 1.00000 -0003.50"
        );
        let t = vm.new_tuple(vec![f(f64::INFINITY), i(-3), i(3), i(3), i(255), i(255)]);
        assert_eq!(
            run(&mut vm, "%05f|%-5d|%+05d|% 5d|%#5x|%#05x", t),
            "00inf|-3   |+0003|    3| 0xff|0x0ff"
        );
        let mut d = crate::runtime::dict::Dict::new();
        let (ka, kb) = (vm.new_str("a"), vm.new_str("b"));
        let d_v = vm.new_dict(std::mem::take(&mut d));
        vm.dict_set(d_v, ka, i(1)).unwrap();
        vm.dict_set(d_v, kb, i(2)).unwrap();
        assert_eq!(run(&mut vm, "%(a)s-%(b)d", d_v), "1-2");
        assert_eq!(
            run(&mut vm, "%(a)s", i(1)),
            "TypeError: format requires a mapping"
        );
        assert_eq!(run(&mut vm, "%(c)s", d_v), "KeyError: 'c'");
        assert_eq!(
            run(&mut vm, "%(a", d_v),
            "ValueError: incomplete format key"
        );
        assert_eq!(run(&mut vm, "%s", d_v), "{'a': 1, 'b': 2}");
        let t = vm.new_tuple(vec![i(5), s1, s1]);
        assert_eq!(run(&mut vm, "%-+6d|%05s|%5c|", t), "+5    |    z|    z|");
        assert_eq!(
            run(&mut vm, "%c", i(0x110000)),
            "OverflowError: %c arg not in range(0x110000)"
        );
        assert_eq!(run(&mut vm, "%c", s3), "TypeError: %c requires int or char");
        assert_eq!(
            run(&mut vm, "%.0e|%#.0f", et),
            "TypeError: not enough arguments for format string"
        );
        let t = vm.new_tuple(vec![i(15000), i(3)]);
        assert_eq!(run(&mut vm, "%.0e|%#.0f", t), "2e+04|3.");
        let t = vm.new_tuple(vec![s1, i(1)]);
        assert_eq!(run(&mut vm, "%*d", t), "TypeError: * wants int");
    }
}
