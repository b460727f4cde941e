//! Runtime helpers called from generated code (`extern "C"`, C ABI). Each
//! takes the VM pointer and `sp`, the address just past the frame's live
//! temps, reads its operands there, records `sp` in the frame (so a nested
//! call or a collection sees the right stack), and returns a value word or
//! `JIT_ERR` when it raised (the exception is in `Vm::exc`).

use crate::bytecode::{BinOp, CmpOp, UnOp};
use crate::runtime::value::Value;
use crate::runtime::vm::Vm;
use crate::runtime::PyResult;

/// Returned by a helper that raised. A NaN-box special no value uses.
pub const JIT_ERR: u64 = Value::NULL.0 + 1;

/// Turns a raw VM pointer and `sp` into the VM and the stack index of `sp`,
/// and records it as the top frame's stack pointer.
///
/// # Safety
/// `vm` is the live VM that entered JIT code (it does not move while JIT
/// code runs, and the interpreter frame that entered does not touch it until
/// the trampoline returns); `sp` points into its VM stack.
pub(super) unsafe fn enter<'a>(vm: *mut Vm, sp: *mut Value) -> (&'a mut Vm, usize) {
    // SAFETY: guaranteed by the caller (see above).
    let vm = unsafe { &mut *vm };
    let base = vm.stack.ptr() as usize;
    let top = (sp as usize - base) / 8;
    if let Some(f) = vm.frames.last_mut() {
        f.sp = top;
    }
    (vm, top)
}

pub(super) fn word(r: PyResult<Value>) -> u64 {
    match r {
        Ok(v) => v.0,
        Err(_) => JIT_ERR,
    }
}

pub(super) fn status(r: PyResult<()>) -> u64 {
    match r {
        Ok(()) => 0,
        Err(_) => JIT_ERR,
    }
}

const BINOPS: [BinOp; 12] = [
    BinOp::Add,
    BinOp::Sub,
    BinOp::Mul,
    BinOp::TrueDiv,
    BinOp::FloorDiv,
    BinOp::Mod,
    BinOp::Pow,
    BinOp::LShift,
    BinOp::RShift,
    BinOp::And,
    BinOp::Or,
    BinOp::Xor,
];

const CMPOPS: [CmpOp; 6] = [
    CmpOp::Lt,
    CmpOp::Le,
    CmpOp::Eq,
    CmpOp::Ne,
    CmpOp::Gt,
    CmpOp::Ge,
];

const UNOPS: [UnOp; 4] = [UnOp::Neg, UnOp::Pos, UnOp::Not, UnOp::Invert];

/// A stub was reached: compile its target and return where to go.
pub extern "C" fn stub_hit(vm: *mut Vm, fp: *mut Value, id: u64) -> u64 {
    super::compile_at_stub(vm, |jit, vm| jit.on_stub_hit(vm, fp, id as usize))
}

/// `[a, b] -> a op b` (`code`: the BinOp, bit 8 for in-place).
pub extern "C" fn binary(vm: *mut Vm, sp: *mut Value, code: u64) -> u64 {
    // SAFETY: see `enter`.
    let (vm, top) = unsafe { enter(vm, sp) };
    let (a, b) = (vm.stack.get(top - 2), vm.stack.get(top - 1));
    let op = BINOPS[(code & 0xff) as usize % BINOPS.len()];
    word(if code & 0x100 != 0 {
        vm.inplace_op(op, a, b)
    } else {
        vm.binary_op(op, a, b)
    })
}

/// `a op b` after JIT code called `a`'s dunder method and it returned
/// `NotImplemented` (`Vm::binary_after_left`); `code` is the op, bit 8
/// inplace, bit 9 when the method called was `__i<op>__`. `a` and `b` are
/// no longer in the frame: they are rooted while Python code may run.
pub extern "C" fn binary_after_left(vm: *mut Vm, sp: *mut Value, a: u64, b: u64, code: u64) -> u64 {
    // SAFETY: see `enter`.
    let (vm, _) = unsafe { enter(vm, sp) };
    let (a, b) = (Value(a), Value(b));
    let op = BINOPS[(code & 0xff) as usize % BINOPS.len()];
    vm.roots.push(a);
    vm.roots.push(b);
    let r = vm.binary_after_left(op, a, b, code & 0x100 != 0, code & 0x200 != 0);
    vm.roots.truncate(vm.roots.len() - 2);
    word(r)
}

/// `a op b` for a comparison after JIT code called `a`'s method and it
/// returned `NotImplemented` (`Vm::compare_after_left`); `a` and `b` are
/// rooted while Python code may run.
pub extern "C" fn compare_after_left(vm: *mut Vm, sp: *mut Value, a: u64, b: u64, op: u64) -> u64 {
    // SAFETY: see `enter`.
    let (vm, _) = unsafe { enter(vm, sp) };
    let (a, b) = (Value(a), Value(b));
    vm.roots.push(a);
    vm.roots.push(b);
    let r = vm.compare_after_left(CMPOPS[op as usize % CMPOPS.len()], a, b);
    vm.roots.truncate(vm.roots.len() - 2);
    word(r)
}

/// `[a, b] -> a op b` for comparisons.
pub extern "C" fn compare(vm: *mut Vm, sp: *mut Value, op: u64) -> u64 {
    // SAFETY: see `enter`.
    let (vm, top) = unsafe { enter(vm, sp) };
    let (a, b) = (vm.stack.get(top - 2), vm.stack.get(top - 1));
    word(vm.compare(CMPOPS[op as usize % CMPOPS.len()], a, b))
}

/// `[a] -> op a`.
pub extern "C" fn unary(vm: *mut Vm, sp: *mut Value, op: u64) -> u64 {
    // SAFETY: see `enter`.
    let (vm, top) = unsafe { enter(vm, sp) };
    let a = vm.stack.get(top - 1);
    word(vm.unary_op(UNOPS[op as usize % UNOPS.len()], a))
}

/// `[v]`: 1 if truthy, 0 if not.
pub extern "C" fn truthy(vm: *mut Vm, sp: *mut Value) -> u64 {
    // SAFETY: see `enter`.
    let (vm, top) = unsafe { enter(vm, sp) };
    let v = vm.stack.get(top - 1);
    match vm.truthy(v) {
        Ok(b) => b as u64,
        Err(_) => JIT_ERR,
    }
}

/// `[iterable] -> iter(iterable)`.
pub extern "C" fn get_iter(vm: *mut Vm, sp: *mut Value) -> u64 {
    // SAFETY: see `enter`.
    let (vm, top) = unsafe { enter(vm, sp) };
    let v = vm.stack.get(top - 1);
    word(vm.get_loop_iter(v))
}

/// `[it]`: the next item, or NULL when exhausted.
pub extern "C" fn for_iter(vm: *mut Vm, sp: *mut Value) -> u64 {
    // SAFETY: see `enter`.
    let (vm, top) = unsafe { enter(vm, sp) };
    let it = vm.stack.get(top - 1);
    match vm.next(it) {
        Ok(Some(v)) => v.0,
        Ok(None) => {
            vm.recycle_iter(it);
            Value::NULL.0
        }
        Err(_) => JIT_ERR,
    }
}

/// `[c, k] -> c[k]`.
pub extern "C" fn subscr(vm: *mut Vm, sp: *mut Value) -> u64 {
    // SAFETY: see `enter`.
    let (vm, top) = unsafe { enter(vm, sp) };
    let (c, k) = (vm.stack.get(top - 2), vm.stack.get(top - 1));
    word(vm.subscr(c, k))
}

/// `[v, c, k]`: `c[k] = v`.
pub extern "C" fn store_subscr(vm: *mut Vm, sp: *mut Value) -> u64 {
    // SAFETY: see `enter`.
    let (vm, top) = unsafe { enter(vm, sp) };
    let (v, c, k) = (
        vm.stack.get(top - 3),
        vm.stack.get(top - 2),
        vm.stack.get(top - 1),
    );
    status(vm.store_subscr(c, k, v))
}

/// `[f, a1 .. an] -> f(a1 .. an)`.
pub extern "C" fn call(vm: *mut Vm, sp: *mut Value, n: u64) -> u64 {
    // SAFETY: see `enter`.
    let (vm, top) = unsafe { enter(vm, sp) };
    let n = n as usize;
    let f = vm.stack.get(top - n - 1);
    word(vm.call_at(f, top - n, n))
}

/// `[callable, self_or_null, a1 .. an] -> result`.
pub extern "C" fn call_method(vm: *mut Vm, sp: *mut Value, n: u64) -> u64 {
    // SAFETY: see `enter`.
    let (vm, top) = unsafe { enter(vm, sp) };
    let n = n as usize;
    let f = vm.stack.get(top - n - 2);
    let recv = vm.stack.get(top - n - 1);
    word(if recv.is_null() {
        vm.call_at(f, top - n, n)
    } else {
        vm.call_at(f, top - n - 1, n + 1)
    })
}

/// `[a1 .. an] -> tuple or list` (bit 32 of `arg`: list).
pub extern "C" fn build(vm: *mut Vm, sp: *mut Value, arg: u64) -> u64 {
    // SAFETY: see `enter`.
    let (vm, top) = unsafe { enter(vm, sp) };
    let n = (arg & 0xffff_ffff) as usize;
    let items = vm.stack.slice(top - n, top).to_vec();
    let v = if arg >> 32 != 0 {
        vm.new_list(items)
    } else {
        vm.new_tuple(items)
    };
    v.0
}

/// `[a, b] -> a in b` as a bool value.
pub extern "C" fn contains(vm: *mut Vm, sp: *mut Value) -> u64 {
    // SAFETY: see `enter`.
    let (vm, top) = unsafe { enter(vm, sp) };
    let (a, b) = (vm.stack.get(top - 2), vm.stack.get(top - 1));
    match vm.contains(b, a) {
        Ok(r) => Value::from_bool(r).0,
        Err(_) => JIT_ERR,
    }
}

/// A collection at a loop back-edge in JIT code.
pub extern "C" fn safepoint(vm: *mut Vm, sp: *mut Value) {
    // SAFETY: see `enter`.
    let (vm, top) = unsafe { enter(vm, sp) };
    vm.collect(top);
}

/// Pushes the frame record of a direct JIT-to-JIT call of function `func`
/// whose locals start at `base` (arguments in place, other locals NULL).
/// Checks the recursion limit and collects garbage if due (a call is a
/// safepoint, as in the interpreter). Returns 0 or `JIT_ERR`.
pub extern "C" fn push_frame(vm: *mut Vm, func: u64, base: *mut Value) -> u64 {
    // SAFETY: see `enter`; the arguments now belong to the callee, so the
    // caller's stack pointer is `base`.
    let (vm, base) = unsafe { enter(vm, base) };
    let func = Value(func);
    let Some(fo) = func.as_function() else {
        return JIT_ERR;
    };
    let code = fo.code;
    let (nlocals, size) = {
        let c = &vm.codes[code as usize].code;
        (c.nlocals() as usize, c.frame_size() as usize)
    };
    if vm.frames.len() >= vm.recursion_limit
        || !vm.native_stack_ok()
        || base + size + 64 >= vm.stack.capacity()
    {
        vm.recursion_error();
        return JIT_ERR;
    }
    vm.frames.push(crate::runtime::vm::Frame {
        code,
        base,
        sp: base + nlocals,
        func,
        namespace: Value::NULL,
    });
    vm.safepoint(base + nlocals);
    0
}

/// A directly called frame left JIT code early (`status` is an exit or a
/// raise): finishes it in the interpreter. Returns its value or `JIT_ERR`.
pub extern "C" fn complete_call(vm: *mut Vm, status: u64) -> u64 {
    // SAFETY: called from JIT code with the live VM.
    let vm = unsafe { &mut *vm };
    let Some(f) = vm.frames.last().copied() else {
        return JIT_ERR;
    };
    let pc = (status & 0xffff_ffff) as u32;
    let start = if status & !0xffff_ffff == super::RAISE {
        crate::interp::Start::Raise(pc)
    } else {
        crate::interp::Start::Resume(pc)
    };
    word(vm.exec_at(f.code, f.base, start))
}

/// Global slot `g` of `module` is being bound after being unbound.
pub extern "C" fn global_bound(vm: *mut Vm, module: u64, g: u64) {
    // SAFETY: called from JIT code with the live VM.
    let vm = unsafe { &mut *vm };
    vm.global_bound(module as usize, g as u32);
}

/// A new, attribute-less instance of user class `cls` (for `cls(...)`).
pub extern "C" fn new_instance(vm: *mut Vm, cls: u64) -> u64 {
    // SAFETY: called from JIT code with the live VM.
    let vm = unsafe { &mut *vm };
    vm.new_instance(Value(cls)).0
}

/// `__init__` returned something other than None: raise CPython's TypeError.
pub extern "C" fn bad_init_result(vm: *mut Vm, r: u64) {
    // SAFETY: called from JIT code with the live VM.
    let vm = unsafe { &mut *vm };
    let t = vm.type_name(Value(r));
    vm.type_error(&format!("__init__() should return None, not '{t}'"));
}

/// `range(a1 .. an)` followed by `GetIter`, the `n` (1 to 3) arguments
/// known small ints: the range's iterator, with no range object.
pub extern "C" fn range_iter(vm: *mut Vm, sp: *mut Value, n: u64) -> u64 {
    // SAFETY: see `enter`.
    let (vm, top) = unsafe { enter(vm, sp) };
    let n = n as usize;
    let arg = |i: usize| vm.stack.get(top - n + i).small();
    let (start, stop, step) = match n {
        1 => (0, arg(0), 1),
        2 => (arg(0), arg(1), 1),
        _ => (arg(0), arg(1), arg(2)),
    };
    if step == 0 {
        vm.value_error("range() arg 3 must not be zero");
        return JIT_ERR;
    }
    let state = crate::runtime::object::IterState::Range {
        cur: start,
        stop,
        step,
    };
    vm.new_loop_iter(state).0
}

/// `ListAppend(n)`: `[list, .., v] -> [list, ..]`.
pub extern "C" fn list_append(vm: *mut Vm, sp: *mut Value, n: u64) -> u64 {
    // SAFETY: see `enter`.
    let (vm, top) = unsafe { enter(vm, sp) };
    let v = vm.stack.get(top - 1);
    let list = vm.stack.get(top - 1 - n as usize);
    match list.as_list() {
        Some(l) => {
            l.items.push(v);
            0
        }
        None => JIT_ERR,
    }
}

/// `list.append(v)` resolved at compile time: `list` is the untagged
/// pointer of a list object.
pub extern "C" fn list_push(list: *mut crate::runtime::object::ListObj, v: u64) {
    // SAFETY: JIT code passes a live list (its type was tested); nothing
    // else holds a reference into its items during the push.
    unsafe { (*list).items.push(Value(v)) }
}

/// `MapAdd(n)`: `[dict, .., k, v] -> [dict, ..]`.
pub extern "C" fn map_add(vm: *mut Vm, sp: *mut Value, n: u64) -> u64 {
    // SAFETY: see `enter`.
    let (vm, top) = unsafe { enter(vm, sp) };
    let (k, v) = (vm.stack.get(top - 2), vm.stack.get(top - 1));
    let d = vm.stack.get(top - 2 - n as usize);
    status(vm.dict_set(d, k, v))
}

/// `UnpackSequence(n)`: `[seq] -> [vn .. v1]`, written in place.
pub extern "C" fn unpack(vm: *mut Vm, sp: *mut Value, n: u64) -> u64 {
    // SAFETY: see `enter`.
    let (vm, top) = unsafe { enter(vm, sp) };
    let seq = vm.stack.get(top - 1);
    match vm.unpack(seq, n as usize) {
        Ok(items) => {
            for (i, &x) in items.iter().rev().enumerate() {
                vm.stack.set(top - 1 + i, x);
            }
            0
        }
        Err(_) => JIT_ERR,
    }
}

/// `BuildMap(n)`: `[k1, v1 .. kn, vn] -> dict`.
pub extern "C" fn build_map(vm: *mut Vm, sp: *mut Value, n: u64) -> u64 {
    // SAFETY: see `enter`.
    let (vm, top) = unsafe { enter(vm, sp) };
    let n = n as usize;
    let items = vm.stack.slice(top - 2 * n, top).to_vec();
    let d = vm.new_dict(crate::runtime::dict::Dict::new());
    vm.roots.push(d);
    let mut r = Ok(());
    for kv in items.chunks(2) {
        r = vm.dict_set(d, kv[0], kv[1]);
        if r.is_err() {
            break;
        }
    }
    vm.roots.pop();
    word(r.map(|_| d))
}

/// `BuildSlice(n)`: `[start, stop(, step)] -> slice`.
pub extern "C" fn build_slice(vm: *mut Vm, sp: *mut Value, n: u64) -> u64 {
    // SAFETY: see `enter`.
    let (vm, top) = unsafe { enter(vm, sp) };
    let n = n as usize;
    let start = vm.stack.get(top - n);
    let stop = vm.stack.get(top - n + 1);
    let step = if n == 3 {
        vm.stack.get(top - 1)
    } else {
        Value::NONE
    };
    vm.new_slice(start, stop, step).0
}

/// `BuildString(n)`: concatenates n strs.
pub extern "C" fn build_string(vm: *mut Vm, sp: *mut Value, n: u64) -> u64 {
    // SAFETY: see `enter`.
    let (vm, top) = unsafe { enter(vm, sp) };
    let parts = vm.stack.slice(top - n as usize, top).to_vec();
    vm.concat_strs(&parts).0
}

/// `FormatValue`: `arg` is `conv | has_spec << 8`.
pub extern "C" fn format_value(vm: *mut Vm, sp: *mut Value, arg: u64) -> u64 {
    // SAFETY: see `enter`.
    let (vm, top) = unsafe { enter(vm, sp) };
    let has_spec = arg & 0x100 != 0;
    let (v, spec) = if has_spec {
        (vm.stack.get(top - 2), vm.stack.get(top - 1))
    } else {
        (vm.stack.get(top - 1), Value::NULL)
    };
    word(vm.format_value(v, (arg & 0xff) as u8, spec))
}

/// `a // b` and `a % b` on two small ints (`op`: 0 floor division, 1
/// modulo) with Python's flooring; `b` is non-zero (checked by the caller).
/// Returns the boxed result, or `JIT_ERR` when it does not fit unboxed
/// (`-2**47 // -1`). Pure: no VM access.
pub extern "C" fn int_floordiv_mod(a: u64, b: u64, op: u64) -> u64 {
    let (x, y) = (Value(a).small(), Value(b).small());
    if y == 0 {
        return JIT_ERR;
    }
    let (q, r) = (x / y, x % y);
    let (q, r) = if r != 0 && ((r < 0) != (y < 0)) {
        (q - 1, r + y)
    } else {
        (q, r)
    };
    let v = if op == 0 { q } else { r };
    if crate::runtime::value::fits_small(v) {
        Value::from_small(v).0
    } else {
        JIT_ERR
    }
}

/// `CallKw`/`CallMethodKw`: the `total` values below `sp` are
/// `[f, (self|NULL)?, args.., kwvalues..]`; `names` is the constant tuple of
/// keyword names; `method` says whether the receiver slot is present.
pub extern "C" fn call_kw(vm: *mut Vm, sp: *mut Value, total: u64, names: u64, method: u64) -> u64 {
    // SAFETY: see `enter`.
    let (vm, top) = unsafe { enter(vm, sp) };
    let window = vm.stack.slice(top - total as usize, top).to_vec();
    word(vm.call_with_kw(&window, Value(names), method != 0))
}

/// `math.<f>(x)` for the float bits `x` and `Vm::float_fns[i]`: the result's
/// bits, or `JIT_ERR` when the call raises (the generic call then raises).
pub extern "C" fn float_fn(vm: *mut Vm, x: u64, i: u64) -> u64 {
    // SAFETY: called from JIT code with the VM pointer.
    let vm = unsafe { &*vm };
    let Some(&(_, f, ovf)) = vm.float_fns.get(i as usize) else {
        return JIT_ERR;
    };
    let x = f64::from_bits(x);
    let r = f(x);
    match crate::runtime::builtins::math::math_1_error(x, r, ovf) {
        Some(_) => JIT_ERR,
        None => Value::from_float(r).0,
    }
}

/// `MakeFunction`: `arg` is the module-relative code index, the flags in
/// bits 32..35 (defaults, keyword defaults, closure: the operands below
/// `sp`, closure on top) and the module index from bit 35.
pub extern "C" fn make_function(vm: *mut Vm, sp: *mut Value, arg: u64) -> u64 {
    // SAFETY: see `enter`.
    let (vm, top) = unsafe { enter(vm, sp) };
    let (c, flags, module) = (arg as u32, (arg >> 32) & 7, (arg >> 35) as usize);
    let mut at = top;
    let mut take = |bit: u64| {
        if flags & bit != 0 {
            at -= 1;
            vm.stack.get(at)
        } else {
            Value::NULL
        }
    };
    let closure = take(4);
    let kwdefaults = take(2);
    let defaults = take(1);
    vm.make_function(module, c, defaults, kwdefaults, closure).0
}
