//! Inline caches of attribute and method sites that no guard resolved at
//! compile time (the unversioned path, and sites with several shapes).
//!
//! Each site owns a cell of [`WAYS`] entries keyed by `shape + 1` (0:
//! empty). Generated code tests the first entry only, so a hit costs one
//! shape compare; on a miss it calls the helper here, which probes the other
//! entries before doing the full lookup, and puts a fresh entry first. A
//! site that sees a few shapes in turn thus stays off the slow lookup (a
//! polymorphic inline cache whose later entries are probed out of line).
//! Model: the polymorphic inline caches of Hölzle, Chambers and Ungar.

use super::helpers::{enter, status, word, JIT_ERR};
use crate::intern::Sym;
use crate::runtime::object::Kind;
use crate::runtime::value::Value;
use crate::runtime::vm::Vm;
use crate::runtime::vtype::Type;

/// Entries per cell.
pub const WAYS: usize = 4;
/// Words of an attribute entry: `[shape + 1, slot]`.
const ATTR: usize = 2;
/// Words of a method entry: `[shape + 1, method, class epoch]`.
const METHOD: usize = 3;

/// An attribute site's cell.
pub type AttrCell = [u64; ATTR * WAYS];
/// A `LoadMethod` site's cell.
pub type MethodCell = [u64; METHOD * WAYS];

/// The entry of `cell` (entries of `words` words) whose key is `key`.
pub(super) fn probe(cell: &[u64], words: usize, key: u64) -> Option<&[u64]> {
    cell.chunks_exact(words).find(|e| e[0] == key)
}

/// Puts `entry` first in `cell`, the others moved down one (the last
/// dropped).
pub(super) fn insert_front(cell: &mut [u64], entry: &[u64]) {
    let words = entry.len();
    cell.copy_within(0..cell.len() - words, words);
    cell[..words].copy_from_slice(entry);
}

/// Borrows a cell generated code passed by address.
///
/// # Safety
/// `cell` is the address of a live cell of `N` words owned by the JIT
/// (`Core::ic_cells`/`method_cells`), which generated code only reads.
unsafe fn cell<'a, const N: usize>(cell: *mut u64) -> &'a mut [u64; N] {
    // SAFETY: guaranteed by the caller.
    unsafe { &mut *(cell as *mut [u64; N]) }
}

/// Marks the key of a store entry for a typed slot: generated code, which
/// compares with `shape + 1` and writes any value, never matches it; the
/// helper uses it when the value has the slot's type (else the store
/// changes the shape and takes the slow path).
const TYPED: u64 = 1 << 62;

/// Adds the entry for `obj`'s shape when `obj` is an instance that has
/// `name` in a slot (a store entry records a typed slot's type).
fn fill_attr(vm: &Vm, obj: Value, name: Sym, cell: &mut AttrCell, store: bool) {
    if let Some(inst) = obj.as_instance() {
        let shape = inst.shape.get();
        if let Some(slot) = vm.shapes.lookup(shape, name) {
            let t = vm.shapes.slot_type(shape, slot);
            let entry = if store && t != Type::Unknown {
                [(shape as u64 + 1) | TYPED, slot as u64 | (t as u64) << 32]
            } else {
                [shape as u64 + 1, slot as u64]
            };
            insert_front(cell, &entry);
        }
    }
}

/// The slot of `obj`'s attribute from an entry of the cell; for a store of
/// `store`, only a slot whose type admits it.
fn probe_slot(obj: Value, cell: &AttrCell, store: Option<Value>) -> Option<usize> {
    let inst = obj.as_instance()?;
    let key = inst.shape.get() as u64 + 1;
    let slot = match probe(cell, ATTR, key) {
        Some(e) => e[1] as usize,
        None => {
            let e = probe(cell, ATTR, key | TYPED)?;
            let v = store?;
            if e[1] >> 32 != Type::of(v) as u64 {
                return None;
            }
            (e[1] & 0xffff_ffff) as usize
        }
    };
    (slot < inst.slots.len()).then_some(slot)
}

/// `[obj] -> obj.name` on a miss of the first entry.
pub extern "C" fn getattr_ic(vm: *mut Vm, sp: *mut Value, name: u64, cell: *mut u64) -> u64 {
    // SAFETY: see `helpers::enter`; `cell` is this site's attribute cell.
    let ((vm, top), cell) = unsafe { (enter(vm, sp), self::cell::<{ ATTR * WAYS }>(cell)) };
    let obj = vm.stack.get(top - 1);
    if let Some(slot) = probe_slot(obj, cell, None) {
        return obj.as_instance().map_or(JIT_ERR, |i| i.slots[slot].0);
    }
    let name = Sym(name as u32);
    let r = vm.getattr(obj, name);
    if r.is_ok() {
        fill_attr(vm, obj, name, cell, false);
    }
    word(r)
}

/// `[v, obj]`: `obj.name = v` on a miss of the first entry.
pub extern "C" fn setattr_ic(vm: *mut Vm, sp: *mut Value, name: u64, cell: *mut u64) -> u64 {
    // SAFETY: see `getattr_ic`.
    let ((vm, top), cell) = unsafe { (enter(vm, sp), self::cell::<{ ATTR * WAYS }>(cell)) };
    let (v, obj) = (vm.stack.get(top - 2), vm.stack.get(top - 1));
    if let Some(slot) = probe_slot(obj, cell, Some(v)) {
        if let Some(inst) = obj.as_instance() {
            inst.slots[slot] = v;
            return 0;
        }
    }
    let name = Sym(name as u32);
    let before = obj.as_instance().map(|i| i.shape.get());
    let r = vm.setattr(obj, name, v);
    // An entry serves the shape the store found; a store that changed the
    // shape (added or widened a slot) has none to make.
    if r.is_ok() && before == obj.as_instance().map(|i| i.shape.get()) {
        fill_attr(vm, obj, name, cell, true);
    }
    status(r)
}

/// `[obj] -> [callable, self_or_null]` in place on a miss of the first
/// entry. An entry is made when `obj` is an instance whose class provides
/// a plain function not shadowed by an attribute; it holds while the class
/// epoch is unchanged. Cached methods are kept alive by `Core::embedded`.
pub extern "C" fn load_method_ic(vm: *mut Vm, sp: *mut Value, name: u64, cell: *mut u64) -> u64 {
    // SAFETY: see `getattr_ic`.
    let ((vm, top), cell) = unsafe { (enter(vm, sp), self::cell::<{ METHOD * WAYS }>(cell)) };
    let obj = vm.stack.get(top - 1);
    if let Some(inst) = obj.as_instance() {
        if let Some(e) = probe(cell, METHOD, inst.shape.get() as u64 + 1) {
            if e[2] == vm.class_epoch {
                vm.stack.set(top - 1, Value(e[1]));
                vm.stack.set(top, obj);
                return 0;
            }
        }
    }
    match vm.load_method(obj, Sym(name as u32)) {
        Ok((f, s)) => {
            vm.stack.set(top - 1, f);
            vm.stack.set(top, s);
            if let Some(inst) = obj.as_instance() {
                if !s.is_null() && f.is_kind(Kind::Function) {
                    if let Some(jit) = vm.jit.as_mut() {
                        jit.core.embedded.insert(f);
                    }
                    let entry = [inst.shape.get() as u64 + 1, f.0, vm.class_epoch];
                    insert_front(cell, &entry);
                }
            }
            0
        }
        Err(_) => JIT_ERR,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_entries_go_first_and_the_oldest_falls_out() {
        let mut c: AttrCell = [0; ATTR * WAYS];
        for shape in 1..=5u64 {
            insert_front(&mut c, &[shape, shape * 10]);
        }
        assert_eq!(c, [5, 50, 4, 40, 3, 30, 2, 20]);
        assert_eq!(probe(&c, ATTR, 3), Some(&[3, 30][..]));
        assert_eq!(probe(&c, ATTR, 1), None);
        let mut m: MethodCell = [0; METHOD * WAYS];
        insert_front(&mut m, &[7, 70, 1]);
        assert_eq!(probe(&m, METHOD, 7), Some(&[7, 70, 1][..]));
        assert_eq!(probe(&m, METHOD, 8), None);
    }
}
