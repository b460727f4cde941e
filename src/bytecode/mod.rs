//! The bytecode: a compact stack code per function (`CodeObject`) with its basic
//! blocks made explicit, because a basic block is the JIT's unit of compilation.
//!
//! Stack effects are written `[before] -> [after]`, top of stack rightmost.
//! A frame is `[locals | temps]` on the VM value stack; `slot` operands index
//! the locals, temps are addressed implicitly by the stack depth, which is
//! known statically at every pc (the compiler tracks it; `max_stack` bounds it).

mod blocks;
mod dump;
pub mod liveness;
pub mod verify;

pub use blocks::{BlockId, BlockInfo};
pub use dump::{dump_module, instr_note};
pub use verify::{max_depth, stack_depths, stack_effect, stack_effect_in, UNREACHABLE};

use crate::intern::Sym;
use num_bigint::BigInt;

/// Binary operators, shared by `Binary` and `Inplace`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
}

impl BinOp {
    /// The operator as written in Python source (for error messages).
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::TrueDiv => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "** or pow()",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::And => "&",
            BinOp::Or => "|",
            BinOp::Xor => "^",
        }
    }
}

/// Rich comparison operators.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum CmpOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl CmpOp {
    /// The operator as written in Python source.
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }

    /// The operator with its operands swapped (`a < b` is `b > a`).
    pub fn swapped(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Eq => CmpOp::Eq,
            CmpOp::Ne => CmpOp::Ne,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
        }
    }
}

/// Unary operators.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum UnOp {
    /// `-x`
    Neg,
    /// `+x`
    Pos,
    /// `not x` (always a bool)
    Not,
    /// `~x`
    Invert,
}

/// One bytecode instruction. 8 bytes; jump targets are absolute instruction
/// indices (pcs) within the same `CodeObject`.
#[derive(Copy, Clone, Debug, PartialEq)]
pub enum Instr {
    Nop,
    // ---- constants and variables ----
    /// `[] -> [consts[i]]`
    LoadConst(u32),
    /// `[] -> [local]`; UnboundLocalError if the slot is unbound.
    LoadFast(u32),
    /// `[v] -> []`
    StoreFast(u32),
    /// `[] -> []`; unbinds the slot (UnboundLocalError if already unbound).
    DeleteFast(u32),
    /// `[] -> [cell contents]`; the slot holds a cell (a cell or free variable).
    /// NameError "free variable 'x' referenced before assignment in enclosing
    /// scope" for an empty free cell, UnboundLocalError for an empty own cell.
    LoadDeref(u32),
    /// `[v] -> []`; stores into the cell held by the slot.
    StoreDeref(u32),
    /// `[] -> []`; empties the cell held by the slot.
    DeleteDeref(u32),
    /// `[] -> [cell]`; pushes the cell object itself (to build a closure tuple).
    LoadClosure(u32),
    /// `[] -> [global]`; the operand indexes `Module::globals`. Falls back to
    /// the builtins; NameError if neither binds the name.
    LoadGlobal(u32),
    /// `[v] -> []`
    StoreGlobal(u32),
    /// `[] -> []`; NameError if unbound.
    DeleteGlobal(u32),
    /// Class bodies only: `[] -> [v]` looking in the class namespace, then the
    /// globals, then the builtins. The operand indexes `Module::globals`.
    LoadName(u32),
    /// Class bodies only: `[v] -> []` into the class namespace.
    StoreName(u32),
    /// Class bodies only: `[] -> []`.
    DeleteName(u32),
    /// `[obj] -> [obj.attr]`
    LoadAttr(Sym),
    /// `[v, obj] -> []`; `obj.attr = v`.
    StoreAttr(Sym),
    /// `[obj] -> []`
    DeleteAttr(Sym),
    /// `[obj] -> [callable, self_or_null]`: when `attr` resolves to a plain
    /// function on the type, pushes the function and `obj` (no bound method is
    /// allocated); otherwise pushes the attribute and the NULL marker.
    LoadMethod(Sym),
    // ---- stack manipulation ----
    /// `[a] -> []`
    Pop,
    /// `[a] -> [a, a]`
    Dup,
    /// `[a, b] -> [a, b, a, b]`
    Dup2,
    /// `[a, b] -> [b, a]`
    Rot2,
    /// `[a, b, c] -> [c, a, b]`
    Rot3,
    /// `[a, b, c, d] -> [d, a, b, c]`
    Rot4,
    // ---- operators ----
    /// `[a, b] -> [a op b]`
    Binary(BinOp),
    /// `[a, b] -> [a op= b]`; mutates lists in place for `+=`/`*=`.
    Inplace(BinOp),
    /// `[a] -> [op a]`
    Unary(UnOp),
    /// `[a, b] -> [a op b]`
    Compare(CmpOp),
    /// `[a, b] -> [a is b]`, or `is not` when the flag is set.
    Is(bool),
    /// `[a, b] -> [a in b]`, or `not in` when the flag is set.
    Contains(bool),
    // ---- subscripts ----
    /// `[container, key] -> [container[key]]`
    Subscr,
    /// `[v, container, key] -> []`
    StoreSubscr,
    /// `[container, key] -> []`
    DeleteSubscr,
    /// `[start, stop] -> [slice]` (2) or `[start, stop, step] -> [slice]` (3).
    BuildSlice(u32),
    // ---- control flow ----
    /// Unconditional jump.
    Jump(u32),
    /// `[c] -> []`; jumps when `c` is falsy.
    PopJumpIfFalse(u32),
    /// `[c] -> []`; jumps when `c` is truthy.
    PopJumpIfTrue(u32),
    /// `[c] -> [c]` and jump when falsy, else `[c] -> []` (for `and`).
    JumpIfFalseOrPop(u32),
    /// `[c] -> [c]` and jump when truthy, else `[c] -> []` (for `or`).
    JumpIfTrueOrPop(u32),
    /// `[iterable] -> [iterator]`
    GetIter,
    /// `[it] -> [it, next]`, or when exhausted `[it] -> []` and jump.
    ForIter(u32),
    /// `[v] -> []`; returns `v` from the frame.
    Return,
    // ---- building ----
    /// `[a1 .. an] -> [(a1, .., an)]`
    BuildTuple(u32),
    /// `[a1 .. an] -> [[a1, .., an]]`
    BuildList(u32),
    /// `[k1, v1 .. kn, vn] -> [{k1: v1, ..}]`
    BuildMap(u32),
    /// `[list, x1 .. x(n-1), v] -> [list, x1 .. x(n-1)]`, appending `v` to the
    /// list found `n` below the top (after popping v) — list comprehensions.
    ListAppend(u32),
    /// `[dict, x1 .. x(n-1), k, v] -> [dict, x1 .. x(n-1)]`, setting `dict[k] = v`
    /// on the dict found `n` below the top (after popping k and v) — dict
    /// comprehensions. (Added by the compiler.)
    MapAdd(u32),
    /// `[seq] -> [vn .. v1]` (v1 on top), ValueError on a length mismatch.
    UnpackSequence(u32),
    /// `[s1 .. sn] -> [s1 + .. + sn]`; all are str (f-strings).
    BuildString(u32),
    /// `[v] -> [format(conv(v), '')]` or with `has_spec`
    /// `[v, spec] -> [format(conv(v), spec)]`; `conv` is 0 none, 1 `!s`,
    /// 2 `!r`, 3 `!a`.
    FormatValue {
        conv: u8,
        has_spec: bool,
    },
    // ---- calls and functions ----
    /// `[f, a1 .. an] -> [f(a1 .. an)]`
    Call(u32),
    /// `[f, a1 .. an, kv1 .. kvm] -> [result]`; `kwnames` indexes a constant
    /// tuple of the m keyword names; `argc` counts positional arguments only.
    CallKw {
        argc: u32,
        kwnames: u32,
    },
    /// `[callable, self_or_null, a1 .. an] -> [result]` (after `LoadMethod`).
    CallMethod(u32),
    /// As `CallMethod` with keyword arguments, as `CallKw`.
    CallMethodKw {
        argc: u32,
        kwnames: u32,
    },
    /// `[defaults?, kwdefaults?, closure?] -> [function]`. `code` indexes
    /// `Module::codes`; `flags` bit 0: a tuple of positional defaults, bit 1: a
    /// dict of keyword-only defaults, bit 2: a tuple of cells for the free
    /// variables (in `CodeObject::free_slots` order).
    MakeFunction {
        code: u32,
        flags: u8,
    },
    /// `[base?, closure?] -> [class]`: runs the class body `code` with a fresh
    /// namespace, then creates the class. `flags` bit 0: a base class is on the
    /// stack, bit 2: a closure tuple (as `MakeFunction`).
    BuildClass {
        code: u32,
        name: Sym,
        flags: u8,
    },
    // ---- exceptions ----
    /// `raise` (0: re-raise the exception being handled), `[e] -> raise e` (1),
    /// `[e, cause] -> raise e from cause` (2).
    Raise(u32),
    /// At a handler's start: `[exc] -> [prev_handled, exc]`, making `exc` the
    /// exception being handled (what a bare `raise` re-raises).
    PushExcInfo,
    /// `[prev_handled] -> []`, restoring the exception being handled.
    PopExcept,
    /// `[exc] -> raise exc` keeping its traceback (end of a `finally` run on
    /// the exception path, or no `except` clause matched).
    Reraise,
    /// `[exc, type] -> [exc, matches]`; `type` may be a class or a tuple of
    /// classes; TypeError if it is neither.
    CheckExcMatch,
    /// `[] -> [AssertionError]` (the builtin class, even if the name is rebound).
    LoadAssertionError,
    // ---- modules ----
    /// `[] -> [module]`; `import name`.
    ImportName(Sym),
    /// `[module] -> [module, module.name]`; `from m import name`.
    ImportFrom(Sym),
}

/// A compile-time constant.
#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    None,
    Bool(bool),
    Int(i64),
    BigInt(BigInt),
    Float(f64),
    Str(String),
    /// A tuple of constants (keyword-name tuples, constant tuples).
    Tuple(Vec<Const>),
}

/// An exception-table entry: an exception raised at a pc in `[start, end)`
/// truncates the frame's temps to `depth`, pushes the exception and jumps to
/// `target`. When several entries contain a pc, the one with the greatest
/// `start` wins, ties going to the later entry (ranges nest like the source).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Handler {
    pub start: u32,
    pub end: u32,
    pub target: u32,
    pub depth: u32,
}

/// What kind of scope a code object is.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum CodeKind {
    Module,
    Function,
    /// A class body: names go to the class namespace (`LoadName`/`StoreName`).
    Class,
    /// A lambda or comprehension (a function for every purpose but naming).
    Lambda,
}

/// One function's (or module's, or class body's) code.
#[derive(Clone, Debug)]
pub struct CodeObject {
    /// `__name__` (`<module>`, `<lambda>`, `<listcomp>`, or the def's name).
    pub name: String,
    /// `__qualname__` (`Outer.method`, `f.<locals>.g`).
    pub qualname: String,
    pub kind: CodeKind,
    /// Positional parameters (they occupy slots `0..argcount`).
    pub argcount: u32,
    /// Keyword-only parameters (slots `argcount..argcount + kwonlyargcount`).
    pub kwonlyargcount: u32,
    /// `*args` parameter slot, if any (after the keyword-only ones).
    pub varargs: Option<u32>,
    /// `**kwargs` parameter slot, if any (after `*args`).
    pub varkw: Option<u32>,
    /// Names of all local slots (parameters first). `len()` is the number of
    /// local slots of the frame.
    pub varnames: Vec<String>,
    /// Slots that hold cells because an inner function captures them; the
    /// frame setup wraps each (a parameter's value, or empty) into a new cell.
    pub cell_slots: Vec<u32>,
    /// Slots that receive the closure's cells at frame setup, in closure order.
    pub free_slots: Vec<u32>,
    pub consts: Vec<Const>,
    pub code: Vec<Instr>,
    /// The source line of each instruction (`lines.len() == code.len()`).
    pub lines: Vec<u32>,
    pub handlers: Vec<Handler>,
    /// An upper bound on the temps in use at any pc.
    pub max_stack: u32,
    /// The line of the `def`/`class`/`lambda` (1 for a module).
    pub first_line: u32,
    /// Basic blocks, filled in by `BlockInfo::compute` after compilation.
    pub blocks: BlockInfo,
}

impl CodeObject {
    /// Number of local slots (parameters, locals, cells, free variables).
    pub fn nlocals(&self) -> u32 {
        self.varnames.len() as u32
    }

    /// Slots a frame of this code needs: `[locals | temps]`.
    pub fn frame_size(&self) -> u32 {
        self.nlocals() + self.max_stack
    }

    /// The source line of the instruction at `pc`.
    pub fn line_at(&self, pc: usize) -> u32 {
        self.lines
            .get(pc)
            .copied()
            .unwrap_or(self.first_line)
            .max(1)
    }

    /// The exception handler for an exception raised at `pc`, if any.
    pub fn handler_for(&self, pc: u32) -> Option<Handler> {
        let mut best: Option<Handler> = None;
        for h in &self.handlers {
            if h.start <= pc && pc < h.end && best.is_none_or(|b| h.start >= b.start) {
                best = Some(*h);
            }
        }
        best
    }
}

/// A compiled source file: its code objects (index 0 is the module body) and
/// the names of its globals (`LoadGlobal`/`StoreGlobal` operands index them).
#[derive(Clone, Debug)]
pub struct Module {
    pub name: String,
    pub filename: String,
    pub codes: Vec<CodeObject>,
    pub globals: Vec<Sym>,
}
