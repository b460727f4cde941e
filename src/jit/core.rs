//! The JIT core: the version table (`(code, pc)` → versions keyed by
//! context), the version cap with its generic fallback, branch targets that
//! start as stubs and are patched into direct jumps (or removed, when the
//! target lands right after the jump), and shared side exits.
//! Model: YJIT `core.rs` (`limit_block_versions`, `gen_branch`,
//! `branch_stub_hit_body`, `regenerate_branch`).

use super::codegen;
use super::context::Context;
use super::stats::ExitReason;
use super::{Jit, EXIT};
use crate::runtime::value::Value;
use crate::runtime::vm::Vm;
use basil_asm::{Assembler, Opnd, PatchKind, PatchSite, Zone};

use crate::intern::FxMap;
use std::time::Instant;

/// One compiled version of a block.
#[derive(Clone, Debug)]
pub struct Version {
    pub code: u32,
    pub pc: u32,
    pub ctx: Context,
    pub start: u64,
    pub inline_len: usize,
    pub outlined_len: usize,
    /// Bytecode pcs of the instructions compiled into this version, with the
    /// code offset each starts at (for annotated disassembly).
    pub ops: Vec<(u32, u64)>,
}

/// A jump from a compiled version to a block version that may not exist yet.
#[derive(Clone, Debug)]
pub struct BranchTarget {
    pub code: u32,
    pub pc: u32,
    pub ctx: Context,
    /// The stub that compiles the target when first reached.
    pub stub: u64,
    /// The patchable jumps to this target (one version may jump to it from
    /// several guards); empty once the jump was removed by a fall-through.
    pub sites: Vec<PatchSite>,
    /// The version it jumps to, once known.
    pub dest: Option<usize>,
    /// For a function's entry target: the entry slot that direct calls
    /// read, updated when the entry version is known.
    pub slot: Option<*mut u64>,
}

/// The version table and everything that links versions together.
#[derive(Default)]
pub struct Core {
    pub versions: FxMap<(u32, u32), Vec<usize>>,
    pub blocks: Vec<Version>,
    pub targets: Vec<BranchTarget>,
    /// Shared side exits by (code, pc, reason).
    pub exits: FxMap<(u32, u32, ExitReason), u64>,
    /// Blocks whose version count reached the cap.
    pub capped: std::collections::HashSet<(u32, u32)>,
    /// Set when the code memory is exhausted: nothing more is compiled.
    pub full: bool,
    /// Entry addresses from the interpreter, by code and pc (0: none yet).
    pub entry_cache: Vec<Vec<u64>>,
    /// Heap objects generated code compares against by identity: GC roots,
    /// so that their addresses cannot be reused by other objects.
    pub embedded: std::collections::HashSet<Value, crate::intern::FxBuild>,
    /// Inline-cache cells of attribute sites (`caches`; boxed: generated
    /// code reads and the helpers write them).
    pub ic_cells: Vec<Box<super::caches::AttrCell>>,
    /// Method-cache cells of `LoadMethod` sites.
    pub method_cells: Vec<Box<super::caches::MethodCell>>,
    /// Per function entry and argument types, the address direct calls
    /// jump to: first a stub, then the entry version compiled for those
    /// argument types (entry-point versioning; boxed: code reads it).
    pub entry_slots: FxMap<(u32, Context), Box<u64>>,
    /// Callee caches of dynamic call sites (`dyncall`; boxed: the helper
    /// writes them).
    pub call_cells: Vec<Box<super::dyncall::CallCell>>,
    /// Continuation tables of direct calls (`returns`).
    pub ret_sites: Vec<super::returns::RetSite>,
    /// The continuation sites assuming each final shape stays final
    /// (`returns`): reset when a way out of the shape is made.
    pub shape_watchers: FxMap<u32, Vec<usize>>,
    /// Shape switch sites (`switch`).
    pub switch_sites: Vec<super::switch::SwitchSite>,
}

/// `ctx` without the types of the locals dead at `(code, pc)`: versions
/// differ only in what the code ahead can use.
fn live_context(vm: &Vm, code: u32, pc: u32, ctx: Context) -> Context {
    let live = vm.codes[code as usize].live.get(pc as usize).copied();
    ctx.only_live(live.unwrap_or(u64::MAX))
}

/// The types the frame at `fp`, stopped at `pc`, holds right now.
fn frame_context(vm: &Vm, code: u32, pc: u32, fp: *mut Value) -> Context {
    use super::context::{Type, MAX_LOCALS, MAX_TEMPS};
    let entry = &vm.codes[code as usize];
    let nlocals = entry.code.nlocals() as usize;
    let depth = entry.depths.get(pc as usize).copied().unwrap_or(0) as usize;
    let mut ctx = Context::GENERIC;
    for i in 0..nlocals.min(MAX_LOCALS) {
        // SAFETY: the frame's locals are initialised values in the VM stack.
        let v = unsafe { *fp.add(i) };
        ctx.set_local(i, Type::of(v));
    }
    for i in 0..depth.min(MAX_TEMPS) {
        // SAFETY: the temps below the static depth at `pc` are live values.
        let v = unsafe { *fp.add(nlocals + i) };
        ctx.set_temp(i, Type::of(v));
    }
    ctx
}

impl Jit {
    /// The entry address already made for block `(code, pc)`, if any.
    pub fn cached_entry(&self, code: u32, pc: u32) -> Option<u64> {
        self.core
            .entry_cache
            .get(code as usize)
            .and_then(|c| c.get(pc as usize))
            .copied()
            .filter(|&a| a != 0)
    }

    /// The address to run block `(code, pc)` from the interpreter: its
    /// generic version (compiled now, peeking at the frame, if missing).
    pub fn entry_point(&mut self, vm: &Vm, code: u32, pc: u32, fp: *mut Value) -> Option<u64> {
        if let Some(a) = self.cached_entry(code, pc) {
            return Some(a);
        }
        let ctx = if self.opts.max_versions > 1 {
            live_context(vm, code, pc, frame_context(vm, code, pc, fp))
        } else {
            Context::GENERIC
        };
        let addr = if ctx.is_generic() {
            let v = self.version_for(vm, code, pc, Context::GENERIC, Some(fp))?;
            self.core.blocks[v].start
        } else {
            // Enter a version for the types the frame holds now, behind
            // guards that send other frames to the generic version.
            let v = self.version_for(vm, code, pc, ctx, Some(fp))?;
            let start = self.core.blocks[v].start;
            let (_, fallback) = self.new_target(code, pc, Context::GENERIC).ok()?;
            let nlocals = vm.codes[code as usize].code.nlocals();
            match codegen::entry_guards(
                self,
                nlocals,
                &ctx,
                start,
                basil_asm::Target::Addr(fallback),
            ) {
                Ok(a) => a,
                Err(basil_asm::AsmError::OutOfMemory) => {
                    self.core.full = true;
                    return None;
                }
                Err(_) => return None,
            }
        };
        let cache = &mut self.core.entry_cache;
        if cache.len() <= code as usize {
            cache.resize(code as usize + 1, Vec::new());
        }
        let per_pc = &mut cache[code as usize];
        if per_pc.len() <= pc as usize {
            per_pc.resize(
                vm.codes[code as usize].code.code.len().max(pc as usize + 1),
                0,
            );
        }
        per_pc[pc as usize] = addr;
        Some(addr)
    }

    /// Finds the best version of `(code, pc)` for a caller with context
    /// `ctx`, compiling one if none fits (generalising to the generic
    /// version at the cap). `fp` is the live frame when execution is at `pc`
    /// right now (a stub hit or an entry), which lets codegen peek at types.
    pub fn version_for(
        &mut self,
        vm: &Vm,
        code: u32,
        pc: u32,
        ctx: Context,
        fp: Option<*mut Value>,
    ) -> Option<usize> {
        let ctx = live_context(vm, code, pc, ctx);
        match self.lookup(code, pc, ctx) {
            Ok(v) => Some(v),
            Err(ctx) => self.compile_version(vm, code, pc, ctx, fp),
        }
    }

    /// An existing version that serves `ctx`, or the context a new version
    /// must be compiled for. An exact match is used when there is one; below
    /// the version cap a caller that knows more than every existing version
    /// gets a version of its own (that is what removes type tests); at the
    /// cap the best compatible version, else the fallback version, serves.
    /// The versions a shape switch made (which know a temp's shape) are
    /// not counted: each switch keeps to its own budget (`jit::switch`).
    /// Versions that know locals' shapes have a cap of their own: a method
    /// shared by several classes gets a version per receiver shape (up to
    /// the cap) besides its versions by type.
    fn lookup(&mut self, code: u32, pc: u32, ctx: Context) -> Result<usize, Context> {
        let best = self.best_version(code, pc, &ctx);
        if let Some((0, v)) = best {
            return Ok(v);
        }
        if ctx.has_temp_shape() {
            return Err(ctx);
        }
        let shaped = ctx.has_local_shapes();
        let count = self.core.versions.get(&(code, pc)).map_or(0, |list| {
            list.iter()
                .map(|&v| &self.core.blocks[v].ctx)
                .filter(|c| !c.has_temp_shape() && c.has_local_shapes() == shaped)
                .count()
        });
        if shaped {
            if count < self.opts.max_versions {
                return Err(ctx);
            }
            // Past the shape cap: as a caller that does not know the shape.
            let mut plain = ctx;
            plain.forget_shapes();
            return self.lookup(code, pc, plain);
        }
        if count + 1 < self.opts.max_versions {
            return Err(ctx);
        }
        self.core.capped.insert((code, pc));
        if let Some((_, v)) = best {
            return Ok(v);
        }
        match self.find_version(code, pc, &Context::FALLBACK) {
            Some(v) => Ok(v),
            None => Err(Context::FALLBACK),
        }
    }

    fn find_version(&self, code: u32, pc: u32, ctx: &Context) -> Option<usize> {
        self.best_version(code, pc, ctx).map(|(_, v)| v)
    }

    /// The compatible version closest to `ctx`, with its distance.
    fn best_version(&self, code: u32, pc: u32, ctx: &Context) -> Option<(u32, usize)> {
        let list = self.core.versions.get(&(code, pc))?;
        list.iter()
            .filter_map(|&v| self.core.blocks[v].ctx.diff(ctx).map(|d| (d, v)))
            .min()
    }

    /// Compiles one version at the current code position.
    fn compile_version(
        &mut self,
        vm: &Vm,
        code: u32,
        pc: u32,
        ctx: Context,
        fp: Option<*mut Value>,
    ) -> Option<usize> {
        if self.core.full {
            return None;
        }
        let t0 = Instant::now();
        let r = codegen::gen_version(self, vm, code, pc, ctx, fp);
        self.stats.compile_ns += t0.elapsed().as_nanos() as u64;
        match r {
            Ok(v) => Some(v),
            Err(basil_asm::AsmError::OutOfMemory) => {
                self.core.full = true;
                None
            }
            Err(e) => {
                // A codegen limitation (e.g. registers): the interpreter
                // runs this block instead.
                if cfg!(debug_assertions) {
                    eprintln!("basil: JIT could not compile {code}:{pc}: {e}");
                }
                None
            }
        }
    }

    /// Records a compiled version.
    pub(super) fn add_version(&mut self, v: Version) -> usize {
        let idx = self.core.blocks.len();
        self.core
            .versions
            .entry((v.code, v.pc))
            .or_default()
            .push(idx);
        self.core.blocks.push(v);
        idx
    }

    /// A new branch target to `(code, pc)` for `ctx`: an existing version
    /// when one fits, else a stub. Returns its index and initial address.
    pub(super) fn new_target(
        &mut self,
        code: u32,
        pc: u32,
        ctx: Context,
    ) -> Result<(usize, u64), basil_asm::AsmError> {
        let id = self.core.targets.len();
        // Link directly only to an exact match: a caller that knows more
        // than the existing versions may deserve one of its own (decided
        // when the stub is first hit).
        let existing = self
            .best_version(code, pc, &ctx)
            .filter(|&(d, _)| d == 0)
            .map(|(_, v)| v);
        let stub = self.gen_stub(id)?;
        self.core.targets.push(BranchTarget {
            code,
            pc,
            ctx,
            stub,
            sites: Vec::new(),
            dest: existing,
            slot: None,
        });
        let initial = existing.map_or(stub, |v| self.core.blocks[v].start);
        Ok((id, initial))
    }

    /// A new, empty method-cache cell (`[shape + 1, method, epoch]`);
    /// returns its address.
    pub(super) fn new_method_cell(&mut self) -> u64 {
        let mut b: Box<super::caches::MethodCell> = Box::new([0; _]);
        let a = b.as_mut_ptr() as u64;
        self.core.method_cells.push(b);
        a
    }

    /// A new, empty callee cache of a dynamic call site; returns its address.
    pub(super) fn new_call_cell(&mut self) -> u64 {
        let mut b: Box<super::dyncall::CallCell> = Box::new([0; _]);
        let a = b.as_mut_ptr() as u64;
        self.core.call_cells.push(b);
        a
    }

    /// A new, empty inline-cache cell; returns its address.
    pub(super) fn new_ic_cell(&mut self) -> u64 {
        let mut b: Box<super::caches::AttrCell> = Box::new([0; _]);
        let a = b.as_mut_ptr() as u64;
        self.core.ic_cells.push(b);
        a
    }

    /// The address of the slot holding the entry of function code `code`
    /// for direct calls whose arguments have the types in `ctx` (first a
    /// stub that compiles the entry version for them).
    pub(super) fn entry_slot(
        &mut self,
        code: u32,
        ctx: Context,
    ) -> Result<u64, basil_asm::AsmError> {
        if let Some(b) = self.core.entry_slots.get(&(code, ctx)) {
            return Ok(&**b as *const u64 as u64);
        }
        let (tid, initial) = self.new_target(code, 0, ctx)?;
        let mut b = Box::new(initial);
        let addr = &mut *b as *mut u64;
        self.core.targets[tid].slot = Some(addr);
        self.core.entry_slots.insert((code, ctx), b);
        Ok(addr as u64)
    }

    /// A stub: calls `stub_hit(vm, fp, id)` and jumps where it says.
    fn gen_stub(&mut self, id: usize) -> Result<u64, basil_asm::AsmError> {
        self.place_stub(super::helpers::stub_hit as *const () as u64, id)
    }

    /// Outlined code that calls `helper(vm, fp, id)` and jumps to the
    /// address it returns (branch, continuation and switch stubs).
    pub(super) fn place_stub(
        &mut self,
        helper: u64,
        id: usize,
    ) -> Result<u64, basil_asm::AsmError> {
        self.place_outlined(|asm| {
            let dest = asm.ccall(
                helper,
                vec![Opnd::Pinned(1), Opnd::Pinned(0), Opnd::Imm(id as i64)],
            );
            asm.jmp_reg(dest);
        })
    }

    /// Compiles a small piece of code (which must end in a terminator)
    /// entirely into the outlined zone; returns its address.
    pub(super) fn place_outlined(
        &mut self,
        body: impl FnOnce(&mut Assembler),
    ) -> Result<u64, basil_asm::AsmError> {
        let mut asm = Assembler::new();
        body(&mut asm);
        Ok(basil_asm::compile_outlined(&asm, &mut self.cm, self.arch)?.start)
    }

    /// The shared side exit that resumes the interpreter at `(code, pc)`.
    pub(super) fn exit_addr(
        &mut self,
        code: u32,
        pc: u32,
        reason: ExitReason,
    ) -> Result<u64, basil_asm::AsmError> {
        if let Some(&a) = self.core.exits.get(&(code, pc, reason)) {
            return Ok(a);
        }
        let counter = self.stats.exit_counter(code, pc, reason);
        let a = self.place_outlined(|asm| {
            if let Some(c) = counter {
                super::codegen::emit_count(asm, c);
            }
            asm.leave(Opnd::Imm((EXIT | pc as u64) as i64));
        })?;
        self.core.exits.insert((code, pc, reason), a);
        Ok(a)
    }

    /// Handles a stub hit: compiles (or finds) the target version and links
    /// the branch to it. Returns the address to continue at.
    pub(super) fn on_stub_hit(&mut self, vm: &Vm, fp: *mut Value, id: usize) -> u64 {
        self.stats.stubs_hit += 1;
        let t = self.core.targets[id].clone();
        if let Some(v) = t.dest {
            return self.core.blocks[v].start;
        }
        // Fall through: the jump is the last inline code; put the target
        // right here and drop the jump.
        if let [site] = t.sites[..] {
            let unconditional = match site.kind {
                PatchKind::X86Jmp32 => true,
                PatchKind::A64B | PatchKind::A64Veneer => site.start == site.addr,
                PatchKind::X86Jcc32 => false,
            };
            if unconditional && site.end == self.cm.pos(Zone::Inline) {
                match self.lookup(t.code, t.pc, live_context(vm, t.code, t.pc, t.ctx)) {
                    Ok(v) => return self.link(id, v),
                    Err(ctx) => {
                        if self.cm.truncate(Zone::Inline, site.start).is_ok() {
                            // The version that ended with the jump now ends before it.
                            let mut shrunk = None;
                            if let Some(b) = self
                                .core
                                .blocks
                                .iter_mut()
                                .rev()
                                .find(|b| b.start + b.inline_len as u64 == site.end)
                            {
                                shrunk = Some((b.start, b.inline_len));
                                b.inline_len = (site.start - b.start) as usize;
                            }
                            if let Some(v) = self.compile_version(vm, t.code, t.pc, ctx, Some(fp)) {
                                self.core.targets[id].sites.clear();
                                self.core.targets[id].dest = Some(v);
                                self.stats.fallthroughs += 1;
                                return self.core.blocks[v].start;
                            }
                            // Compilation failed after the rewind: put the
                            // jump back (its bytes fit where they were).
                            self.restore_jump(t.stub);
                            if let Some((start, len)) = shrunk {
                                if let Some(b) =
                                    self.core.blocks.iter_mut().rev().find(|b| b.start == start)
                                {
                                    b.inline_len = len;
                                }
                            }
                            return self.fallback_exit(t.pc);
                        }
                    }
                }
            }
        }
        match self.version_for(vm, t.code, t.pc, t.ctx, Some(fp)) {
            Some(v) => self.link(id, v),
            None => self.fallback_exit(t.pc),
        }
    }

    /// Patches target `id`'s jump (or entry slot) to version `v`.
    fn link(&mut self, id: usize, v: usize) -> u64 {
        let addr = self.core.blocks[v].start;
        let t = &self.core.targets[id];
        if let Some(slot) = t.slot {
            // SAFETY: the slot is a live box owned by `entry_slots`.
            unsafe { *slot = addr };
            self.core.targets[id].dest = Some(v);
        } else if !t.sites.is_empty() {
            let sites = t.sites.clone();
            if sites
                .iter()
                .all(|site| self.cm.patch_jump(site, addr).is_ok())
            {
                self.stats.branches_patched += sites.len() as u64;
                self.core.targets[id].dest = Some(v);
            }
        }
        addr
    }

    /// Re-emits a removed jump to the stub (after a failed fall-through).
    fn restore_jump(&mut self, stub: u64) {
        let mut asm = Assembler::new();
        let t = asm.patchable(stub);
        asm.jmp(t);
        let _ = basil_asm::compile(&asm, &mut self.cm, self.arch);
    }

    /// Where to go when a target cannot be compiled: the generic exit,
    /// which resumes the interpreter at `pc` (needs no new code).
    pub(super) fn fallback_exit(&mut self, pc: u32) -> u64 {
        self.stats.count_exit_reason(ExitReason::CodeMemFull);
        *self.pending_exit = EXIT | pc as u64;
        self.generic_exit
    }
}
