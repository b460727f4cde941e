//! `open()` for text files: a `TextIOWrapper`-like object whose state lives
//! in ordinary instance attributes (`name`, `mode`, `closed`, and for
//! reading the whole text plus a byte position). Reading loads the file at
//! `open`; writing appends to the file at each `write`.

use super::{add_function, add_method, bind_args, check_method, index_arg, no_kwargs};
use crate::intern::Sym;
use crate::runtime::classes::new_class;
use crate::runtime::object::*;
use crate::runtime::value::Value;
use crate::runtime::vm::Vm;
use crate::runtime::PyResult;
use std::io::Write;

pub fn install(vm: &mut Vm) {
    add_function(vm, "open", open);
}

/// The file class, created on first use and kept as a hidden builtin.
fn file_class(vm: &mut Vm) -> Value {
    let key = vm.sym(" basil_file_class");
    if let Some(c) = vm.builtin(key) {
        return c;
    }
    let cls = new_class(
        &mut vm.heap,
        &mut vm.names,
        &mut vm.shapes,
        "TextIOWrapper",
        vm.cls.object,
        BuiltinType::User,
    );
    vm.builtins.insert(key, cls);
    if let Some(c) = cls.as_class() {
        c.module = vm.new_str("_io");
    }
    let methods: &[(&'static str, NativeFn)] = &[
        ("read", read),
        ("readline", readline),
        ("readlines", readlines),
        ("write", write),
        ("writelines", writelines),
        ("close", close),
        ("flush", flush),
        ("__enter__", enter),
        ("__exit__", exit),
        ("__iter__", enter),
        ("__next__", next),
    ];
    for &(n, f) in methods {
        add_method(vm, cls, n, f);
    }
    super::add_repr(vm, cls, "__repr__", repr);
    cls
}

fn attr(vm: &mut Vm, f: Value, name: &str) -> Value {
    let s = vm.sym(name);
    vm.getattr_opt(f, s).ok().flatten().unwrap_or(Value::NONE)
}

fn set(vm: &mut Vm, f: Value, name: &str, v: Value) {
    let s = vm.sym(name);
    let _ = vm.setattr(f, s, v);
}

/// CPython's OSError text: `[Errno 2] No such file or directory: 'x'`.
fn os_error(vm: &mut Vm, e: &std::io::Error, path: &str) -> crate::runtime::Raised {
    let code = e.raw_os_error().unwrap_or(0);
    let text = e.to_string();
    let desc = text.split(" (os error").next().unwrap_or(&text).to_string();
    let msg = format!(
        "[Errno {code}] {desc}: {}",
        crate::runtime::convert::str_repr(path)
    );
    let cls = if e.kind() == std::io::ErrorKind::NotFound {
        vm.cls.file_not_found_error
    } else {
        vm.cls.os_error
    };
    vm.raise_msg(cls, &msg)
}

fn open(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    let a = bind_args(
        vm,
        "open",
        args,
        kw,
        &["file", "mode", "buffering", "encoding", "errors", "newline"],
        1,
    )?;
    let file = a[0].unwrap_or(Value::NONE);
    let Some(path) = file.as_str() else {
        let t = vm.type_name(file);
        return Err(vm.type_error(&format!(
            "expected str, bytes or os.PathLike object, not {t}"
        )));
    };
    let mode = match a[1] {
        None => "r",
        Some(m) => match m.as_str() {
            Some(m) => m,
            None => {
                let t = super::clinic_type_name(vm, m);
                return Err(vm.type_error(&format!("open() argument 'mode' must be str, not {t}")));
            }
        },
    };
    let base: String = mode.chars().filter(|c| *c != 't').collect();
    if mode.contains('b') {
        return Err(vm.value_error("binary mode files are not supported by basil"));
    }
    let kind = match base.as_str() {
        "r" | "r+" => 'r',
        "w" | "w+" => 'w',
        "a" | "a+" => 'a',
        "x" => 'x',
        _ => return Err(vm.value_error(&format!("invalid mode: '{mode}'"))),
    };
    let cls = file_class(vm);
    let root = cls.as_class().map_or(0, |c| c.root_shape);
    let f = vm.heap.alloc(
        InstanceObj {
            h: ObjHeader::new(Kind::Instance),
            class: cls,
            shape: std::cell::Cell::new(root),
            slots: Vec::new(),
            exc: None,
        },
        0,
    );
    vm.roots.push(f);
    let r = (|| {
        match kind {
            'r' => match std::fs::read(path) {
                Ok(bytes) => {
                    let text = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
                    let t = vm.new_str_owned(text);
                    set(vm, f, "_text", t);
                    set(vm, f, "_pos", Value::from_small(0));
                }
                Err(e) => return Err(os_error(vm, &e, path)),
            },
            _ => {
                let mut o = std::fs::OpenOptions::new();
                match kind {
                    'w' => o.write(true).create(true).truncate(true),
                    'a' => o.append(true).create(true),
                    _ => o.write(true).create_new(true),
                };
                if let Err(e) = o.open(path) {
                    return Err(os_error(vm, &e, path));
                }
            }
        }
        set(vm, f, "name", file);
        let m = vm.new_str(mode);
        set(vm, f, "mode", m);
        set(vm, f, "closed", Value::FALSE);
        Ok(f)
    })();
    vm.roots.pop();
    r
}

/// The receiver, checked open (`ValueError: I/O operation on closed file.`).
fn open_file(vm: &mut Vm, args: &[Value]) -> PyResult<Value> {
    let f = args.first().copied().unwrap_or(Value::NONE);
    if attr(vm, f, "closed") != Value::FALSE {
        return Err(vm.value_error("I/O operation on closed file."));
    }
    Ok(f)
}

/// The unread text and the byte position, for a file opened for reading.
fn text(vm: &mut Vm, f: Value) -> PyResult<(&'static str, usize)> {
    let t = attr(vm, f, "_text");
    let Some(s) = t.as_str() else {
        let c = vm.sym("UnsupportedOperation");
        let cls = vm.builtin(c).unwrap_or(vm.cls.os_error);
        return Err(vm.raise_msg(cls, "not readable"));
    };
    let pos = attr(vm, f, "_pos").as_small().unwrap_or(0).max(0) as usize;
    Ok((s, pos.min(s.len())))
}

fn advance(vm: &mut Vm, f: Value, pos: usize) {
    set(vm, f, "_pos", Value::from_small(pos as i64));
}

fn read(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "read", kw)?;
    check_method(vm, "read", args, 0, 1)?;
    let f = open_file(vm, args)?;
    let (s, pos) = text(vm, f)?;
    let n = match args.get(1) {
        Some(v) if !v.is_none() => index_arg(vm, *v)?,
        _ => -1,
    };
    let rest = &s[pos..];
    let end = if n < 0 {
        rest.len()
    } else {
        rest.char_indices()
            .nth(n as usize)
            .map_or(rest.len(), |(b, _)| b)
    };
    advance(vm, f, pos + end);
    Ok(vm.new_str(&rest[..end]))
}

/// The next line (with its newline), or "" at the end.
fn line(vm: &mut Vm, f: Value) -> PyResult<&'static str> {
    let (s, pos) = text(vm, f)?;
    let rest = &s[pos..];
    let end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    advance(vm, f, pos + end);
    Ok(&rest[..end])
}

fn readline(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "readline", kw)?;
    check_method(vm, "readline", args, 0, 1)?;
    let f = open_file(vm, args)?;
    let l = line(vm, f)?;
    Ok(vm.new_str(l))
}

fn readlines(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "readlines", kw)?;
    check_method(vm, "readlines", args, 0, 1)?;
    let f = open_file(vm, args)?;
    let (s, pos) = text(vm, f)?;
    let lines: Vec<Value> = s[pos..]
        .split_inclusive('\n')
        .map(|l| vm.new_str(l))
        .collect();
    advance(vm, f, s.len());
    Ok(vm.new_list(lines))
}

fn next(vm: &mut Vm, args: &[Value], _kw: &[(Sym, Value)]) -> PyResult<Value> {
    let f = open_file(vm, args)?;
    let l = line(vm, f)?;
    if l.is_empty() {
        let c = vm.cls.stop_iteration;
        let e = vm.new_exception(c, Vec::new());
        vm.exc = e;
        return Err(crate::runtime::Raised);
    }
    Ok(vm.new_str(l))
}

fn append(vm: &mut Vm, f: Value, s: &str) -> PyResult<()> {
    if attr(vm, f, "_text").is_kind(Kind::Str) {
        let c = vm.sym("UnsupportedOperation");
        let cls = vm.builtin(c).unwrap_or(vm.cls.os_error);
        return Err(vm.raise_msg(cls, "not writable"));
    }
    let name = attr(vm, f, "name");
    let path = name.as_str().unwrap_or("");
    let r = std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .and_then(|mut h| h.write_all(s.as_bytes()));
    r.map_err(|e| os_error(vm, &e, path))
}

fn write(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "write", kw)?;
    check_method(vm, "write", args, 1, 1)?;
    let f = open_file(vm, args)?;
    let Some(so) = args[1].as_str_obj() else {
        let t = vm.type_name(args[1]);
        return Err(vm.type_error(&format!("write() argument must be str, not {t}")));
    };
    append(vm, f, &so.s)?;
    Ok(vm.new_int(so.chars as i64))
}

fn writelines(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "writelines", kw)?;
    check_method(vm, "writelines", args, 1, 1)?;
    let f = open_file(vm, args)?;
    let items = vm.collect_iterable(args[1])?;
    let mut out = String::new();
    for x in items {
        match x.as_str() {
            Some(s) => out.push_str(s),
            None => {
                let t = vm.type_name(x);
                return Err(vm.type_error(&format!("write() argument must be str, not {t}")));
            }
        }
    }
    append(vm, f, &out)?;
    Ok(Value::NONE)
}

fn close(vm: &mut Vm, args: &[Value], _kw: &[(Sym, Value)]) -> PyResult<Value> {
    if let Some(&f) = args.first() {
        set(vm, f, "closed", Value::TRUE);
    }
    Ok(Value::NONE)
}

fn flush(vm: &mut Vm, args: &[Value], _kw: &[(Sym, Value)]) -> PyResult<Value> {
    open_file(vm, args)?;
    Ok(Value::NONE)
}

fn enter(vm: &mut Vm, args: &[Value], _kw: &[(Sym, Value)]) -> PyResult<Value> {
    open_file(vm, args)
}

fn exit(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    close(vm, args, kw)?;
    Ok(Value::FALSE)
}

fn repr(vm: &mut Vm, args: &[Value], _kw: &[(Sym, Value)]) -> PyResult<Value> {
    let f = args.last().copied().unwrap_or(Value::NONE);
    let name = attr(vm, f, "name");
    let n = vm.repr(name)?;
    let mode = attr(vm, f, "mode");
    let m = mode.as_str().unwrap_or("r");
    Ok(vm.new_str_owned(format!(
        "<_io.TextIOWrapper name={n} mode='{m}' encoding='UTF-8'>"
    )))
}
