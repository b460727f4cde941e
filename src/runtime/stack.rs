//! The VM value stack: one contiguous region of `Value`s that never moves,
//! shared by the interpreter and JIT code. A frame is `[locals | temps]` at a
//! base index; callee frames start where the caller's arguments are, so
//! arguments become the callee's first locals without copying.

use super::value::Value;
use memmap2::MmapMut;

/// Number of value slots reserved (the pages are committed lazily).
pub const STACK_SLOTS: usize = 16 << 20;

pub struct VmStack {
    mem: MmapMut,
}

impl Default for VmStack {
    fn default() -> Self {
        Self::new()
    }
}

impl VmStack {
    pub fn new() -> VmStack {
        let mem = MmapMut::map_anon(STACK_SLOTS * 8).expect("cannot reserve the VM stack");
        VmStack { mem }
    }

    /// The address of slot 0.
    #[inline(always)]
    pub fn ptr(&mut self) -> *mut Value {
        self.mem.as_mut_ptr() as *mut Value
    }

    /// The address of slot 0, for code that addresses the stack directly.
    pub fn base_addr(&self) -> u64 {
        self.mem.as_ptr() as u64
    }

    /// Number of slots.
    #[inline(always)]
    pub fn capacity(&self) -> usize {
        STACK_SLOTS
    }

    /// Slots `from..to` (a GC root range).
    pub fn slice(&self, from: usize, to: usize) -> &[Value] {
        let to = to.min(STACK_SLOTS);
        let from = from.min(to);
        // SAFETY: the mapping holds STACK_SLOTS aligned 8-byte slots, every
        // bit pattern is a valid `Value`, and the range is clamped to it.
        unsafe {
            std::slice::from_raw_parts((self.mem.as_ptr() as *const Value).add(from), to - from)
        }
    }

    /// Reads slot `i`.
    #[inline(always)]
    pub fn get(&self, i: usize) -> Value {
        self.slice(i, i + 1).first().copied().unwrap_or(Value::NULL)
    }

    /// Writes slot `i` (ignored past the end; callers check capacity).
    #[inline(always)]
    pub fn set(&mut self, i: usize, v: Value) {
        if i < STACK_SLOTS {
            // SAFETY: `i` is in bounds of the mapping.
            unsafe { *self.ptr().add(i) = v }
        }
    }
}
