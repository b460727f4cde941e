//! Builtin functions that are neither numeric nor iterator-making: `print`,
//! `len`, `repr`, `ascii`, `isinstance`, `issubclass`, `callable`, `id`,
//! `hash`, `getattr`/`setattr`/`hasattr`/`delattr`, `chr`, `ord`,
//! `hex`/`bin`/`oct`, `format`, `input`, and the `NotImplemented` singleton.

use super::{add_function, ascii_escape, check_args, index_arg, no_kwargs};
use crate::intern::Sym;
use crate::runtime::classes::new_class;
use crate::runtime::numfmt;
use crate::runtime::object::*;
use crate::runtime::value::Value;
use crate::runtime::vm::Vm;
use crate::runtime::PyResult;

pub fn install(vm: &mut Vm) {
    add_function(vm, "print", print);
    add_function(vm, "len", len);
    add_function(vm, "repr", repr);
    add_function(vm, "ascii", ascii);
    add_function(vm, "isinstance", isinstance);
    add_function(vm, "issubclass", issubclass);
    add_function(vm, "callable", callable);
    add_function(vm, "id", id);
    add_function(vm, "hash", hash);
    add_function(vm, "getattr", getattr);
    add_function(vm, "setattr", setattr);
    add_function(vm, "hasattr", hasattr);
    add_function(vm, "delattr", delattr);
    add_function(vm, "chr", chr);
    add_function(vm, "ord", ord);
    add_function(vm, "hex", hex);
    add_function(vm, "bin", bin);
    add_function(vm, "oct", oct);
    add_function(vm, "format", format);
    add_function(vm, "input", input);
    add_function(vm, "exit", super::modules::sys_exit);
    add_function(vm, "quit", super::modules::sys_exit);
    // NotImplemented: the only instance of a private class whose repr is its name.
    let cls = new_class(
        &mut vm.heap,
        &mut vm.names,
        &mut vm.shapes,
        "NotImplementedType",
        vm.cls.object,
        BuiltinType::User,
    );
    let ni = vm.instantiate(cls, &[], &[]).unwrap_or(Value::NONE);
    super::add_repr(vm, cls, "__repr__", not_implemented_repr);
    if let Some(c) = cls.as_class() {
        let b = vm.new_str("builtins");
        c.module = b;
    }
    vm.set_builtin("NotImplemented", ni);
}

fn not_implemented_repr(vm: &mut Vm, _args: &[Value], _kw: &[(Sym, Value)]) -> PyResult<Value> {
    Ok(vm.new_str("NotImplemented"))
}

fn print(vm: &mut Vm, args: &[Value], kwargs: &[(Sym, Value)]) -> PyResult<Value> {
    let mut sep = " ".to_string();
    let mut end = "\n".to_string();
    let mut flush = false;
    let mut file = Value::NONE;
    for &(k, v) in kwargs {
        if k == vm.s.sep || k == vm.s.end {
            let s = if v.is_none() {
                if k == vm.s.sep {
                    " ".to_string()
                } else {
                    "\n".to_string()
                }
            } else if let Some(s) = v.as_str() {
                s.to_string()
            } else {
                let t = vm.type_name(v);
                let which = vm.sym_str(k);
                return Err(vm.type_error(&format!("{which} must be None or a string, not {t}")));
            };
            if k == vm.s.sep {
                sep = s;
            } else {
                end = s;
            }
        } else if k == vm.s.flush {
            flush = vm.truthy(v)?;
        } else if k == vm.s.file {
            file = v;
        } else {
            let n = vm.sym_str(k);
            return Err(vm.type_error(&format!("'{n}' is an invalid keyword argument for print()")));
        }
    }
    if !file.is_none() && super::modules::stream_fd(vm, file).is_none() {
        return print_to_object(vm, file, args, &sep, &end);
    }
    let emit = |vm: &mut Vm, out: &str| match super::modules::stream_fd(vm, file) {
        Some(fd) => super::modules::write_fd(vm, fd, out),
        None => vm.write_out(out),
    };
    let mut out = String::new();
    for (i, &a) in args.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        match vm.str(a) {
            Ok(s) => out.push_str(&s),
            Err(e) => {
                // CPython writes each piece as it goes: what came before
                // the failing argument (and its separator) is printed.
                emit(vm, &out);
                return Err(e);
            }
        }
    }
    out.push_str(&end);
    emit(vm, &out);
    if flush {
        vm.flush_out();
    }
    Ok(Value::NONE)
}

/// `print(..., file=obj)`: each piece goes through `obj.write`, as CPython.
fn print_to_object(
    vm: &mut Vm,
    file: Value,
    args: &[Value],
    sep: &str,
    end: &str,
) -> PyResult<Value> {
    let w = vm.sym("write");
    let f = vm.getattr(file, w)?;
    vm.roots.push(f);
    let r = (|| {
        for (i, &a) in args.iter().enumerate() {
            if i > 0 {
                let s = vm.new_str(sep);
                vm.call(f, &[s], &[])?;
            }
            let text = vm.str(a)?;
            let s = vm.new_str_owned(text);
            vm.call(f, &[s], &[])?;
        }
        let s = vm.new_str(end);
        vm.call(f, &[s], &[])?;
        Ok(Value::NONE)
    })();
    vm.roots.pop();
    r
}

fn len(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "len", kw)?;
    check_args(vm, "len", args, 1, 1)?;
    let n = vm.len(args[0])?;
    Ok(vm.new_int(n as i64))
}

fn repr(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "repr", kw)?;
    check_args(vm, "repr", args, 1, 1)?;
    let s = vm.repr(args[0])?;
    Ok(vm.new_str_owned(s))
}

fn ascii(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "ascii", kw)?;
    check_args(vm, "ascii", args, 1, 1)?;
    let s = vm.repr(args[0])?;
    Ok(vm.new_str_owned(ascii_escape(&s)))
}

/// `isinstance(v, c)` with a class or a (nested) tuple of classes.
pub fn isinstance_of(vm: &mut Vm, v: Value, c: Value) -> PyResult<bool> {
    if let Some(t) = c.as_tuple() {
        for &x in t.items.iter() {
            if isinstance_of(vm, v, x)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if c.as_class().is_none() {
        return Err(
            vm.type_error("isinstance() arg 2 must be a type, a tuple of types, or a union")
        );
    }
    Ok(vm.isinstance(v, c))
}

fn isinstance(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "isinstance", kw)?;
    check_args(vm, "isinstance", args, 2, 2)?;
    Ok(Value::from_bool(isinstance_of(vm, args[0], args[1])?))
}

fn issubclass(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "issubclass", kw)?;
    check_args(vm, "issubclass", args, 2, 2)?;
    fn check(vm: &mut Vm, c: Value, b: Value) -> PyResult<bool> {
        if let Some(t) = b.as_tuple() {
            for &x in t.items.iter() {
                if check(vm, c, x)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        if c.as_class().is_none() {
            return Err(vm.type_error("issubclass() arg 1 must be a class"));
        }
        if b.as_class().is_none() {
            return Err(
                vm.type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union")
            );
        }
        Ok(b == vm.cls.object || vm.is_subclass(c, b))
    }
    Ok(Value::from_bool(check(vm, args[0], args[1])?))
}

/// `callable(v)`.
pub fn is_callable(vm: &mut Vm, v: Value) -> bool {
    match v.kind() {
        Some(Kind::Function | Kind::Builtin | Kind::BoundMethod | Kind::Class) => true,
        Some(Kind::Instance) => {
            let s = vm.sym("__call__");
            vm.class_lookup(vm.class_of(v), s).is_some()
        }
        _ => false,
    }
}

fn callable(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "callable", kw)?;
    check_args(vm, "callable", args, 1, 1)?;
    Ok(Value::from_bool(is_callable(vm, args[0])))
}

fn id(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "id", kw)?;
    check_args(vm, "id", args, 1, 1)?;
    let v = args[0];
    // Heap objects: their address; immediates: a stable number derived from the bits.
    let n = if v.is_ptr() {
        (v.0 & 0xffff_ffff_ffff) as i64
    } else {
        (v.0 >> 1) as i64 & i64::MAX
    };
    Ok(vm.new_int(n))
}

fn hash(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "hash", kw)?;
    check_args(vm, "hash", args, 1, 1)?;
    let h = vm.hash_key(args[0])?;
    Ok(vm.new_int(h))
}

/// The attribute-name argument of getattr & co.
fn attr_name(vm: &mut Vm, v: Value) -> PyResult<Sym> {
    match v.as_str() {
        Some(s) => Ok(vm.sym(s)),
        None => {
            let t = vm.type_name(v);
            Err(vm.type_error(&format!("attribute name must be string, not '{t}'")))
        }
    }
}

fn getattr(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "getattr", kw)?;
    check_args(vm, "getattr", args, 2, 3)?;
    let name = attr_name(vm, args[1])?;
    if args.len() == 3 {
        match vm.getattr(args[0], name) {
            Ok(v) => Ok(v),
            Err(e) => {
                if vm.isinstance(vm.exc, vm.cls.attribute_error) {
                    vm.exc = Value::NONE;
                    Ok(args[2])
                } else {
                    Err(e)
                }
            }
        }
    } else {
        vm.getattr(args[0], name)
    }
}

fn hasattr(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "hasattr", kw)?;
    check_args(vm, "hasattr", args, 2, 2)?;
    let name = attr_name(vm, args[1])?;
    match vm.getattr(args[0], name) {
        Ok(_) => Ok(Value::TRUE),
        Err(e) => {
            if vm.isinstance(vm.exc, vm.cls.attribute_error) {
                vm.exc = Value::NONE;
                Ok(Value::FALSE)
            } else {
                Err(e)
            }
        }
    }
}

fn setattr(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "setattr", kw)?;
    check_args(vm, "setattr", args, 3, 3)?;
    let name = attr_name(vm, args[1])?;
    vm.setattr(args[0], name, args[2])?;
    Ok(Value::NONE)
}

fn delattr(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "delattr", kw)?;
    check_args(vm, "delattr", args, 2, 2)?;
    let name = attr_name(vm, args[1])?;
    vm.delattr(args[0], name)?;
    Ok(Value::NONE)
}

fn chr(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "chr", kw)?;
    check_args(vm, "chr", args, 1, 1)?;
    let v = args[0];
    if v.as_bigint().is_some() {
        return Err(vm.overflow_error("Python int too large to convert to C int"));
    }
    let i = index_arg(vm, v)?;
    if !(0..0x110000).contains(&i) {
        if i > i32::MAX as i64 || i < i32::MIN as i64 {
            return Err(vm.overflow_error("Python int too large to convert to C int"));
        }
        return Err(vm.value_error("chr() arg not in range(0x110000)"));
    }
    match char::from_u32(i as u32) {
        Some(c) => {
            let mut b = [0u8; 4];
            Ok(vm.new_str(c.encode_utf8(&mut b)))
        }
        // Lone surrogates cannot live in a Rust string.
        None => Err(vm.value_error("chr() arg is a surrogate, which basil does not support")),
    }
}

fn ord(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "ord", kw)?;
    check_args(vm, "ord", args, 1, 1)?;
    let Some(so) = args[0].as_str_obj() else {
        let t = vm.type_name(args[0]);
        return Err(vm.type_error(&format!("ord() expected string of length 1, but {t} found")));
    };
    if so.chars != 1 {
        let n = so.chars;
        return Err(vm.type_error(&format!(
            "ord() expected a character, but string of length {n} found"
        )));
    }
    let c = so.s.chars().next().map_or(0, |c| c as i64);
    Ok(Value::from_small(c))
}

fn radix(vm: &mut Vm, name: &str, args: &[Value], kw: &[(Sym, Value)], r: u32) -> PyResult<Value> {
    no_kwargs(vm, name, kw)?;
    check_args(vm, name, args, 1, 1)?;
    let v = args[0];
    let b = match vm.to_bigint(v) {
        Some(b) => b,
        None => {
            let i = index_arg(vm, v)?;
            num_bigint::BigInt::from(i)
        }
    };
    let s = numfmt::int_to_prefixed_string(&b, r);
    Ok(vm.new_str_owned(s))
}

fn hex(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    radix(vm, "hex", args, kw, 16)
}

fn bin(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    radix(vm, "bin", args, kw, 2)
}

fn oct(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    radix(vm, "oct", args, kw, 8)
}

fn format(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "format", kw)?;
    check_args(vm, "format", args, 1, 2)?;
    let spec = match args.get(1) {
        None => "",
        Some(s) => match s.as_str() {
            Some(s) => s,
            None => {
                let t = super::clinic_type_name(vm, *s);
                return Err(vm.type_error(&format!("format() argument 2 must be str, not {t}")));
            }
        },
    };
    let s = vm.format(args[0], spec)?;
    Ok(vm.new_str_owned(s))
}

fn input(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "input", kw)?;
    check_args(vm, "input", args, 0, 1)?;
    if let Some(&p) = args.first() {
        let s = vm.str(p)?;
        vm.write_out(&s);
    }
    vm.flush_out();
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) => {
            let s = vm.sym("EOFError");
            let c = vm.builtin(s).unwrap_or(vm.cls.exception);
            Err(vm.raise_msg(c, "EOF when reading a line"))
        }
        Ok(_) => {
            if line.ends_with('\n') {
                line.pop();
            }
            Ok(vm.new_str_owned(line))
        }
        Err(_) => {
            let c = vm.cls.os_error;
            Err(vm.raise_msg(c, "could not read from stdin"))
        }
    }
}
