//! Heap object layouts. Every heap object starts with an `ObjHeader` (its kind
//! and GC mark) and is `#[repr(C)]`, so a `Value` pointer can be cast to the
//! concrete struct after checking the kind, and JIT code can read fields at
//! fixed offsets.

use super::dict::Dict;
use super::value::Value;
use crate::intern::Sym;
use num_bigint::BigInt;
use std::cell::Cell;

/// The kind of a heap object.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Kind {
    Str,
    BigInt,
    List,
    Tuple,
    Dict,
    Function,
    Builtin,
    Class,
    Instance,
    BoundMethod,
    Cell,
    Range,
    Iter,
    Module,
    Slice,
    Super,
    DictView,
}

/// The common header of all heap objects.
#[repr(C)]
pub struct ObjHeader {
    pub kind: Kind,
    pub marked: Cell<bool>,
}

impl ObjHeader {
    pub fn new(kind: Kind) -> ObjHeader {
        ObjHeader {
            kind,
            marked: Cell::new(false),
        }
    }
}

/// A str. `chars` caches the length in code points; ASCII strings index by byte.
#[repr(C)]
pub struct StrObj {
    pub h: ObjHeader,
    pub s: Box<str>,
    pub chars: usize,
}

impl StrObj {
    pub fn is_ascii(&self) -> bool {
        self.chars == self.s.len()
    }
}

/// An int outside the unboxed range.
#[repr(C)]
pub struct BigIntObj {
    pub h: ObjHeader,
    pub v: BigInt,
}

#[repr(C)]
pub struct ListObj {
    pub h: ObjHeader,
    pub items: Vec<Value>,
}

#[repr(C)]
pub struct TupleObj {
    pub h: ObjHeader,
    pub items: Box<[Value]>,
}

#[repr(C)]
pub struct DictObj {
    pub h: ObjHeader,
    pub d: Dict,
}

/// A Python function: code plus defaults and closure.
#[repr(C)]
pub struct FunctionObj {
    pub h: ObjHeader,
    /// Index into the VM's code table.
    pub code: u32,
    /// Index into the VM's module table (whose globals the code uses).
    pub module: u32,
    pub defaults: Vec<Value>,
    /// Keyword-only defaults: name → value.
    pub kwdefaults: Vec<(Sym, Value)>,
    /// Cells for the code's free variables.
    pub closure: Vec<Value>,
    pub name: Value,
    pub qualname: Value,
    /// The class whose body defined this function (for zero-argument super()).
    pub class: Cell<Value>,
}

/// Signature of a native function: receives all positional arguments (for a
/// method, `self` first) and keyword arguments.
pub type NativeFn =
    fn(&mut crate::runtime::Vm, &[Value], &[(Sym, Value)]) -> super::PyResult<Value>;

/// A function implemented in Rust.
#[repr(C)]
pub struct BuiltinObj {
    pub h: ObjHeader,
    pub name: &'static str,
    pub f: NativeFn,
    /// Bound receiver (for `[].append` taken as a value), or NULL.
    pub receiver: Value,
}

/// Which builtin type a class object stands for (for `int`, `str`, ... and
/// the exception classes, which are ordinary classes with a native base).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum BuiltinType {
    Object,
    Int,
    Bool,
    Float,
    Str,
    List,
    Tuple,
    Dict,
    NoneType,
    Function,
    BuiltinFunction,
    Type,
    Range,
    Iterator,
    Module,
    Slice,
    Cell,
    Method,
    Super,
    DictView,
    /// BaseException and its subclasses (builtin or user-defined).
    Exception,
    /// A user-defined class (not deriving from an exception).
    User,
}

/// A class. Attribute lookup walks `mro` (the class itself first).
#[repr(C)]
pub struct ClassObj {
    pub h: ObjHeader,
    pub name: Value,
    pub qualname: Value,
    pub base: Value,
    /// The class and its bases, most derived first.
    pub mro: Vec<Value>,
    pub dict: crate::intern::SymMap<Value>,
    pub builtin: BuiltinType,
    /// The shape an instance starts with (no attributes).
    pub root_shape: u32,
    /// The most attributes an instance of the class has had: new instances
    /// reserve that many slots, so adding them (in JIT code: in place)
    /// never grows the slot array.
    pub slot_hint: Cell<u32>,
    /// Bumped whenever the class's (or a base's) attributes change, so that
    /// cached lookups and JIT code can be invalidated.
    pub version: Cell<u64>,
    /// Module name for repr (`__main__`).
    pub module: Value,
}

/// Extra state of an exception instance.
pub struct ExcState {
    pub args: Value,
    /// (code index, line) pairs, innermost last, added as it propagates.
    pub traceback: Vec<(u32, u32)>,
    pub cause: Value,
    pub context: Value,
    /// A precomputed "Did you mean" suggestion (NameError).
    pub hint: Option<String>,
    /// The object and attribute name of an AttributeError (hint computed
    /// only if the exception is printed).
    pub attr: Option<(Value, Sym)>,
}

/// An instance of a user class (or of an exception class).
#[repr(C)]
pub struct InstanceObj {
    pub h: ObjHeader,
    pub class: Value,
    pub shape: Cell<u32>,
    pub slots: Vec<Value>,
    pub exc: Option<Box<ExcState>>,
}

#[repr(C)]
pub struct BoundMethodObj {
    pub h: ObjHeader,
    pub func: Value,
    pub receiver: Value,
}

#[repr(C)]
pub struct CellObj {
    pub h: ObjHeader,
    pub v: Cell<Value>,
}

#[repr(C)]
pub struct RangeObj {
    pub h: ObjHeader,
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

/// The state of a builtin iterator. `repr(C, u8)` gives it a defined
/// layout (a one-byte tag, then the variant's fields in order at offset 8),
/// so JIT code can step range and list iterators inline (`jit::Layout`
/// checks the offsets at start-up).
#[repr(C, u8)]
pub enum IterState {
    Range {
        cur: i64,
        stop: i64,
        step: i64,
    },
    /// Over a list, tuple or str by index (a list may change length).
    Seq {
        seq: Value,
        idx: usize,
    },
    /// Reversed list/tuple/str: the next index to yield is `idx - 1`.
    Reversed {
        seq: Value,
        idx: usize,
    },
    /// Over a dict: 0 keys, 1 values, 2 items.
    Dict {
        dict: Value,
        idx: usize,
        what: u8,
        len: usize,
    },
    Enumerate {
        it: Value,
        count: Value,
    },
    Zip {
        its: Vec<Value>,
    },
    /// `map(func, *iterables)`.
    Map {
        func: Value,
        its: Vec<Value>,
    },
    /// `filter(func_or_None, iterable)`.
    Filter {
        func: Value,
        it: Value,
    },
    /// `iter(func, sentinel)`; `func` becomes NULL once exhausted.
    CallIter {
        func: Value,
        sentinel: Value,
    },
}

#[repr(C)]
pub struct IterObj {
    pub h: ObjHeader,
    pub state: IterState,
    /// The depth (`Vm::frames.len()`) of the frame whose `for` loop made
    /// this iterator with `GetIter`, or 0: only that loop holds it, so the
    /// loop's end may give it back to the VM's pool (`Vm::recycle_iter`).
    pub owner: std::cell::Cell<u32>,
}

/// A module: `math`, `time`, `sys`, or a user's module.
#[repr(C)]
pub struct ModuleObj {
    pub h: ObjHeader,
    pub name: Value,
    pub attrs: crate::intern::SymMap<Value>,
    /// The VM module index for a user module (its globals), or `u32::MAX`.
    pub index: u32,
}

#[repr(C)]
pub struct SliceObj {
    pub h: ObjHeader,
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}

/// `super()`: attribute lookup starts after `class` in the MRO of `obj`'s type.
#[repr(C)]
pub struct SuperObj {
    pub h: ObjHeader,
    pub class: Value,
    pub obj: Value,
}

/// `dict.keys()`, `dict.values()` or `dict.items()`: a live view.
#[repr(C)]
pub struct DictViewObj {
    pub h: ObjHeader,
    pub dict: Value,
    /// 0 keys, 1 values, 2 items (as `IterState::Dict`).
    pub what: u8,
}

/// Casts a pointer value to a concrete object. The caller has checked the kind.
macro_rules! cast {
    ($v:expr, $t:ty) => {{
        let p = $v.ptr() as *mut $t;
        // SAFETY: the caller checked the object's kind, and heap objects are
        // never freed while reachable (the GC only frees unreachable ones).
        unsafe { &mut *p }
    }};
}
pub(crate) use cast;

/// Typed access to heap objects.
///
/// The accessors return references whose lifetime the caller chooses,
/// because heap objects are owned by the collector, not by any Rust value: an object
/// lives while it is reachable from a root, and collections happen only at
/// interpreter and JIT safepoints. The contract for callers is therefore:
/// do not keep such a reference across anything that can reach a safepoint
/// (a call into Python code) unless the object is rooted, and do not hold two
/// mutable references to the same object at once.
impl Value {
    /// The kind of a heap value, or None for an immediate.
    #[inline(always)]
    pub fn kind(self) -> Option<Kind> {
        if self.is_ptr() {
            // SAFETY: pointer values always point at a live object header.
            Some(unsafe { (*self.ptr()).kind })
        } else {
            None
        }
    }

    #[inline(always)]
    pub fn is_kind(self, k: Kind) -> bool {
        self.kind() == Some(k)
    }

    pub fn as_str(&self) -> Option<&'static str> {
        if self.is_kind(Kind::Str) {
            Some(&*cast!(self, StrObj).s)
        } else {
            None
        }
    }

    pub fn as_str_obj(&self) -> Option<&'static StrObj> {
        if self.is_kind(Kind::Str) {
            Some(cast!(self, StrObj))
        } else {
            None
        }
    }

    pub fn as_bigint(&self) -> Option<&'static BigInt> {
        if self.is_kind(Kind::BigInt) {
            Some(&cast!(self, BigIntObj).v)
        } else {
            None
        }
    }

    pub fn as_list<'a>(&self) -> Option<&'a mut ListObj> {
        if self.is_kind(Kind::List) {
            Some(cast!(self, ListObj))
        } else {
            None
        }
    }

    pub fn as_tuple(&self) -> Option<&'static TupleObj> {
        if self.is_kind(Kind::Tuple) {
            Some(cast!(self, TupleObj))
        } else {
            None
        }
    }

    pub fn as_dict<'a>(&self) -> Option<&'a mut DictObj> {
        if self.is_kind(Kind::Dict) {
            Some(cast!(self, DictObj))
        } else {
            None
        }
    }

    pub fn as_function(&self) -> Option<&'static FunctionObj> {
        if self.is_kind(Kind::Function) {
            Some(cast!(self, FunctionObj))
        } else {
            None
        }
    }

    pub fn as_builtin(&self) -> Option<&'static BuiltinObj> {
        if self.is_kind(Kind::Builtin) {
            Some(cast!(self, BuiltinObj))
        } else {
            None
        }
    }

    pub fn as_class<'a>(&self) -> Option<&'a mut ClassObj> {
        if self.is_kind(Kind::Class) {
            Some(cast!(self, ClassObj))
        } else {
            None
        }
    }

    pub fn as_instance<'a>(&self) -> Option<&'a mut InstanceObj> {
        if self.is_kind(Kind::Instance) {
            Some(cast!(self, InstanceObj))
        } else {
            None
        }
    }

    pub fn as_bound_method(&self) -> Option<&'static BoundMethodObj> {
        if self.is_kind(Kind::BoundMethod) {
            Some(cast!(self, BoundMethodObj))
        } else {
            None
        }
    }

    pub fn as_cell(&self) -> Option<&'static CellObj> {
        if self.is_kind(Kind::Cell) {
            Some(cast!(self, CellObj))
        } else {
            None
        }
    }

    pub fn as_range(&self) -> Option<&'static RangeObj> {
        if self.is_kind(Kind::Range) {
            Some(cast!(self, RangeObj))
        } else {
            None
        }
    }

    pub fn as_iter<'a>(&self) -> Option<&'a mut IterObj> {
        if self.is_kind(Kind::Iter) {
            Some(cast!(self, IterObj))
        } else {
            None
        }
    }

    pub fn as_module<'a>(&self) -> Option<&'a mut ModuleObj> {
        if self.is_kind(Kind::Module) {
            Some(cast!(self, ModuleObj))
        } else {
            None
        }
    }

    pub fn as_slice(&self) -> Option<&'static SliceObj> {
        if self.is_kind(Kind::Slice) {
            Some(cast!(self, SliceObj))
        } else {
            None
        }
    }

    pub fn as_dict_view(&self) -> Option<&'static DictViewObj> {
        if self.is_kind(Kind::DictView) {
            Some(cast!(self, DictViewObj))
        } else {
            None
        }
    }

    pub fn as_super(&self) -> Option<&'static SuperObj> {
        if self.is_kind(Kind::Super) {
            Some(cast!(self, SuperObj))
        } else {
            None
        }
    }
}
