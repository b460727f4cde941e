//! The heap and its precise, non-moving mark-sweep collector.
//!
//! Objects are allocated individually (`Box`) and registered in `objects`;
//! they never move, so JIT code may embed their addresses. A collection marks
//! from the roots the VM hands in (the VM stack, globals, constants, the
//! builtins, the exception state and every object generated code embeds) and
//! frees whatever stayed unmarked. Collections only happen at safepoints
//! chosen by the interpreter (function entry, loop back-edges), where every
//! live value is in a root.

use super::object::*;
use super::value::Value;

/// A heap object type: its kind tag.
pub trait HeapObj {
    const KIND: Kind;
}

macro_rules! heap_kinds {
    ($($t:ty => $k:ident),* $(,)?) => {
        $(impl HeapObj for $t { const KIND: Kind = Kind::$k; })*

        /// Frees an object of any kind.
        ///
        /// # Safety
        /// `p` came from `Heap::alloc` and is unreachable.
        unsafe fn free_object(p: *mut ObjHeader) {
            // SAFETY: the kind tag says which box type allocated `p`, and the
            // caller guarantees nothing refers to it any more.
            unsafe {
                match (*p).kind {
                    $(Kind::$k => drop(Box::from_raw(p as *mut $t)),)*
                }
            }
        }
    };
}

heap_kinds! {
    StrObj => Str,
    BigIntObj => BigInt,
    ListObj => List,
    TupleObj => Tuple,
    DictObj => Dict,
    FunctionObj => Function,
    BuiltinObj => Builtin,
    ClassObj => Class,
    InstanceObj => Instance,
    BoundMethodObj => BoundMethod,
    CellObj => Cell,
    RangeObj => Range,
    IterObj => Iter,
    ModuleObj => Module,
    SliceObj => Slice,
    SuperObj => Super,
    DictViewObj => DictView,
}

/// All heap objects and the collection policy.
pub struct Heap {
    objects: Vec<*mut ObjHeader>,
    /// Bytes allocated since the last collection (an estimate).
    pub allocated: usize,
    /// Collect when `allocated` passes this.
    pub threshold: usize,
    /// Collections run so far.
    pub collections: usize,
    /// Lowest `threshold` a collection sets (2 MiB; the differential
    /// fuzzer's GC-stress modes lower it to collect at most safepoints).
    pub min_threshold: usize,
}

impl Default for Heap {
    fn default() -> Self {
        Heap {
            objects: Vec::new(),
            allocated: 0,
            threshold: 2 << 20,
            collections: 0,
            min_threshold: 2 << 20,
        }
    }
}

impl Heap {
    /// Allocates `obj` on the heap; `extra` estimates the bytes it owns
    /// outside its struct (vector buffers), for the collection policy.
    #[inline]
    pub fn alloc<T: HeapObj>(&mut self, obj: T, extra: usize) -> Value {
        let p = Box::into_raw(Box::new(obj)) as *mut ObjHeader;
        self.objects.push(p);
        self.allocated += std::mem::size_of::<T>() + extra + 16;
        Value::from_ptr(p)
    }

    /// True when the next safepoint should collect.
    #[inline(always)]
    pub fn should_collect(&self) -> bool {
        self.allocated >= self.threshold
    }

    /// Number of live objects (after the last sweep, plus new ones).
    pub fn len(&self) -> usize {
        self.objects.len()
    }

    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }

    /// Marks everything reachable from `roots`, then frees the rest.
    pub fn collect(&mut self, roots: impl IntoIterator<Item = Value>) {
        let mut work: Vec<Value> = Vec::with_capacity(1024);
        for r in roots {
            mark(r, &mut work);
        }
        while let Some(v) = work.pop() {
            trace(v, &mut work);
        }
        let mut live_bytes = 0usize;
        self.objects.retain(|&p| {
            // SAFETY: every registered pointer is a live allocation until it
            // is freed right here, once, when unmarked.
            unsafe {
                if (*p).marked.get() {
                    (*p).marked.set(false);
                    live_bytes += 64;
                    true
                } else {
                    free_object(p);
                    false
                }
            }
        });
        self.collections += 1;
        self.allocated = 0;
        self.threshold = (live_bytes * 2).max(self.min_threshold);
    }
}

impl Drop for Heap {
    fn drop(&mut self) {
        for &p in &self.objects {
            // SAFETY: the heap owns every object; at drop nothing else runs.
            unsafe { free_object(p) };
        }
    }
}

#[inline]
fn mark(v: Value, work: &mut Vec<Value>) {
    if let Some(p) = v.as_ptr() {
        // SAFETY: pointer values point at live objects (roots and fields of
        // marked objects are reachable, so not yet freed).
        let h = unsafe { &*p };
        if !h.marked.get() {
            h.marked.set(true);
            work.push(v);
        }
    }
}

/// Pushes the children of `v` onto the mark stack.
fn trace(v: Value, work: &mut Vec<Value>) {
    let Some(kind) = v.kind() else { return };
    match kind {
        Kind::Str | Kind::BigInt | Kind::Range => {}
        Kind::List => {
            for &x in &cast!(v, ListObj).items {
                mark(x, work);
            }
        }
        Kind::Tuple => {
            for &x in cast!(v, TupleObj).items.iter() {
                mark(x, work);
            }
        }
        Kind::Dict => {
            for (k, x) in cast!(v, DictObj).d.iter() {
                mark(k, work);
                mark(x, work);
            }
        }
        Kind::Function => {
            let f = cast!(v, FunctionObj);
            f.defaults.iter().for_each(|&x| mark(x, work));
            f.kwdefaults.iter().for_each(|&(_, x)| mark(x, work));
            f.closure.iter().for_each(|&x| mark(x, work));
            mark(f.name, work);
            mark(f.qualname, work);
            mark(f.class.get(), work);
        }
        Kind::Builtin => mark(cast!(v, BuiltinObj).receiver, work),
        Kind::Class => {
            let c = cast!(v, ClassObj);
            mark(c.name, work);
            mark(c.qualname, work);
            mark(c.base, work);
            mark(c.module, work);
            c.mro.iter().for_each(|&x| mark(x, work));
            c.dict.values().for_each(|&x| mark(x, work));
        }
        Kind::Instance => {
            let o = cast!(v, InstanceObj);
            mark(o.class, work);
            o.slots.iter().for_each(|&x| mark(x, work));
            if let Some(e) = &o.exc {
                mark(e.args, work);
                mark(e.cause, work);
                mark(e.context, work);
                if let Some((o, _)) = e.attr {
                    mark(o, work);
                }
            }
        }
        Kind::BoundMethod => {
            let m = cast!(v, BoundMethodObj);
            mark(m.func, work);
            mark(m.receiver, work);
        }
        Kind::Cell => mark(cast!(v, CellObj).v.get(), work),
        Kind::Iter => match &cast!(v, IterObj).state {
            IterState::Range { .. } => {}
            IterState::Seq { seq, .. } | IterState::Reversed { seq, .. } => mark(*seq, work),
            IterState::Dict { dict, .. } => mark(*dict, work),
            IterState::Enumerate { it, count } => {
                mark(*it, work);
                mark(*count, work);
            }
            IterState::Zip { its } => its.iter().for_each(|&x| mark(x, work)),
            IterState::Map { func, its } => {
                mark(*func, work);
                its.iter().for_each(|&x| mark(x, work));
            }
            IterState::Filter { func, it } => {
                mark(*func, work);
                mark(*it, work);
            }
            IterState::CallIter { func, sentinel } => {
                mark(*func, work);
                mark(*sentinel, work);
            }
        },
        Kind::Module => {
            let m = cast!(v, ModuleObj);
            mark(m.name, work);
            m.attrs.values().for_each(|&x| mark(x, work));
        }
        Kind::Slice => {
            let s = cast!(v, SliceObj);
            mark(s.start, work);
            mark(s.stop, work);
            mark(s.step, work);
        }
        Kind::Super => {
            let s = cast!(v, SuperObj);
            mark(s.class, work);
            mark(s.obj, work);
        }
        Kind::DictView => mark(cast!(v, DictViewObj).dict, work),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(heap: &mut Heap, items: Vec<Value>) -> Value {
        heap.alloc(
            ListObj {
                h: ObjHeader::new(Kind::List),
                items,
            },
            0,
        )
    }

    #[test]
    fn collects_unreachable_and_keeps_reachable() {
        let mut heap = Heap::default();
        let inner = list(&mut heap, vec![Value::from_small(1)]);
        let outer = list(&mut heap, vec![inner]);
        let _garbage = list(&mut heap, vec![Value::NONE]);
        // A cycle that is unreachable.
        let a = list(&mut heap, vec![]);
        let b = list(&mut heap, vec![a]);
        a.as_list().unwrap().items.push(b);
        assert_eq!(heap.len(), 5);
        heap.collect([outer]);
        assert_eq!(heap.len(), 2);
        assert_eq!(outer.as_list().unwrap().items[0], inner);
        heap.collect([]);
        assert_eq!(heap.len(), 0);
    }
}
