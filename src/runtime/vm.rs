//! The VM state: heap, code and module tables, the value stack and frames,
//! builtin classes, and the allocation helpers the rest of the runtime uses.

use super::classes::Classes;
use super::heap::Heap;
use super::object::*;
use super::shapes::Shapes;
use super::stack::VmStack;
use super::value::{fits_small, Value};
use super::{PyResult, Raised};
use crate::bytecode::CodeObject;
use crate::intern::{Interner, Sym};
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use std::io::Write;

/// A loaded code object with its run-time companions.
pub struct CodeEntry {
    pub code: CodeObject,
    /// The constants as values (permanent GC roots).
    pub consts: Vec<Value>,
    /// The module whose globals the code uses.
    pub module: u32,
    /// Per-pc entry counters of block leaders: the JIT's hotness signal.
    pub counts: Vec<u32>,
    /// The static temp-stack depth before each pc (`verify::UNREACHABLE`
    /// for dead code): where the interpreter's `sp` is when JIT code exits.
    pub depths: Vec<u32>,
    /// The live locals before each pc (`bytecode::liveness`): the JIT
    /// forgets the types of dead ones in block contexts.
    pub live: Vec<u64>,
    /// Per-pc attribute inline caches of the interpreter (`LoadAttr`,
    /// `StoreAttr`; `LoadMethod` records shapes): `interp::site_cache`.
    pub attr_ic: Vec<u64>,
}

/// A loaded module's globals.
pub struct ModuleEntry {
    pub name: String,
    pub filename: String,
    pub source: String,
    /// The names of the global slots (`LoadGlobal` operands index both).
    pub names: Vec<Sym>,
    pub globals: Vec<Value>,
    /// First code index of this module in `Vm::codes`.
    pub code_base: u32,
    pub obj: Value,
    /// For each global slot, the builtin of the same name (or NULL): what
    /// `LoadGlobal` falls back to when the global is unbound.
    pub builtin_fallback: Vec<Value>,
    /// For each global slot, when it was last bound after being unbound
    /// (0: never): CPython's module dict keeps keys in that order, and its
    /// NameError hints scan them in it.
    pub bind_seq: Vec<u64>,
    /// Bindings counted so far (the last `bind_seq`).
    pub binds: u64,
}

impl Vm {
    /// Notes that global slot `g` of `module`, unbound until now, is being
    /// bound (see `ModuleEntry::bind_seq`).
    #[cold]
    pub fn global_bound(&mut self, module: usize, g: u32) {
        if let Some(m) = self.modules.get_mut(module) {
            m.binds += 1;
            if let Some(s) = m.bind_seq.get_mut(g as usize) {
                *s = m.binds;
            }
        }
    }
}

/// An active frame. `base` and `sp` index the VM stack; `sp` is only
/// up to date while the frame is suspended in a call or at a safepoint.
/// `repr(C)`: JIT code pushes and pops frame records of direct calls inline.
#[derive(Copy, Clone, Debug)]
#[repr(C)]
pub struct Frame {
    pub code: u32,
    pub base: usize,
    pub sp: usize,
    pub func: Value,
    /// Class-body namespace (a dict), or NULL.
    pub namespace: Value,
}

/// Well-known symbols.
pub struct Syms {
    pub init: Sym,
    pub str_: Sym,
    pub repr: Sym,
    pub eq: Sym,
    pub ne: Sym,
    pub lt: Sym,
    pub le: Sym,
    pub gt: Sym,
    pub ge: Sym,
    pub name: Sym,
    pub qualname: Sym,
    pub module: Sym,
    pub class: Sym,
    pub args: Sym,
    pub main: Sym,
    pub hash: Sym,
    pub len: Sym,
    pub bool_: Sym,
    pub doc: Sym,
    pub dict: Sym,
    pub key: Sym,
    pub reverse: Sym,
    pub sep: Sym,
    pub end: Sym,
    pub file: Sym,
    pub flush: Sym,
    pub default: Sym,
    pub start: Sym,
    pub append: Sym,
    pub range: Sym,
    pub len_builtin: Sym,
    pub not_implemented: Sym,
}

impl Syms {
    fn new(n: &mut Interner) -> Syms {
        Syms {
            init: n.intern("__init__"),
            str_: n.intern("__str__"),
            repr: n.intern("__repr__"),
            eq: n.intern("__eq__"),
            ne: n.intern("__ne__"),
            lt: n.intern("__lt__"),
            le: n.intern("__le__"),
            gt: n.intern("__gt__"),
            ge: n.intern("__ge__"),
            name: n.intern("__name__"),
            qualname: n.intern("__qualname__"),
            module: n.intern("__module__"),
            class: n.intern("__class__"),
            args: n.intern("args"),
            main: n.intern("__main__"),
            hash: n.intern("__hash__"),
            len: n.intern("__len__"),
            bool_: n.intern("__bool__"),
            doc: n.intern("__doc__"),
            dict: n.intern("__dict__"),
            key: n.intern("key"),
            reverse: n.intern("reverse"),
            sep: n.intern("sep"),
            end: n.intern("end"),
            file: n.intern("file"),
            flush: n.intern("flush"),
            default: n.intern("default"),
            start: n.intern("start"),
            append: n.intern("append"),
            range: n.intern("range"),
            len_builtin: n.intern("len"),
            not_implemented: n.intern("NotImplemented"),
        }
    }
}

/// Iterators kept for reuse (`Vm::iter_pool`, which is allocated with this
/// capacity and never grows: JIT code pushes onto it in place).
pub const ITER_POOL: usize = 32;

/// The whole virtual machine.
pub struct Vm {
    pub names: Interner,
    pub heap: Heap,
    pub codes: Vec<Box<CodeEntry>>,
    pub modules: Vec<ModuleEntry>,
    pub builtins: crate::intern::FxMap<Sym, Value>,
    /// Native modules by name (`math`, `time`, `sys`), created on import.
    pub native_modules: crate::intern::FxMap<Sym, Value>,
    pub cls: Classes,
    pub shapes: Shapes,
    pub stack: VmStack,
    pub frames: Vec<Frame>,
    /// The exception being raised while a `Raised` propagates.
    pub exc: Value,
    /// The exception being handled (what a bare `raise` re-raises).
    pub handled: Value,
    pub recursion_limit: usize,
    /// Extra GC roots pushed by native code that calls back into Python.
    pub roots: Vec<Value>,
    /// The `math` functions of one float that JIT code calls directly: the
    /// builtin object, the function, and whether an infinite result from
    /// a finite argument is a range error (else a domain error).
    pub float_fns: Vec<(Value, crate::runtime::builtins::math::FloatFn, bool)>,
    /// Iterators `for` loops gave back, for the next loops (`new_loop_iter`).
    pub iter_pool: Vec<Value>,
    pub out: Vec<u8>,
    /// When set, stdout and stderr go here instead of the process's
    /// streams (`crate::embed` runs programs in-process this way).
    pub capture: Option<Box<Captured>>,
    pub argv: Vec<String>,
    pub s: Syms,
    /// Cache of one-character strings for ASCII.
    pub char_strs: Vec<Value>,
    pub empty_str: Value,
    pub empty_tuple: Value,
    /// Containers whose repr is in progress (to print `[...]` for cycles).
    pub repr_stack: Vec<Value>,
    /// Set by `Reraise` so the unwinder does not add a traceback line twice.
    pub reraising: bool,
    /// Address near the top of the VM thread's native stack.
    pub native_stack_base: usize,
    /// The JIT, when `--lbbv` is on.
    pub jit: Option<Box<crate::jit::Jit>>,
    /// Where JIT code leaves a frame's return value.
    pub jit_ret: Value,
    /// The `Type` code of `jit_ret` as the returning version knew it, times
    /// 8 (0: unknown); read by the continuation dispatch of direct calls.
    pub jit_ret_type: u64,
    /// The frame address of a callee `jit::dyncall::enter_call` prepared.
    pub jit_call_fp: u64,
    /// Bytecode instructions the interpreter executed (counted only with
    /// `--stats`).
    pub interp_instrs: u64,
    /// Class attribute lookups by (class bits, name).
    pub lookup_cache: std::cell::RefCell<crate::intern::FxMap<(u64, u32), Option<Value>>>,
    /// Bumped whenever any class's attributes change (JIT code that
    /// assumed a class's methods guards on it).
    pub class_epoch: u64,
}

/// A program's captured output (see `Vm::capture`).
#[derive(Default, Debug)]
pub struct Captured {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

impl Vm {
    /// A VM with its builtins installed and nothing loaded.
    pub fn new(argv: Vec<String>) -> Vm {
        let mut names = Interner::default();
        let s = Syms::new(&mut names);
        let mut heap = Heap::default();
        let mut shapes = Shapes::default();
        let cls = Classes::create(&mut heap, &mut names, &mut shapes);
        let mut vm = Vm {
            names,
            heap,
            codes: Vec::new(),
            modules: Vec::new(),
            builtins: Default::default(),
            native_modules: Default::default(),
            cls,
            shapes,
            stack: VmStack::new(),
            frames: Vec::with_capacity(1024),
            exc: Value::NONE,
            handled: Value::NONE,
            recursion_limit: 1000,
            roots: Vec::new(),
            iter_pool: Vec::with_capacity(ITER_POOL),
            float_fns: Vec::new(),
            out: Vec::with_capacity(1 << 16),
            capture: None,
            argv,
            s,
            char_strs: Vec::new(),
            empty_str: Value::NONE,
            empty_tuple: Value::NONE,
            repr_stack: Vec::new(),
            reraising: false,
            native_stack_base: 0,
            jit: None,
            jit_ret: Value::NONE,
            jit_ret_type: 0,
            jit_call_fp: 0,
            interp_instrs: 0,
            lookup_cache: Default::default(),
            class_epoch: 0,
        };
        vm.empty_str = vm.new_str_owned(String::new());
        vm.empty_tuple = vm.new_tuple(Vec::new());
        vm.char_strs = (0u8..128)
            .map(|b| {
                let s = (b as char).to_string();
                vm.new_str_owned(s)
            })
            .collect();
        super::builtins::install(&mut vm);
        vm
    }

    // ---- allocation ----

    pub fn new_str(&mut self, s: &str) -> Value {
        if s.len() == 1 && s.as_bytes()[0] < 128 && !self.char_strs.is_empty() {
            return self.char_strs[s.as_bytes()[0] as usize];
        }
        self.new_str_owned(s.to_string())
    }

    pub fn new_str_owned(&mut self, s: String) -> Value {
        let chars = if s.is_ascii() {
            s.len()
        } else {
            s.chars().count()
        };
        let extra = s.len();
        self.heap.alloc(
            StrObj {
                h: ObjHeader::new(Kind::Str),
                s: s.into_boxed_str(),
                chars,
            },
            extra,
        )
    }

    /// The str that joins the strs `parts` (an f-string's `BuildString`),
    /// allocated once at its final length.
    pub fn concat_strs(&mut self, parts: &[Value]) -> Value {
        let len = parts.iter().map(|v| v.as_str().map_or(0, str::len)).sum();
        let mut s = String::with_capacity(len);
        for v in parts {
            s.push_str(v.as_str().unwrap_or(""));
        }
        self.new_str_owned(s)
    }

    pub fn new_list(&mut self, items: Vec<Value>) -> Value {
        let extra = items.capacity() * 8;
        self.heap.alloc(
            ListObj {
                h: ObjHeader::new(Kind::List),
                items,
            },
            extra,
        )
    }

    pub fn new_tuple(&mut self, items: Vec<Value>) -> Value {
        if items.is_empty() && self.empty_tuple.is_ptr() {
            return self.empty_tuple;
        }
        let extra = items.len() * 8;
        self.heap.alloc(
            TupleObj {
                h: ObjHeader::new(Kind::Tuple),
                items: items.into_boxed_slice(),
            },
            extra,
        )
    }

    pub fn new_dict(&mut self, d: super::dict::Dict) -> Value {
        let extra = d.len() * 40;
        self.heap.alloc(
            DictObj {
                h: ObjHeader::new(Kind::Dict),
                d,
            },
            extra,
        )
    }

    /// An int value: unboxed when it fits, else a big int.
    pub fn new_int(&mut self, i: i64) -> Value {
        if fits_small(i) {
            Value::from_small(i)
        } else {
            self.new_bigint(BigInt::from(i))
        }
    }

    /// An int from a big int, normalised to the unboxed form when it fits.
    pub fn new_bigint(&mut self, b: BigInt) -> Value {
        if let Some(i) = b.to_i64() {
            if fits_small(i) {
                return Value::from_small(i);
            }
        }
        let extra = (b.bits() / 8) as usize;
        self.heap.alloc(
            BigIntObj {
                h: ObjHeader::new(Kind::BigInt),
                v: b,
            },
            extra,
        )
    }

    pub fn new_iter(&mut self, state: IterState) -> Value {
        self.heap.alloc(
            IterObj {
                h: ObjHeader::new(Kind::Iter),
                state,
                owner: std::cell::Cell::new(0),
            },
            0,
        )
    }

    /// An iterator for the `for` loop of the running frame (`GetIter`):
    /// one from the pool of iterators earlier loops gave back, else a new
    /// one. Only the loop holds it.
    pub fn new_loop_iter(&mut self, state: IterState) -> Value {
        let it = match self.iter_pool.pop() {
            Some(it) => it,
            None => self.new_iter(IterState::Range {
                cur: 0,
                stop: 0,
                step: 1,
            }),
        };
        if let Some(io) = it.as_iter() {
            io.state = state;
            io.owner.set(self.frames.len() as u32);
        }
        it
    }

    /// A `for` loop of the running frame is done with iterator `it` (it
    /// ran out, or the loop was left by `break`): if the loop made it, no
    /// one else can see it, and it goes back to the pool, holding nothing.
    pub fn recycle_iter(&mut self, it: Value) {
        let Some(io) = it.as_iter() else {
            return;
        };
        if io.owner.get() != self.frames.len() as u32 || self.iter_pool.len() >= ITER_POOL {
            return;
        }
        io.owner.set(0);
        io.state = IterState::Range {
            cur: 0,
            stop: 0,
            step: 1,
        };
        self.iter_pool.push(it);
    }

    pub fn new_cell(&mut self, v: Value) -> Value {
        self.heap.alloc(
            CellObj {
                h: ObjHeader::new(Kind::Cell),
                v: std::cell::Cell::new(v),
            },
            0,
        )
    }

    pub fn new_builtin(&mut self, name: &'static str, f: NativeFn) -> Value {
        self.heap.alloc(
            BuiltinObj {
                h: ObjHeader::new(Kind::Builtin),
                name,
                f,
                receiver: Value::NULL,
            },
            0,
        )
    }

    pub fn new_bound_method(&mut self, func: Value, receiver: Value) -> Value {
        self.heap.alloc(
            BoundMethodObj {
                h: ObjHeader::new(Kind::BoundMethod),
                func,
                receiver,
            },
            0,
        )
    }

    /// Interns `s` and returns its symbol.
    pub fn sym(&mut self, s: &str) -> Sym {
        self.names.intern(s)
    }

    /// The text of a symbol, as a `'static` str for convenience in messages.
    pub fn sym_str(&self, s: Sym) -> String {
        self.names.name(s).to_string()
    }

    // ---- types ----

    /// The class of any value.
    pub fn class_of(&self, v: Value) -> Value {
        if v.is_small_int() {
            return self.cls.int;
        }
        if v.is_float() {
            return self.cls.float;
        }
        if v.is_bool() {
            return self.cls.bool_;
        }
        if v.is_none() {
            return self.cls.none;
        }
        match v.kind() {
            Some(Kind::Str) => self.cls.str_,
            Some(Kind::BigInt) => self.cls.int,
            Some(Kind::List) => self.cls.list,
            Some(Kind::Tuple) => self.cls.tuple,
            Some(Kind::Dict) => self.cls.dict,
            Some(Kind::Function) => self.cls.function,
            Some(Kind::Builtin) => self.cls.builtin_function,
            Some(Kind::Class) => self.cls.type_,
            Some(Kind::Instance) => cast!(v, InstanceObj).class,
            Some(Kind::BoundMethod) => self.cls.method,
            Some(Kind::Cell) => self.cls.cell,
            Some(Kind::Range) => self.cls.range,
            Some(Kind::Iter) => self.cls.iterator,
            Some(Kind::Module) => self.cls.module,
            Some(Kind::Slice) => self.cls.slice,
            Some(Kind::Super) => self.cls.super_,
            Some(Kind::DictView) => match cast!(v, DictViewObj).what {
                0 => self.cls.dict_keys,
                1 => self.cls.dict_values,
                _ => self.cls.dict_items,
            },
            None => self.cls.none,
        }
    }

    /// `type(v).__name__`.
    pub fn type_name(&self, v: Value) -> &'static str {
        let c = self.class_of(v);
        c.as_class()
            .and_then(|c| c.name.as_str())
            .unwrap_or("object")
    }

    /// True if class `c` is `base` or derives from it.
    pub fn is_subclass(&self, c: Value, base: Value) -> bool {
        c.as_class().is_some_and(|c| c.mro.contains(&base))
    }

    /// `isinstance(v, cls)` for a single class.
    pub fn isinstance(&self, v: Value, cls: Value) -> bool {
        if cls == self.cls.object {
            return true;
        }
        let c = self.class_of(v);
        c == cls || self.is_subclass(c, cls)
    }

    // ---- output ----

    /// Appends to the buffered stdout.
    pub fn write_out(&mut self, s: &str) {
        self.out.extend_from_slice(s.as_bytes());
        if self.out.len() > 1 << 15 {
            self.flush_out();
        }
    }

    pub fn flush_out(&mut self) {
        if let Some(c) = &mut self.capture {
            c.stdout.extend_from_slice(&self.out);
            self.out.clear();
            return;
        }
        let mut so = std::io::stdout().lock();
        let _ = so.write_all(&self.out);
        let _ = so.flush();
        self.out.clear();
    }

    /// Writes to stderr (or the capture), stdout's buffer flushed first so
    /// that the two streams interleave as they were written.
    pub fn write_err(&mut self, s: &str) {
        self.flush_out();
        if let Some(c) = &mut self.capture {
            c.stderr.extend_from_slice(s.as_bytes());
            return;
        }
        let mut e = std::io::stderr().lock();
        let _ = e.write_all(s.as_bytes());
        let _ = e.flush();
    }

    // ---- GC ----

    /// Runs a collection if the heap asks for one. `top` is the current
    /// frame's stack pointer; every other frame's `sp` is up to date.
    #[inline]
    pub fn safepoint(&mut self, top: usize) {
        if self.heap.should_collect() {
            self.collect(top);
        }
    }

    /// Collects garbage now.
    pub fn collect(&mut self, top: usize) {
        if let Some(f) = self.frames.last_mut() {
            f.sp = top;
        }
        let mut roots: Vec<Value> = Vec::with_capacity(4096);
        for f in &self.frames {
            roots.extend_from_slice(self.stack.slice(f.base, f.sp));
            roots.push(f.func);
            roots.push(f.namespace);
        }
        for c in &self.codes {
            roots.extend_from_slice(&c.consts);
        }
        for m in &self.modules {
            roots.extend_from_slice(&m.globals);
            roots.push(m.obj);
        }
        roots.extend(self.builtins.values().copied());
        roots.extend(self.native_modules.values().copied());
        roots.extend(self.cls.all());
        roots.extend_from_slice(&self.roots);
        roots.extend_from_slice(&self.iter_pool);
        if let Some(jit) = &self.jit {
            roots.extend(jit.core.embedded.iter().copied());
        }
        roots.extend_from_slice(&self.char_strs);
        self.lookup_cache.borrow_mut().clear();
        roots.extend([
            self.exc,
            self.handled,
            self.empty_str,
            self.empty_tuple,
            self.jit_ret,
        ]);
        self.heap.collect(roots);
    }

    /// Raises `cls(msg)`.
    pub fn raise_msg(&mut self, cls: Value, msg: &str) -> Raised {
        let m = self.new_str(msg);
        let e = self.new_exception(cls, vec![m]);
        self.exc = e;
        Raised
    }

    pub fn type_error(&mut self, msg: &str) -> Raised {
        let c = self.cls.type_error;
        self.raise_msg(c, msg)
    }

    pub fn value_error(&mut self, msg: &str) -> Raised {
        let c = self.cls.value_error;
        self.raise_msg(c, msg)
    }

    pub fn index_error(&mut self, msg: &str) -> Raised {
        let c = self.cls.index_error;
        self.raise_msg(c, msg)
    }

    pub fn zero_division(&mut self, msg: &str) -> Raised {
        let c = self.cls.zero_division_error;
        self.raise_msg(c, msg)
    }

    pub fn overflow_error(&mut self, msg: &str) -> Raised {
        let c = self.cls.overflow_error;
        self.raise_msg(c, msg)
    }

    pub fn attribute_error(&mut self, msg: &str) -> Raised {
        let c = self.cls.attribute_error;
        self.raise_msg(c, msg)
    }

    pub fn runtime_error(&mut self, msg: &str) -> Raised {
        let c = self.cls.runtime_error;
        self.raise_msg(c, msg)
    }

    /// `KeyError(key)`.
    pub fn key_error(&mut self, key: Value) -> Raised {
        let c = self.cls.key_error;
        let e = self.new_exception(c, vec![key]);
        self.exc = e;
        Raised
    }

    /// Raises an existing exception instance (or instantiates a class).
    pub fn raise_value(&mut self, e: Value) -> PyResult<Raised> {
        if let Some(c) = e.as_class() {
            if c.builtin == BuiltinType::Exception {
                let inst = self.call(e, &[], &[])?;
                self.exc = inst;
                return Ok(Raised);
            }
        }
        if e.as_instance().is_some_and(|i| i.exc.is_some()) {
            self.exc = e;
            return Ok(Raised);
        }
        Err(self.type_error("exceptions must derive from BaseException"))
    }

    /// Records the current native stack position as the VM thread's base.
    pub fn mark_native_stack_base(&mut self) {
        let here = 0u8;
        self.native_stack_base = &here as *const u8 as usize;
    }

    /// True while the native stack has room for another Python frame
    /// (a deep `sys.setrecursionlimit` must raise RecursionError, not crash).
    #[inline]
    pub fn native_stack_ok(&self) -> bool {
        let here = 0u8;
        let sp = &here as *const u8 as usize;
        self.native_stack_base == 0
            || self.native_stack_base.saturating_sub(sp) < crate::cli::VM_STACK_BYTES - (64 << 20)
    }

    /// Looks up a name in the builtins.
    pub fn builtin(&self, name: Sym) -> Option<Value> {
        self.builtins.get(&name).copied()
    }

    /// Registers a builtin value under `name`.
    pub fn set_builtin(&mut self, name: &str, v: Value) {
        let s = self.sym(name);
        self.builtins.insert(s, v);
    }

    /// Pointer to the code entry (boxed, so stable while the VM lives).
    #[inline(always)]
    pub fn code_ptr(&self, code: u32) -> *const CodeEntry {
        &*self.codes[code as usize]
    }
}
