//! The run-time half of dynamic calls (`codegen/invoke.rs`): JIT code
//! about to call a callee it did not know at compile time asks
//! [`enter_call`] for the callee's entry. A per-site cell remembers the
//! last few callees (function identity, arity, frame size, entry slot), so
//! the lookup is a few compares; a miss checks the signature and finds (or
//! makes) the entry slot for the argument types the site knows.

use super::caches::{insert_front, probe};
use super::context::{Context, Type};
use super::helpers::{enter, JIT_ERR};
use crate::runtime::value::Value;
use crate::runtime::vm::{Frame, Vm};

/// Arguments whose known types a site passes (4 bits each).
pub const TYPED_ARGS: u32 = 8;
/// Words of an entry: `[function, argc | nlocals << 16 | frame size << 32, entry slot]`.
const WORDS: usize = 3;
/// A call site's cell: four entries.
pub type CallCell = [u64; WORDS * super::caches::WAYS];

/// `Vm::jit_call_fp`, addressed from the VM register.
pub fn call_fp_mem() -> basil_asm::Mem {
    basil_asm::Mem::new(
        super::codegen::VM,
        std::mem::offset_of!(Vm, jit_call_fp) as i32,
    )
}

/// The `[callable, self_or_null?, args..]` below `sp` (`arg`: the argument
/// count, bit 32 set for a method call) calls a Python function whose
/// parameters the arguments fill, with its last defaults for the rest: pushes its frame record (its
/// other locals NULL), leaves the frame's address in `Vm::jit_call_fp`
/// and returns the entry address for the argument types in `types`. 0 when
/// the callee is anything else (the caller makes a generic call);
/// `JIT_ERR` when pushing the frame raised (RecursionError).
pub extern "C" fn enter_call(
    vm: *mut Vm,
    sp: *mut Value,
    arg: u64,
    types: u64,
    cell: *mut u64,
) -> u64 {
    // SAFETY: see `helpers::enter`; `cell` is this site's live cell, owned
    // by the JIT (`Core::call_cells`) and read by no generated code.
    let ((vm, top), cell) = unsafe { (enter(vm, sp), &mut *(cell as *mut CallCell)) };
    let n = (arg & 0xffff_ffff) as usize;
    let method = arg >> 32 != 0;
    let fidx = top - n - if method { 2 } else { 1 };
    let f = vm.stack.get(fidx);
    let Some(fo) = f.as_function() else {
        return 0;
    };
    let code_id = fo.code;
    let (first, argc, types) = if method && !vm.stack.get(fidx + 1).is_null() {
        (fidx + 1, n + 1, types)
    } else if method {
        (fidx + 2, n, types >> 4)
    } else {
        (fidx + 1, n, types)
    };
    // A receiver's shape picks the callee's version too (one per shape,
    // `Jit::lookup`): the entry is keyed by the function and the shape
    // (in the key's tag bits, which a pointer's payload never reaches).
    let shape = (first == fidx + 1)
        .then(|| vm.stack.get(first).as_instance().map(|i| i.shape.get()))
        .flatten()
        .filter(|&s| s < 0xffff);
    let key = f.0 ^ shape.map_or(0, |s| (s as u64 + 1) << 48);
    let (meta, slot) = match probe(cell, WORDS, key) {
        Some(e) if e[1] & 0xffff == argc as u64 => (e[1], e[2] as *const u64),
        _ => {
            let code = &vm.codes[code_id as usize].code;
            let Some(defaults) = super::codegen::trailing_defaults(code, fo, argc as u32) else {
                return 0;
            };
            if argc > 0xffff || code.nlocals() > 0xffff {
                return 0;
            }
            let meta =
                argc as u64 | (code.nlocals() as u64) << 16 | (code.frame_size() as u64) << 32;
            let mut ctx = Context::GENERIC;
            ctx.set_local_shape(0, shape);
            for (k, d) in defaults.iter().enumerate() {
                ctx.set_local(argc + k, Type::of(*d));
            }
            for i in 0..argc.min(TYPED_ARGS as usize) {
                let t = Type::ALL.get((types >> (4 * i)) as usize & 15);
                ctx.set_local(i, t.copied().unwrap_or(Type::Unknown));
            }
            let Some(jit) = vm.jit.as_mut() else {
                return 0;
            };
            let Ok(slot) = jit.entry_slot(code_id, ctx) else {
                return 0;
            };
            // The cell compares the function's address (in `key`): keep
            // it alive.
            jit.core.embedded.insert(f);
            insert_front(cell, &[key, meta, slot]);
            (meta, slot as *const u64)
        }
    };
    let nlocals = (meta >> 16 & 0xffff) as usize;
    let size = (meta >> 32) as usize;
    if vm.frames.len() >= vm.recursion_limit
        || !vm.native_stack_ok()
        || first + size + 64 >= vm.stack.capacity()
    {
        vm.recursion_error();
        return JIT_ERR;
    }
    // Parameters past the arguments take the function's last defaults (a
    // cached entry was made for this function and argument count).
    let code = &vm.codes[code_id as usize].code;
    let missing = (code.argcount as usize).saturating_sub(argc);
    let defaults = &fo.defaults[fo.defaults.len().saturating_sub(missing)..];
    for (k, &d) in defaults.iter().enumerate() {
        vm.stack.set(first + argc + k, d);
    }
    for i in argc + defaults.len()..nlocals {
        vm.stack.set(first + i, Value::NULL);
    }
    // The arguments now belong to the callee.
    if let Some(caller) = vm.frames.last_mut() {
        caller.sp = first;
    }
    vm.frames.push(Frame {
        code: code_id,
        base: first,
        sp: first + nlocals,
        func: f,
        namespace: Value::NULL,
    });
    vm.safepoint(first + nlocals);
    vm.jit_call_fp = vm.stack.ptr().wrapping_add(first) as u64;
    // SAFETY: `slot` is a live entry slot (boxed in `Core::entry_slots`).
    unsafe { *slot }
}
