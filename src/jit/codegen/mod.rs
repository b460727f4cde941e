//! Code generation for one block version: bytecode ops, one at a time, into
//! the asm crate's IR, tracking the type context as it goes.
//!
//! Every value lives in its frame slot (`[fp + 8*slot]`, `fp` in pinned
//! register 0; the VM pointer is in pinned register 1), so a side exit needs
//! only the pc. Where the context knows an operand's type no test is
//! emitted. Where it does not, and the JIT versions (`--lbbv-max-versions` >
//! 1), the value is *peeked* while execution is at this very op (or read from
//! the local it was copied from, if that local is unchanged since the version
//! began); one guard for that type is emitted, its failure going to a new
//! version of the same op one step down the guard chain, and the code that
//! follows knows the type. When peeking is not possible the block ends
//! here with a branch to a version of this op (compiled when reached, when it
//! can peek). In generic mode, or past the chain limit, ops test types inline
//! and call runtime helpers for the other cases.

mod access;
mod arith;
mod calls;
mod direct;
mod dunders;
mod flow;
mod intrinsics;
mod invoke;
mod iters;
mod shapes;
mod types;

pub(crate) use types::entry_guards;

use super::context::{Context, Type};
use super::core::Version;
use super::stats::{Counter, ExitReason};
use super::Jit;
use crate::bytecode::{CodeObject, Instr};
use crate::runtime::value::Value;
use crate::runtime::vm::Vm;
use basil_asm::{AsmError, Assembler, Cond, Label, Mem, Opnd, PatchId, Target, Width};

/// The frame pointer register.
pub(super) const FP: Opnd = Opnd::Pinned(0);
/// The VM pointer register.
pub(crate) const VM: Opnd = Opnd::Pinned(1);

/// What codegen of one op decided.
pub(super) enum Flow {
    /// Go on with the next instruction in this version.
    Next,
    /// The version ends here (a jump, exit or branch was emitted).
    End,
}

/// The state of compiling one version.
pub(super) struct Gen<'a> {
    pub jit: &'a mut Jit,
    pub vm: &'a Vm,
    pub asm: Assembler,
    pub code_id: u32,
    pub code: &'a CodeObject,
    pub consts: &'a [Value],
    pub depths: &'a [u32],
    pub nlocals: u32,
    pub pc: u32,
    pub depth: u32,
    pub ctx: Context,
    /// The live frame, for peeking at types (see the module comment).
    pub fp: Option<*mut Value>,
    /// True until the first op has been compiled: the frame's temps are
    /// exactly what this op will see.
    pub at_start: bool,
    /// The local each tracked temp was loaded from, if any.
    pub temp_src: [Option<u32>; super::context::MAX_TEMPS],
    /// The register each tracked temp's value is still in (it is also in
    /// memory): later reads of the temp use it instead of a load.
    pub temp_reg: [Option<Opnd>; super::context::MAX_TEMPS],
    /// Locals stored to since the version began (bit per slot < 64).
    pub dirty_locals: u64,
    /// A method receiver's temp and the shape a guard proved it has (set by
    /// `LoadMethod`, used by the call to enter the method's version that
    /// knows `self`'s shape; forgotten when the temp is popped or code that
    /// may change shapes runs).
    pub receiver_shape: Option<(u32, u32)>,
    /// A method's temp and the function `LoadMethod` resolved at compile
    /// time into it (its receiver, in the temp above, is not NULL): the
    /// call needs neither a peek nor an identity guard.
    pub method_const: Option<(u32, Value)>,
    /// A method call's temp and the plain function `LoadMethod` found on
    /// a class (`Base.method(self, ...)`) at compile time; the temp above
    /// is NULL.
    pub function_const: Option<(u32, Value)>,
    /// Whether code already emitted in this version may change an
    /// object's shape (an attribute added, a helper that runs Python code):
    /// a shape peeked now may then be stale by the time an op runs.
    pub shapes_written: bool,
    /// Whether to specialise (peek, guard, split) at all.
    pub specialize: bool,
    /// Patch ids of this version's branches and their target indices.
    pub patches: Vec<(PatchId, usize)>,
    /// A label at the start of each compiled op.
    pub op_labels: Vec<(u32, Label)>,
}

/// Whether a call with `argc` positional arguments fills `code`'s
/// parameters exactly and the callee needs no cells: the calls JIT code
/// makes without the interpreter's argument binding.
pub(crate) fn fills_exactly(code: &CodeObject, argc: u32) -> bool {
    code.argcount == argc
        && code.kwonlyargcount == 0
        && code.varargs.is_none()
        && code.varkw.is_none()
        && code.cell_slots.is_empty()
        && code.free_slots.is_empty()
}

/// The defaults that complete a call of function `fo` (whose code is
/// `code`) with `argc` positional arguments, when no other binding is
/// needed: the last defaults, one per parameter the arguments leave
/// unfilled (none when they fill all of them).
pub(crate) fn trailing_defaults<'f>(
    code: &CodeObject,
    fo: &'f crate::runtime::object::FunctionObj,
    argc: u32,
) -> Option<&'f [Value]> {
    if argc > code.argcount || !fills_exactly(code, code.argcount) {
        return None;
    }
    let missing = (code.argcount - argc) as usize;
    fo.defaults.get(fo.defaults.len().checked_sub(missing)?..)
}

/// Compiles the version of `(code_id, pc)` for `ctx`.
pub(super) fn gen_version(
    jit: &mut Jit,
    vm: &Vm,
    code_id: u32,
    pc: u32,
    ctx: Context,
    fp: Option<*mut Value>,
) -> Result<usize, AsmError> {
    let entry = &vm.codes[code_id as usize];
    let specialize = jit.opts.max_versions > 1;
    let hits = jit.stats.begin_version(jit.core.targets.len());
    let mut g = Gen {
        vm,
        asm: Assembler::new(),
        code_id,
        code: &entry.code,
        consts: &entry.consts,
        depths: &entry.depths,
        nlocals: entry.code.nlocals(),
        pc,
        depth: 0,
        ctx,
        fp,
        at_start: true,
        temp_src: [None; super::context::MAX_TEMPS],
        receiver_shape: None,
        method_const: None,
        function_const: None,
        shapes_written: false,
        temp_reg: [None; super::context::MAX_TEMPS],
        dirty_locals: 0,
        specialize,
        patches: Vec::new(),
        op_labels: Vec::new(),
        jit,
    };
    // Temps the context says are copies of `self` (after a shape switch).
    for i in 0..super::context::MAX_TEMPS {
        if ctx.self_copies() & (1 << i) != 0 {
            g.temp_src[i] = Some(0);
        }
    }
    g.ctx.set_self_copies(0);
    if let Some(c) = hits {
        emit_count(&mut g.asm, c);
    }
    g.run()?;
    let Gen {
        jit,
        asm,
        patches,
        op_labels,
        ..
    } = g;
    let c = basil_asm::compile(&asm, &mut jit.cm, jit.arch)?;
    for (pid, tid) in patches {
        let sites = c.patch_sites.iter().filter(|s| s.id == pid).copied();
        jit.core.targets[tid].sites.extend(sites);
    }
    jit.stats.code_inline_bytes += c.inline_len as u64;
    jit.stats.code_outlined_bytes += c.outlined_len as u64;
    let ops = op_labels
        .iter()
        .filter_map(|(p, l)| {
            c.labels
                .get(l.0 as usize)
                .copied()
                .flatten()
                .map(|a| (*p, a))
        })
        .collect();
    let v = jit.add_version(Version {
        code: code_id,
        pc,
        ctx,
        start: c.start,
        inline_len: c.inline_len,
        outlined_len: c.outlined_len,
        ops,
    });
    jit.stats
        .end_version(v, jit.core.targets.len(), c.outlined_start);
    if jit.opts.dump_disasm {
        eprint!("{}", super::report::disasm_version(jit, vm, v));
    }
    if jit.opts.perf_map {
        super::report::perf_map_line(jit, vm, v);
    }
    Ok(v)
}

/// Emits `*counter += 1` (counters are plain u64 cells at fixed addresses).
pub(super) fn emit_count(asm: &mut Assembler, counter: u64) {
    let base = asm.mov_new(Opnd::Imm(counter as i64));
    let v = asm.load(Mem::new(base, 0), Width::W64);
    let v2 = asm.add(v, Opnd::Imm(1));
    asm.store(Mem::new(base, 0), v2, Width::W64);
}

impl Gen<'_> {
    fn run(&mut self) -> Result<(), AsmError> {
        loop {
            let pc = self.pc as usize;
            let Some(&ins) = self.code.code.get(pc) else {
                let t = self.exit(ExitReason::Unsupported)?;
                self.asm.jmp(t);
                return Ok(());
            };
            if !self.at_start && self.code.blocks.is_leader(self.pc) {
                // Fall into the next block through a branch.
                let t = self.branch_to(self.pc, self.ctx)?;
                self.asm.jmp(t);
                return Ok(());
            }
            self.depth = self.depths.get(pc).copied().unwrap_or(0);
            if self.depth == crate::bytecode::verify::UNREACHABLE {
                let t = self.exit(ExitReason::Unsupported)?;
                self.asm.jmp(t);
                return Ok(());
            }
            let l = self.asm.new_label();
            self.asm.bind(l);
            self.op_labels.push((self.pc, l));
            if let Some(c) = self.jit.stats.counter_addr(Counter::jit_instructions) {
                emit_count(&mut self.asm, c);
            }
            match self.gen_op(ins)? {
                Flow::Next => {
                    self.pc += 1;
                    self.at_start = false;
                    self.ctx = self.ctx.unchained();
                }
                Flow::End => return Ok(()),
            }
        }
    }

    fn gen_op(&mut self, ins: Instr) -> Result<Flow, AsmError> {
        use Instr::*;
        match ins {
            Nop => Ok(Flow::Next),
            LoadConst(i) => self.gen_load_const(i),
            LoadFast(s) => self.gen_load_fast(s),
            StoreFast(s) => self.gen_store_fast(s),
            LoadDeref(s) => self.gen_load_deref(s),
            StoreDeref(s) => self.gen_store_deref(s),
            LoadGlobal(g) => self.gen_load_global(g),
            StoreGlobal(g) => self.gen_store_global(g),
            Pop => self.gen_pop(),
            Dup | Dup2 | Rot2 | Rot3 | Rot4 => self.gen_stack_op(ins),
            Binary(op) => self.gen_binary(op, false),
            Inplace(op) => self.gen_binary(op, true),
            Compare(op) => self.gen_compare(op),
            Unary(op) => self.gen_unary(op),
            Is(neg) => self.gen_is(neg),
            Subscr => self.gen_subscr(),
            StoreSubscr => self.gen_store_subscr(),
            LoadAttr(name) => self.gen_load_attr(name),
            StoreAttr(name) => self.gen_store_attr(name),
            Jump(t) => self.gen_jump(t),
            PopJumpIfFalse(t) => self.gen_pop_jump(t, false),
            PopJumpIfTrue(t) => self.gen_pop_jump(t, true),
            GetIter => self.gen_get_iter(),
            ForIter(t) => self.gen_for_iter(t),
            Return => self.gen_return(),
            Call(n) => self.gen_call(n),
            LoadMethod(name) => self.gen_load_method(name),
            CallMethod(n) => self.gen_call_method(n),
            BuildTuple(n) => self.gen_build(n, false),
            BuildList(n) => self.gen_build(n, true),
            Contains(neg) => self.gen_contains(neg),
            ListAppend(_)
            | MapAdd(_)
            | UnpackSequence(_)
            | BuildMap(_)
            | BuildSlice(_)
            | BuildString(_)
            | MakeFunction { .. }
            | FormatValue { .. } => self.gen_helper_op(ins),
            LoadClosure(s) => {
                // A cell (never unbound: made when the frame began).
                let m = self.local_mem(s);
                let v = self.asm.load(m, Width::W64);
                self.push(v, Type::Unknown);
                Ok(Flow::Next)
            }
            CallKw { argc, kwnames } => self.gen_call_kw(argc, kwnames, false),
            CallMethodKw { argc, kwnames } => self.gen_call_kw(argc, kwnames, true),
            JumpIfFalseOrPop(t) => self.gen_jump_or_pop(t, false),
            JumpIfTrueOrPop(t) => self.gen_jump_or_pop(t, true),
            _ => self.gen_unsupported(),
        }
    }

    // ---- frame slots and the context ----

    pub(super) fn local_mem(&self, slot: u32) -> Mem {
        Mem::new(FP, (slot * 8) as i32)
    }

    pub(super) fn temp_mem(&self, idx: u32) -> Mem {
        Mem::new(FP, ((self.nlocals + idx) * 8) as i32)
    }

    /// The address just past the live temps (what helpers receive as `sp`).
    pub(super) fn sp_opnd(&mut self) -> Opnd {
        let m = self.temp_mem(self.depth);
        self.asm.lea(m)
    }

    /// Pushes a value of known type onto the temps.
    pub(super) fn push(&mut self, v: Opnd, t: Type) {
        let m = self.temp_mem(self.depth);
        self.asm.store(m, v, Width::W64);
        self.ctx.set_temp(self.depth as usize, t);
        let d = self.depth as usize;
        if let Some(s) = self.temp_src.get_mut(d) {
            *s = None;
        }
        if let Some(r) = self.temp_reg.get_mut(d) {
            *r = matches!(v, Opnd::VReg(_)).then_some(v);
        }
        self.depth += 1;
    }

    /// The value of temp `idx`: its register if still known, else a load.
    pub(super) fn read_temp(&mut self, idx: u32) -> Opnd {
        if let Some(Some(r)) = self.temp_reg.get(idx as usize) {
            return *r;
        }
        let m = self.temp_mem(idx);
        self.asm.load(m, Width::W64)
    }

    /// Forgets the registers of temps `from..` (after code that wrote the
    /// temps' memory directly).
    pub(super) fn forget_temp_regs(&mut self, from: u32) {
        for r in self.temp_reg.iter_mut().skip(from as usize) {
            *r = None;
        }
    }

    /// Pops the top temp: its value and known type.
    pub(super) fn pop(&mut self) -> (Opnd, Type) {
        self.depth -= 1;
        self.forget_receiver_below(self.depth);
        let v = self.read_temp(self.depth);
        let t = self.ctx.temp(self.depth as usize);
        self.ctx.set_temp(self.depth as usize, Type::Unknown);
        if let Some(s) = self.temp_src.get_mut(self.depth as usize) {
            *s = None;
        }
        self.forget_temp_regs(self.depth);
        (v, t)
    }

    /// The value and type of temp `n` from the top (1 = top) without popping.
    pub(super) fn peek(&mut self, n: u32) -> (Opnd, Type) {
        let idx = self.depth - n;
        let v = self.read_temp(idx);
        (v, self.ctx.temp(idx as usize))
    }

    /// Drops `n` temps from the context (their slots are dead).
    pub(super) fn drop_temps(&mut self, n: u32) {
        for _ in 0..n {
            self.depth -= 1;
            self.forget_receiver_below(self.depth);
            self.ctx.set_temp(self.depth as usize, Type::Unknown);
            if let Some(s) = self.temp_src.get_mut(self.depth as usize) {
                *s = None;
            }
        }
        self.forget_temp_regs(self.depth);
    }

    /// Forgets the receiver's shape and the resolved method when their
    /// temps (at `depth` or above) are gone.
    fn forget_receiver_below(&mut self, depth: u32) {
        if self.receiver_shape.is_some_and(|(i, _)| i >= depth) {
            self.receiver_shape = None;
        }
        if self.method_const.is_some_and(|(i, _)| i + 1 >= depth) {
            self.method_const = None;
        }
        if self.function_const.is_some_and(|(i, _)| i + 1 >= depth) {
            self.function_const = None;
        }
    }

    /// Forgets every shape this version learned: code that may run Python
    /// (which may add attributes to any object) is about to run.
    pub(super) fn forget_shapes(&mut self) {
        self.ctx.forget_shapes();
        self.receiver_shape = None;
        self.shapes_written = true;
    }

    /// The shape of the instance in temp `idx`, peeked now: what it will be
    /// when this op runs, unless code earlier in this version may have
    /// changed it (None then; and when the temp cannot be peeked or is no
    /// instance).
    pub(super) fn peek_shape(&self, idx: u32) -> Option<u32> {
        if self.shapes_written && !self.at_start {
            return None;
        }
        Some(self.peek_value(idx)?.as_instance()?.shape.get())
    }

    /// Records that temp `idx` (from the bottom) holds type `t`; if it is an
    /// unchanged copy of a local, the local has that type too.
    pub(super) fn learn(&mut self, idx: u32, t: Type) {
        self.ctx.set_temp(idx as usize, t);
        if let Some(Some(s)) = self.temp_src.get(idx as usize) {
            self.ctx.set_local(*s as usize, t);
        }
    }

    /// The run-time value temp `idx` will have when this op runs, if it can
    /// be known now (see the module comment).
    /// Loads the length of the `Vec` at `p + off` and jumps to `full` when
    /// it has no spare capacity (a push would reallocate). Returns the
    /// length's memory operand and the length.
    pub(super) fn vec_room(&mut self, p: Opnd, off: usize, full: Target) -> (Mem, Opnd) {
        let lay = self.jit.layout;
        let len_mem = Mem::new(p, (off + lay.vec_len) as i32);
        let len = self.asm.load(len_mem, Width::W64);
        let cap = self
            .asm
            .load(Mem::new(p, (off + lay.vec_cap) as i32), Width::W64);
        self.asm.cmp(len, cap);
        self.asm.jcc(Cond::AboveEq, full);
        (len_mem, len)
    }

    /// Whether the interpreter saw objects of more than one shape at this
    /// op (`interp::site_cache`).
    pub(super) fn site_polymorphic(&self) -> bool {
        self.vm.codes[self.code_id as usize]
            .attr_ic
            .get(self.pc as usize)
            .is_some_and(|&e| crate::interp::site_cache::polymorphic(e))
    }

    fn peek_value(&self, idx: u32) -> Option<Value> {
        let fp = self.fp?;
        if self.at_start {
            // SAFETY: `fp` is the live frame stopped at this very pc; its
            // temps below the static depth are initialised values.
            return Some(unsafe { *fp.add((self.nlocals + idx) as usize) });
        }
        let s = (*self.temp_src.get(idx as usize)?)?;
        if s < 64 && self.dirty_locals & (1 << s) == 0 {
            // SAFETY: as above; the local has not been written since the
            // version began, so it still holds the value it will have.
            return Some(unsafe { *fp.add(s as usize) });
        }
        None
    }

    // ---- exits and branches ----

    /// The shared side exit resuming the interpreter at this op.
    pub(super) fn exit(&mut self, reason: ExitReason) -> Result<Target, AsmError> {
        let a = self.jit.exit_addr(self.code_id, self.pc, reason)?;
        self.jit.stats.note_exit(self.pc, reason);
        Ok(Target::Addr(a))
    }

    /// A side exit that reports an exception raised at this op.
    pub(super) fn raise_exit(&mut self) -> Target {
        let status = (super::RAISE | self.pc as u64) as i64;
        self.asm.side_exit(|a| a.leave(Opnd::Imm(status)))
    }

    /// A patchable jump target to the version of `(pc, ctx)`.
    pub(super) fn branch_to(&mut self, pc: u32, ctx: Context) -> Result<Target, AsmError> {
        let (tid, initial) = self.jit.new_target(self.code_id, pc, ctx)?;
        let t = self.asm.patchable(initial);
        if let Target::Patchable(pid) = t {
            self.patches.push((pid, tid));
        }
        Ok(t)
    }

    /// Ends the version: the rest is compiled as a version of this op (which
    /// can peek when it is reached).
    pub(super) fn defer(&mut self) -> Result<Flow, AsmError> {
        let t = self.branch_to(self.pc, self.ctx)?;
        self.asm.jmp(t);
        Ok(Flow::End)
    }

    fn gen_unsupported(&mut self) -> Result<Flow, AsmError> {
        let t = self.exit(ExitReason::Unsupported)?;
        self.asm.jmp(t);
        Ok(Flow::End)
    }

    /// Calls a helper that returns a value or `JIT_ERR`; on error, leaves
    /// with the exception.
    pub(super) fn call_checked(&mut self, fun: u64, args: Vec<Opnd>) -> Opnd {
        // The helper may run Python code, which may add attributes to
        // `self` (changing its shape).
        self.forget_shapes();
        let r = self.asm.ccall(fun, args);
        let err = self.raise_exit();
        self.asm.cmp(r, Opnd::Imm(super::helpers::JIT_ERR as i64));
        self.asm.jcc(Cond::Eq, err);
        r
    }
}
