//! The native modules: `math`, `time` and `sys` (with `sys.stdout`,
//! `sys.stderr` and `sys.stdin` as small file objects).

use super::math;
use super::{check_args, index_arg, no_kwargs};
use crate::intern::Sym;
use crate::runtime::classes::new_class;
use crate::runtime::object::*;
use crate::runtime::value::Value;
use crate::runtime::vm::Vm;
use crate::runtime::PyResult;
use std::io::{BufRead, Read};
use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// The modules `import` can load (the compiler refuses any other import).
pub const NATIVE_MODULES: &[&str] = &["math", "time", "sys"];

/// Creates native module `name`, or None if there is no such module.
pub fn create_native_module(vm: &mut Vm, name: &str) -> Option<Value> {
    let m = new_module(vm, name);
    vm.roots.push(m);
    let ok = match name {
        "math" => {
            math::fill(vm, m);
            true
        }
        "time" => {
            fill_time(vm, m);
            true
        }
        "sys" => {
            fill_sys(vm, m);
            true
        }
        _ => false,
    };
    vm.roots.pop();
    ok.then_some(m)
}

fn new_module(vm: &mut Vm, name: &str) -> Value {
    let n = vm.new_str(name);
    vm.heap.alloc(
        ModuleObj {
            h: ObjHeader::new(Kind::Module),
            name: n,
            attrs: Default::default(),
            index: u32::MAX,
        },
        0,
    )
}

/// Sets attribute `name` of module `m`.
pub fn set_attr(vm: &mut Vm, m: Value, name: &str, v: Value) {
    let s = vm.sym(name);
    if let Some(mo) = m.as_module() {
        mo.attrs.insert(s, v);
    }
}

/// Adds native function `f` to module `m`.
pub fn add_fn(vm: &mut Vm, m: Value, name: &'static str, f: NativeFn) {
    let b = vm.new_builtin(name, f);
    set_attr(vm, m, name, b);
}

// ---- time ----

fn start_instant() -> Instant {
    static START: OnceLock<Instant> = OnceLock::new();
    *START.get_or_init(Instant::now)
}

fn fill_time(vm: &mut Vm, m: Value) {
    start_instant();
    add_fn(vm, m, "perf_counter", perf_counter);
    add_fn(vm, m, "monotonic", perf_counter);
    add_fn(vm, m, "process_time", perf_counter);
    add_fn(vm, m, "time", time_time);
    add_fn(vm, m, "perf_counter_ns", perf_counter_ns);
    add_fn(vm, m, "monotonic_ns", perf_counter_ns);
    add_fn(vm, m, "time_ns", time_ns);
    add_fn(vm, m, "sleep", sleep);
}

fn perf_counter(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "perf_counter", kw)?;
    check_args(vm, "perf_counter", args, 0, 0)?;
    Ok(Value::from_float(start_instant().elapsed().as_secs_f64()))
}

fn perf_counter_ns(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "perf_counter_ns", kw)?;
    check_args(vm, "perf_counter_ns", args, 0, 0)?;
    let n = start_instant().elapsed().as_nanos() as i64;
    Ok(vm.new_int(n))
}

fn time_time(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "time", kw)?;
    check_args(vm, "time", args, 0, 0)?;
    let t = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64());
    Ok(Value::from_float(t))
}

fn time_ns(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "time_ns", kw)?;
    check_args(vm, "time_ns", args, 0, 0)?;
    let t = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i64);
    Ok(vm.new_int(t))
}

fn sleep(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "sleep", kw)?;
    check_args(vm, "sleep", args, 1, 1)?;
    let secs = match vm.to_f64(args[0])? {
        Some(s) => s,
        None => {
            let t = vm.type_name(args[0]);
            return Err(vm.type_error(&format!("'{t}' object cannot be interpreted as an integer")));
        }
    };
    if secs.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    if secs > 1e9 {
        return Err(vm.overflow_error("timestamp too large to convert to C _PyTime_t"));
    }
    vm.flush_out();
    std::thread::sleep(std::time::Duration::from_secs_f64(secs));
    Ok(Value::NONE)
}

// ---- sys ----

fn fill_sys(vm: &mut Vm, m: Value) {
    let argv: Vec<String> = vm.argv.clone();
    let items: Vec<Value> = argv.iter().map(|a| vm.new_str(a)).collect();
    let argv_l = vm.new_list(items);
    set_attr(vm, m, "argv", argv_l);
    add_fn(vm, m, "exit", sys_exit);
    add_fn(vm, m, "setrecursionlimit", setrecursionlimit);
    add_fn(vm, m, "getrecursionlimit", getrecursionlimit);
    let maxsize = vm.new_int(i64::MAX);
    set_attr(vm, m, "maxsize", maxsize);
    let platform = vm.new_str("linux");
    set_attr(vm, m, "platform", platform);
    let byteorder = vm.new_str("little");
    set_attr(vm, m, "byteorder", byteorder);
    let version = vm.new_str("3.11.7 (basil)");
    set_attr(vm, m, "version", version);
    let fin = vm.new_str("final");
    let vi = vm.new_tuple(vec![
        Value::from_small(3),
        Value::from_small(11),
        Value::from_small(7),
        fin,
        Value::from_small(0),
    ]);
    set_attr(vm, m, "version_info", vi);
    // The standard streams: instances of one class, told apart by `_fd`.
    let cls = new_class(
        &mut vm.heap,
        &mut vm.names,
        &mut vm.shapes,
        "TextIOWrapper",
        vm.cls.object,
        BuiltinType::User,
    );
    vm.roots.push(cls);
    if let Some(c) = cls.as_class() {
        c.module = vm.new_str("_io");
    }
    super::add_method(vm, cls, "write", stream_write);
    super::add_method(vm, cls, "flush", stream_flush);
    super::add_method(vm, cls, "readline", stream_readline);
    super::add_method(vm, cls, "read", stream_read);
    super::add_method(vm, cls, "readlines", stream_readlines);
    super::add_method(vm, cls, "__iter__", stream_iter);
    super::add_method(vm, cls, "__next__", stream_next);
    super::add_repr(vm, cls, "__repr__", stream_repr);
    let fd_sym = vm.sym("_fd");
    for (name, fd) in [("stdin", 0), ("stdout", 1), ("stderr", 2)] {
        let root = cls.as_class().map_or(0, |c| c.root_shape);
        let inst = vm.heap.alloc(
            InstanceObj {
                h: ObjHeader::new(Kind::Instance),
                class: cls,
                shape: std::cell::Cell::new(root),
                slots: Vec::new(),
                exc: None,
            },
            0,
        );
        let _ = vm.setattr(inst, fd_sym, Value::from_small(fd));
        set_attr(vm, m, name, inst);
        set_attr(vm, m, &format!("__{name}__"), inst);
    }
    vm.roots.pop();
}

/// The fd (0, 1, 2) of one of the sys streams, or None.
pub fn stream_fd(vm: &mut Vm, v: Value) -> Option<i64> {
    v.as_instance()?;
    let c = vm.class_of(v).as_class()?;
    if c.name.as_str() != Some("TextIOWrapper") || c.module.as_str() != Some("_io") {
        return None;
    }
    let s = vm.sym("_fd");
    vm.getattr_opt(v, s)
        .ok()
        .flatten()
        .and_then(|f| f.as_small())
}

/// Writes `s` to fd 1 (buffered with print) or 2 (stdout flushed first).
pub fn write_fd(vm: &mut Vm, fd: i64, s: &str) {
    if fd == 2 {
        vm.write_err(s);
    } else {
        vm.write_out(s);
    }
}

fn stream_write(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "write", kw)?;
    super::check_method(vm, "TextIOWrapper.write", args, 1, 1)?;
    let fd = stream_fd(vm, args[0]).unwrap_or(1);
    let Some(so) = args[1].as_str_obj() else {
        let t = vm.type_name(args[1]);
        return Err(vm.type_error(&format!("write() argument must be str, not {t}")));
    };
    if fd == 0 {
        let c = vm.cls.os_error;
        return Err(vm.raise_msg(c, "not writable"));
    }
    write_fd(vm, fd, &so.s);
    Ok(vm.new_int(so.chars as i64))
}

fn stream_flush(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "flush", kw)?;
    super::check_method(vm, "TextIOWrapper.flush", args, 0, 0)?;
    vm.flush_out();
    Ok(Value::NONE)
}

fn stream_readline(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "readline", kw)?;
    super::check_method(vm, "TextIOWrapper.readline", args, 0, 1)?;
    vm.flush_out();
    let mut line = String::new();
    let _ = std::io::stdin().lock().read_line(&mut line);
    Ok(vm.new_str_owned(line))
}

fn stream_read(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "read", kw)?;
    super::check_method(vm, "TextIOWrapper.read", args, 0, 1)?;
    vm.flush_out();
    let mut s = String::new();
    let _ = std::io::stdin().lock().read_to_string(&mut s);
    Ok(vm.new_str_owned(s))
}

fn stream_readlines(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "readlines", kw)?;
    super::check_method(vm, "TextIOWrapper.readlines", args, 0, 1)?;
    vm.flush_out();
    let mut s = String::new();
    let _ = std::io::stdin().lock().read_to_string(&mut s);
    let lines: Vec<Value> = s.split_inclusive('\n').map(|l| vm.new_str(l)).collect();
    Ok(vm.new_list(lines))
}

fn stream_iter(_vm: &mut Vm, args: &[Value], _kw: &[(Sym, Value)]) -> PyResult<Value> {
    Ok(args.first().copied().unwrap_or(Value::NONE))
}

/// `next(sys.stdin)`: the next line, StopIteration at the end.
fn stream_next(vm: &mut Vm, _args: &[Value], _kw: &[(Sym, Value)]) -> PyResult<Value> {
    vm.flush_out();
    let mut line = String::new();
    match std::io::stdin().lock().read_line(&mut line) {
        Ok(n) if n > 0 => Ok(vm.new_str_owned(line)),
        _ => {
            let c = vm.cls.stop_iteration;
            let e = vm.new_exception(c, Vec::new());
            vm.exc = e;
            Err(crate::runtime::Raised)
        }
    }
}

fn stream_repr(vm: &mut Vm, args: &[Value], _kw: &[(Sym, Value)]) -> PyResult<Value> {
    let fd = args.last().and_then(|&v| stream_fd(vm, v)).unwrap_or(1);
    let (name, mode) = match fd {
        0 => ("<stdin>", "r"),
        2 => ("<stderr>", "w"),
        _ => ("<stdout>", "w"),
    };
    Ok(vm.new_str_owned(format!(
        "<_io.TextIOWrapper name='{name}' mode='{mode}' encoding='utf-8'>"
    )))
}

/// `sys.exit`, also the builtins `exit` and `quit`.
pub fn sys_exit(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "exit", kw)?;
    check_args(vm, "exit", args, 0, 1)?;
    let c = vm.cls.system_exit;
    let e = vm.new_exception(c, args.to_vec());
    vm.exc = e;
    Err(crate::runtime::Raised)
}

fn setrecursionlimit(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "setrecursionlimit", kw)?;
    check_args(vm, "setrecursionlimit", args, 1, 1)?;
    if args[0].is_float() {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let n = index_arg(vm, args[0])?;
    if n < 1 {
        return Err(vm.value_error("recursion limit must be greater or equal than 1"));
    }
    if n > i32::MAX as i64 {
        return Err(vm.overflow_error("Python int too large to convert to C int"));
    }
    let depth = vm.frames.len() as i64 + 1;
    if depth >= n {
        let c = vm.cls.recursion_error;
        return Err(vm.raise_msg(
            c,
            &format!("cannot set the recursion limit to {n} at the recursion depth {depth}: the limit is too low"),
        ));
    }
    vm.recursion_limit = n as usize;
    Ok(Value::NONE)
}

fn getrecursionlimit(vm: &mut Vm, args: &[Value], kw: &[(Sym, Value)]) -> PyResult<Value> {
    no_kwargs(vm, "getrecursionlimit", kw)?;
    check_args(vm, "getrecursionlimit", args, 0, 0)?;
    Ok(vm.new_int(vm.recursion_limit as i64))
}
