//! The code generator's state: `Compiler` (module-wide: the globals table, the
//! finished code objects, the symbol table) and `Unit` (one code object under
//! construction: instructions with their lines and exception-handler
//! annotations, labels, constants, local slots and the frame-block stack).
//!
//! Jumps are emitted with label numbers as operands and resolved when the
//! unit is finished. Each instruction records the innermost handler active
//! when it was emitted (from the frame-block stack), and the exception table
//! is built from maximal runs of equal annotations, so the entries never
//! overlap and code inlined while unwinding (a `finally` copy) is covered by
//! the outer handlers only.

use super::symtable::{NameScope, ScopeKind, SymTable};
use super::{CResult, SourceMap};
use crate::bytecode::{
    max_depth, stack_depths, stack_effect_in, BlockInfo, CodeKind, CodeObject, Const, Handler,
    Instr, Module,
};
use crate::intern::{Interner, Sym};
use ruff_python_ast::Stmt;
use ruff_text_size::{TextRange, TextSize};
use std::collections::HashMap;

/// A jump target, resolved to a pc when the unit is finished.
pub(crate) type Label = u32;

/// What a frame block is: the statements whose exits need cleanup code.
#[derive(Clone, Copy, Debug)]
pub(crate) enum FBlockKind<'a> {
    WhileLoop {
        head: Label,
        exit: Label,
    },
    /// The iterator is on the stack.
    ForLoop {
        head: Label,
        exit: Label,
    },
    /// The body of a `try` with `except` clauses.
    TryExcept,
    /// The body of a `try` with a `finally`; unwinding runs a copy of it.
    FinallyTry {
        body: &'a [Stmt],
    },
    /// The `finally` body on the exception path: `[prev, exc]` on the stack.
    FinallyEnd,
    /// The dispatch code of `except` clauses: `[prev, exc]` on the stack.
    ExceptionHandler,
    /// An `except` clause body: `[prev]` on the stack; the name to clear.
    HandlerCleanup {
        name: Option<&'a str>,
    },
    /// A value kept on the stack while a `finally` copy runs (`return v`).
    PopValue,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct FBlock<'a> {
    pub kind: FBlockKind<'a>,
    /// The exception handler covering code emitted inside this block
    /// (target label, stack depth).
    pub handler: Option<(Label, u32)>,
}

/// How a name is accessed.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum Ctx {
    Load,
    Store,
    Del,
}

/// One code object under construction.
pub(crate) struct Unit<'a> {
    pub kind: CodeKind,
    pub scope: usize,
    pub name: String,
    pub qualname: String,
    pub first_line: u32,
    pub code: Vec<Instr>,
    pub lines: Vec<u32>,
    cover: Vec<Option<(Label, u32)>>,
    pub consts: Vec<Const>,
    labels: Vec<Option<u32>>,
    label_depth: Vec<Option<i64>>,
    /// The stack depth at the current emission point.
    pub depth: i64,
    /// False after an unconditional transfer, until a label is bound.
    pub reachable: bool,
    pub fblocks: Vec<FBlock<'a>>,
    pub slots: HashMap<String, u32>,
    pub varnames: Vec<String>,
    pub cell_slots: Vec<u32>,
    pub free_slots: Vec<u32>,
    pub argcount: u32,
    pub kwonlyargcount: u32,
    pub varargs: Option<u32>,
    pub varkw: Option<u32>,
    /// The line given to emitted instructions.
    pub line: u32,
}

/// The module-wide compiler state.
pub(crate) struct Compiler<'a, 'm> {
    pub map: &'m SourceMap<'m>,
    pub names: &'m mut Interner,
    pub st: SymTable,
    filename: String,
    module_name: String,
    codes: Vec<Option<CodeObject>>,
    globals: Vec<Sym>,
    global_index: HashMap<Sym, u32>,
    /// The unit being compiled.
    pub u: Unit<'a>,
    /// The enclosing units.
    outer: Vec<Unit<'a>>,
}

fn retarget(ins: Instr, t: u32) -> Instr {
    match ins {
        Instr::Jump(_) => Instr::Jump(t),
        Instr::PopJumpIfFalse(_) => Instr::PopJumpIfFalse(t),
        Instr::PopJumpIfTrue(_) => Instr::PopJumpIfTrue(t),
        Instr::JumpIfFalseOrPop(_) => Instr::JumpIfFalseOrPop(t),
        Instr::JumpIfTrueOrPop(_) => Instr::JumpIfTrueOrPop(t),
        Instr::ForIter(_) => Instr::ForIter(t),
        other => other,
    }
}

/// Constants are shared within a code object when they are the same value
/// of the same type (floats by bit pattern, so `0.0` and `-0.0` differ).
fn same_const(a: &Const, b: &Const) -> bool {
    match (a, b) {
        (Const::Float(x), Const::Float(y)) => x.to_bits() == y.to_bits(),
        (Const::Tuple(x), Const::Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_const(p, q))
        }
        _ => a == b,
    }
}

impl<'a> Unit<'a> {
    pub fn new(
        kind: CodeKind,
        scope: usize,
        name: String,
        qualname: String,
        first_line: u32,
    ) -> Self {
        Unit {
            kind,
            scope,
            name,
            qualname,
            first_line,
            code: Vec::new(),
            lines: Vec::new(),
            cover: Vec::new(),
            consts: Vec::new(),
            labels: Vec::new(),
            label_depth: Vec::new(),
            depth: 0,
            reachable: true,
            fblocks: Vec::new(),
            slots: HashMap::new(),
            varnames: Vec::new(),
            cell_slots: Vec::new(),
            free_slots: Vec::new(),
            argcount: 0,
            kwonlyargcount: 0,
            varargs: None,
            varkw: None,
            line: first_line,
        }
    }

    fn add_slot(&mut self, name: &str) -> u32 {
        if let Some(&s) = self.slots.get(name) {
            return s;
        }
        let s = self.varnames.len() as u32;
        self.varnames.push(name.to_string());
        self.slots.insert(name.to_string(), s);
        s
    }
}

impl<'a, 'm> Compiler<'a, 'm> {
    pub fn new(
        map: &'m SourceMap<'m>,
        names: &'m mut Interner,
        st: SymTable,
        filename: &str,
        module_name: &str,
    ) -> Self {
        Compiler {
            map,
            names,
            st,
            filename: filename.to_string(),
            module_name: module_name.to_string(),
            codes: vec![None],
            globals: Vec::new(),
            global_index: HashMap::new(),
            u: Unit::new(CodeKind::Module, 0, "<module>".into(), "<module>".into(), 1),
            outer: Vec::new(),
        }
    }

    // ---------------------------------------------------------------- errors

    pub fn err<T>(&self, msg: impl Into<String>, range: TextRange) -> CResult<T> {
        Err(self.map.syntax(msg, range))
    }

    pub fn line_of(&self, pos: TextSize) -> u32 {
        self.map.line_of(pos)
    }

    // ------------------------------------------------------------- emission

    /// Emits one instruction at the current line, tracking the stack depth.
    pub fn emit(&mut self, ins: Instr) {
        let handler = self.u.fblocks.iter().rev().find_map(|f| f.handler);
        let line = self.u.line;
        self.u.code.push(ins);
        self.u.lines.push(line);
        self.u.cover.push(handler);
        if let Some(t) = ins.jump_target() {
            if let Some((pops, pushes)) = stack_effect_in(&self.u.consts, &ins, true) {
                let d = self.u.depth - pops as i64 + pushes as i64;
                if let Some(slot) = self.u.label_depth.get_mut(t as usize) {
                    if slot.is_none() {
                        *slot = Some(d);
                    }
                }
            }
        }
        if let Some((pops, pushes)) = stack_effect_in(&self.u.consts, &ins, false) {
            self.u.depth += pushes as i64 - pops as i64;
        }
        if ins.is_terminator() {
            self.u.reachable = false;
        }
    }

    pub fn new_label(&mut self) -> Label {
        self.u.labels.push(None);
        self.u.label_depth.push(None);
        (self.u.labels.len() - 1) as Label
    }

    /// Binds `label` to the next instruction. In unreachable code the depth
    /// becomes the one recorded by the jumps to the label.
    pub fn bind(&mut self, label: Label) {
        self.u.labels[label as usize] = Some(self.u.code.len() as u32);
        if !self.u.reachable {
            if let Some(d) = self.u.label_depth[label as usize] {
                self.u.depth = d;
            }
        }
        self.u.reachable = true;
    }

    /// Binds a handler's label: entered with `depth` temps.
    pub fn bind_at(&mut self, label: Label, depth: i64) {
        self.u.labels[label as usize] = Some(self.u.code.len() as u32);
        self.u.depth = depth;
        self.u.reachable = true;
    }

    pub fn const_index(&mut self, c: Const) -> u32 {
        if let Some(i) = self.u.consts.iter().position(|k| same_const(k, &c)) {
            return i as u32;
        }
        self.u.consts.push(c);
        (self.u.consts.len() - 1) as u32
    }

    pub fn load_const(&mut self, c: Const) {
        let i = self.const_index(c);
        self.emit(Instr::LoadConst(i));
    }

    pub fn intern(&mut self, s: &str) -> Sym {
        self.names.intern(s)
    }

    /// The index of `name` in the module's globals table.
    pub fn global(&mut self, name: &str) -> u32 {
        let sym = self.names.intern(name);
        if let Some(&i) = self.global_index.get(&sym) {
            return i;
        }
        let i = self.globals.len() as u32;
        self.globals.push(sym);
        self.global_index.insert(sym, i);
        i
    }

    pub fn push_fblock(&mut self, kind: FBlockKind<'a>, handler: Option<(Label, u32)>) {
        self.u.fblocks.push(FBlock { kind, handler });
    }

    pub fn pop_fblock(&mut self) -> Option<FBlock<'a>> {
        self.u.fblocks.pop()
    }

    /// The current stack depth as an exception-table depth.
    pub fn depth(&self) -> u32 {
        self.u.depth.max(0) as u32
    }

    // ---------------------------------------------------------------- names

    /// Emits the load, store or delete of a variable.
    pub fn name_op(&mut self, name: &str, ctx: Ctx) {
        let scope = &self.st.scopes[self.u.scope];
        let res = scope.resolve(name);
        let kind = scope.kind;
        let ins = match (kind, res) {
            (ScopeKind::Module, _) | (_, NameScope::GlobalExplicit) => {
                let g = self.global(name);
                match ctx {
                    Ctx::Load => Instr::LoadGlobal(g),
                    Ctx::Store => Instr::StoreGlobal(g),
                    Ctx::Del => Instr::DeleteGlobal(g),
                }
            }
            (_, NameScope::Cell) | (_, NameScope::Free) => {
                let s = self.u.slots.get(name).copied().unwrap_or(0);
                match ctx {
                    Ctx::Load => Instr::LoadDeref(s),
                    Ctx::Store => Instr::StoreDeref(s),
                    Ctx::Del => Instr::DeleteDeref(s),
                }
            }
            (ScopeKind::Class, _) => {
                let g = self.global(name);
                match ctx {
                    Ctx::Load => Instr::LoadName(g),
                    Ctx::Store => Instr::StoreName(g),
                    Ctx::Del => Instr::DeleteName(g),
                }
            }
            (_, NameScope::Local) => match self.u.slots.get(name).copied() {
                Some(s) => match ctx {
                    Ctx::Load => Instr::LoadFast(s),
                    Ctx::Store => Instr::StoreFast(s),
                    Ctx::Del => Instr::DeleteFast(s),
                },
                None => {
                    let g = self.global(name);
                    match ctx {
                        Ctx::Load => Instr::LoadGlobal(g),
                        Ctx::Store => Instr::StoreGlobal(g),
                        Ctx::Del => Instr::DeleteGlobal(g),
                    }
                }
            },
            (_, NameScope::GlobalImplicit) => {
                let g = self.global(name);
                match ctx {
                    Ctx::Load => Instr::LoadGlobal(g),
                    Ctx::Store => Instr::StoreGlobal(g),
                    Ctx::Del => Instr::DeleteGlobal(g),
                }
            }
        };
        self.emit(ins);
    }

    // ---------------------------------------------------------------- units

    /// Starts compiling a nested scope's code object.
    pub fn enter_unit(
        &mut self,
        kind: CodeKind,
        scope: usize,
        name: &str,
        qualname: String,
        first_line: u32,
    ) {
        let mut u = Unit::new(kind, scope, name.to_string(), qualname, first_line);
        let sc = &self.st.scopes[scope];
        if kind != CodeKind::Class {
            for p in sc.params.clone() {
                u.add_slot(&p);
            }
            for l in sc.slot_locals() {
                u.add_slot(&l);
            }
            let mut cells = Vec::new();
            for (i, n) in u.varnames.iter().enumerate() {
                if sc.resolve(n) == NameScope::Cell {
                    cells.push(i as u32);
                }
            }
            u.cell_slots = cells;
        }
        for f in sc.free.clone() {
            let s = u.add_slot(&f);
            u.free_slots.push(s);
        }
        let outer = std::mem::replace(&mut self.u, u);
        self.outer.push(outer);
    }

    /// Finishes the current nested unit; returns its index in `Module::codes`
    /// and its free variables (to build the closure in the enclosing unit).
    pub fn leave_unit(&mut self) -> CResult<(u32, Vec<String>)> {
        let Some(outer) = self.outer.pop() else {
            return Err(self.map.syntax(
                "internal compiler error: unbalanced code units",
                TextRange::default(),
            ));
        };
        let u = std::mem::replace(&mut self.u, outer);
        let free = self.st.scopes[u.scope].free.clone();
        let code = self.finish(u)?;
        self.codes.push(Some(code));
        Ok(((self.codes.len() - 1) as u32, free))
    }

    /// Abandons the current nested unit (after an error).
    pub fn discard_unit(&mut self) {
        if let Some(outer) = self.outer.pop() {
            self.u = outer;
        }
    }

    /// Qualified name of a definition `name` made in the current unit.
    pub fn qualname(&self, name: &str) -> String {
        match self.u.kind {
            CodeKind::Module => name.to_string(),
            CodeKind::Class => format!("{}.{}", self.u.qualname, name),
            _ => {
                // `global f` inside a function: the qualname is the bare name.
                let sc = &self.st.scopes[self.u.scope];
                if sc.resolve(name) == NameScope::GlobalExplicit {
                    name.to_string()
                } else {
                    format!("{}.<locals>.{}", self.u.qualname, name)
                }
            }
        }
    }

    /// Pushes the closure tuple for a nested unit's free variables; returns
    /// the `MakeFunction` flag bit to set (4) or 0.
    pub fn emit_closure(&mut self, free: &[String]) -> u8 {
        if free.is_empty() {
            return 0;
        }
        for f in free {
            let s = self.u.slots.get(f).copied().unwrap_or(0);
            self.emit(Instr::LoadClosure(s));
        }
        self.emit(Instr::BuildTuple(free.len() as u32));
        4
    }

    /// Resolves labels, builds the exception table and computes the stack
    /// bound and the blocks.
    fn finish(&self, u: Unit<'a>) -> CResult<CodeObject> {
        let resolve =
            |l: Label| -> u32 { u.labels.get(l as usize).copied().flatten().unwrap_or(0) };
        let mut code = u.code;
        for ins in code.iter_mut() {
            if let Some(t) = ins.jump_target() {
                *ins = retarget(*ins, resolve(t));
            }
        }
        let mut handlers: Vec<Handler> = Vec::new();
        let mut pc = 0;
        while pc < u.cover.len() {
            let Some((label, depth)) = u.cover[pc] else {
                pc += 1;
                continue;
            };
            let start = pc;
            while pc < u.cover.len() && u.cover[pc] == Some((label, depth)) {
                pc += 1;
            }
            handlers.push(Handler {
                start: start as u32,
                end: pc as u32,
                target: resolve(label),
                depth,
            });
        }
        let mut co = CodeObject {
            name: u.name,
            qualname: u.qualname,
            kind: u.kind,
            argcount: u.argcount,
            kwonlyargcount: u.kwonlyargcount,
            varargs: u.varargs,
            varkw: u.varkw,
            varnames: u.varnames,
            cell_slots: u.cell_slots,
            free_slots: u.free_slots,
            consts: u.consts,
            code,
            lines: u.lines,
            handlers,
            max_stack: 0,
            first_line: u.first_line,
            blocks: BlockInfo::default(),
        };
        let depths = match stack_depths(&co) {
            Ok(d) => d,
            Err(e) => {
                debug_assert!(
                    false,
                    "compiler produced bad stack code in {}: {e}\n{}",
                    co.qualname,
                    listing(&co)
                );
                return Err(self.map.syntax(
                    format!("internal compiler error in {}: {e}", co.qualname),
                    TextRange::default(),
                ));
            }
        };
        co.max_stack = max_depth(&co, &depths);
        co.blocks = BlockInfo::compute(&co);
        Ok(co)
    }

    /// Compiles the module body into code object 0.
    pub fn compile_module_body(&mut self, body: &'a [Stmt]) -> CResult<()> {
        self.compile_body(body, false)?;
        if let Some(last) = body.last() {
            self.u.line = self.line_of(ruff_text_size::Ranged::end(last));
        }
        if self.u.reachable {
            self.load_const(Const::None);
            self.emit(Instr::Return);
        }
        let u = std::mem::replace(
            &mut self.u,
            Unit::new(CodeKind::Module, 0, String::new(), String::new(), 1),
        );
        let code = self.finish(u)?;
        self.codes[0] = Some(code);
        Ok(())
    }

    pub fn into_module(self) -> Module {
        Module {
            name: self.module_name,
            filename: self.filename,
            codes: self.codes.into_iter().flatten().collect(),
            globals: self.globals,
        }
    }
}

/// A plain listing of a code object (for internal error reports).
fn listing(co: &CodeObject) -> String {
    let mut s = String::new();
    for (pc, ins) in co.code.iter().enumerate() {
        s.push_str(&format!(
            "{pc:4} L{:<4} {ins:?}\n",
            co.lines.get(pc).copied().unwrap_or(0)
        ));
    }
    for h in &co.handlers {
        s.push_str(&format!("handler {h:?}\n"));
    }
    s
}
