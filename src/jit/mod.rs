//! The lazy basic-block versioning JIT (`--lbbv`).
//!
//! The interpreter counts entries of blocks (function entry and jump
//! targets); when a count reaches the threshold it calls `Vm::jit_enter`,
//! which finds or compiles a version of that block for the generic context
//! and runs it through the entry trampoline. A block version's successors are
//! stubs; the first time a stub runs it compiles the successor for the context
//! that reached it and patches the jump (`core.rs`). Operations specialise on
//! the types the context knows; an unknown type is peeked at run time when
//! execution is at the op, guarded once, and the guard's outcome carried in
//! the context of the code that follows (`codegen/`). Anything the JIT does
//! not handle side-exits to the interpreter at that instruction: all locals
//! and temps live in the frame's VM stack slots, so an exit only reports the
//! pc.
//!
//! JIT code leaves with a status word: `EXIT | pc` (resume the interpreter at
//! pc), `RETURN` (the frame returned `Vm::jit_ret`), `RAISE | pc` (an
//! exception is in `Vm::exc`, raised at pc).

mod binding;
mod caches;
mod codegen;
pub mod context;
pub mod core;
pub(crate) mod dyncall;
pub mod graph;
mod helpers;
pub mod report;
pub(crate) mod returns;
pub mod stats;
mod switch;

pub use context::{Context, Type};

use crate::runtime::value::Value;
use crate::runtime::vm::Vm;
use basil_asm::{Arch, CodeMem, EntryTrampoline};

/// Status word of a JIT exit: resume interpreting at the pc in the low bits.
pub const EXIT: u64 = 0;
/// Status word: the frame returned `Vm::jit_ret`.
pub const RETURN: u64 = 1 << 32;
/// Status word: an exception (in `Vm::exc`) was raised at the pc in the low bits.
pub const RAISE: u64 = 2 << 32;

/// Command-line tunables.
#[derive(Clone, Debug)]
pub struct JitOptions {
    /// Block entries before a block is compiled (0: at first sight).
    pub threshold: u32,
    /// Versions per block before a generic version serves.
    pub max_versions: usize,
    /// Code memory in MiB.
    pub exec_mem_mib: usize,
    /// Code memory in bytes when nonzero, overriding `exec_mem_mib` (no
    /// command-line equivalent: the differential fuzzer fills a tiny one).
    pub exec_mem_bytes: usize,
    /// Emit run-time counters into generated code.
    pub stats: bool,
    /// Print the disassembly of every version as it is compiled.
    pub dump_disasm: bool,
    /// Append every version to `/tmp/perf-PID.map` for Linux `perf`.
    pub perf_map: bool,
}

impl Default for JitOptions {
    fn default() -> Self {
        JitOptions {
            threshold: 10,
            max_versions: 4,
            exec_mem_mib: 64,
            exec_mem_bytes: 0,
            stats: false,
            dump_disasm: false,
            perf_map: false,
        }
    }
}

/// What happened when JIT code returned to the interpreter.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Continue interpreting at this pc.
    Resume(u32),
    /// The frame returned this value.
    Return(Value),
    /// An exception was raised at this pc.
    Raise(u32),
}

/// All JIT state: one owned struct, reachable from the VM.
pub struct Jit {
    pub opts: JitOptions,
    pub arch: Arch,
    pub cm: CodeMem,
    pub tramp: EntryTrampoline,
    pub core: core::Core,
    pub stats: stats::Stats,
    /// The status word the generic exit leaves with (boxed: generated code
    /// reads it at a fixed address).
    pub pending_exit: Box<u64>,
    /// Code that leaves with `*pending_exit`: where stubs go when their
    /// target cannot be compiled (code memory full).
    pub generic_exit: u64,
    /// Where Rust's containers keep their pointer and length.
    pub layout: Layout,
    /// The VM's shape table, lent to the compiler while it compiles
    /// ([`Jit::compiling`]; empty otherwise): compiling sees the VM
    /// read-only, but may make the shape transition a store it compiles
    /// will take.
    pub shapes: crate::runtime::shapes::Shapes,
}

/// Runs the compilation `f` for a stub that generated code reached (a
/// branch, continuation or switch stub), with the JIT taken out of the VM
/// meanwhile; returns where the code goes on (0 if there is no JIT).
pub(crate) fn compile_at_stub(vm: *mut Vm, f: impl FnOnce(&mut Jit, &Vm) -> u64) -> u64 {
    // SAFETY: called from a stub with the VM register: the VM is live, and
    // nothing else borrows it while generated code runs.
    let vm = unsafe { &mut *vm };
    let Some(mut jit) = vm.jit.take() else {
        return 0;
    };
    let addr = jit.compiling(vm, f);
    vm.jit = Some(jit);
    addr
}

impl Jit {
    /// Runs the compilation `f` with the VM's shape table lent to the JIT
    /// (`self.shapes`), so codegen can add shape transitions.
    pub fn compiling<R>(&mut self, vm: &mut Vm, f: impl FnOnce(&mut Jit, &Vm) -> R) -> R {
        // Swapped, not taken: an empty table costs nothing to move but
        // something to drop.
        std::mem::swap(&mut self.shapes, &mut vm.shapes);
        let r = f(self, vm);
        std::mem::swap(&mut self.shapes, &mut vm.shapes);
        // Code compiled now may add attributes along new transitions.
        let broken = vm.shapes.take_broken();
        self.drop_shape_assumptions(&broken);
        r
    }
}

/// Byte offsets inside `Vec<Value>` and `Box<[Value]>`, which Rust does not
/// specify; probed once at start-up so generated code can index lists and
/// tuples.
#[derive(Copy, Clone, Debug)]
pub struct Layout {
    pub vec_ptr: usize,
    pub vec_len: usize,
    pub vec_cap: usize,
    pub slice_ptr: usize,
    pub slice_len: usize,
    /// Offsets inside `IterObj`: the state's tag byte and its first three
    /// payload words (`Range { cur, stop, step }`, `Seq { seq, idx }`).
    pub iter_tag: usize,
    pub iter_word: [usize; 3],
    /// The tags of `IterState::Range` and `IterState::Seq`.
    pub tag_range: u8,
    pub tag_seq: u8,
    /// Pointer, length and capacity offsets inside `Vec<Frame>`.
    pub frames_ptr: usize,
    pub frames_len: usize,
    pub frames_cap: usize,
}

impl Layout {
    /// Finds the offsets by looking at containers with known contents.
    pub fn probe() -> Result<Layout, String> {
        fn words<T>(x: &T) -> Vec<usize> {
            let n = std::mem::size_of::<T>() / 8;
            // SAFETY: reads the bytes of a live value as machine words; `T`
            // is a container of pointer-sized fields, so every read is in
            // bounds and initialised.
            (0..n)
                .map(|i| unsafe { *(x as *const T as *const usize).add(i) })
                .collect()
        }
        let mut v: Vec<Value> = Vec::with_capacity(11);
        v.extend([Value::NONE; 3]);
        let vw = words(&v);
        let vec_ptr = vw.iter().position(|&w| w == v.as_ptr() as usize);
        let vec_len = vw.iter().position(|&w| w == 3);
        let vec_cap = vw.iter().position(|&w| w == v.capacity());
        let b: Box<[Value]> = vec![Value::NONE; 5].into_boxed_slice();
        let bw = words(&b);
        let slice_ptr = bw.iter().position(|&w| w == b.as_ptr() as usize);
        let slice_len = bw.iter().position(|&w| w == 5);
        // IterState is repr(C, u8): tag at 0, payload at 8 (checked here).
        use crate::runtime::object::{IterObj, IterState, Kind, ObjHeader};
        let base = std::mem::offset_of!(IterObj, state);
        let probe = |state: IterState| -> Vec<usize> {
            let obj = IterObj {
                h: ObjHeader::new(Kind::Iter),
                state,
                owner: std::cell::Cell::new(0),
            };
            let w = words(&obj);
            w[base / 8..].to_vec()
        };
        let r = probe(IterState::Range {
            cur: 11,
            stop: 22,
            step: 33,
        });
        let q = probe(IterState::Seq {
            seq: Value::from_small(44),
            idx: 55,
        });
        let iter_ok = base % 8 == 0
            && r.len() >= 4
            && r[1..4] == [11, 22, 33]
            && q[1] == Value::from_small(44).0 as usize
            && q[2] == 55;
        let (tag_range, tag_seq) = ((r[0] & 0xff) as u8, (q[0] & 0xff) as u8);
        let mut fv: Vec<crate::runtime::vm::Frame> = Vec::with_capacity(13);
        fv.push(crate::runtime::vm::Frame {
            code: 0,
            base: 0,
            sp: 0,
            func: Value::NONE,
            namespace: Value::NONE,
        });
        let fw = words(&fv);
        let frames_ptr = fw.iter().position(|&w| w == fv.as_ptr() as usize);
        let frames_len = fw.iter().position(|&w| w == 1);
        let frames_cap = fw.iter().position(|&w| w == fv.capacity());
        let frames = (frames_ptr, frames_len, frames_cap);
        match (
            vec_ptr, vec_len, slice_ptr, slice_len, iter_ok, vec_cap, frames,
        ) {
            (Some(a), Some(b), Some(c), Some(d), true, Some(e), (Some(f), Some(g), Some(h)))
                if v.capacity() != 3 && fv.capacity() != 1 =>
            {
                Ok(Layout {
                    vec_ptr: a * 8,
                    vec_len: b * 8,
                    vec_cap: e * 8,
                    slice_ptr: c * 8,
                    slice_len: d * 8,
                    iter_tag: base,
                    iter_word: [base + 8, base + 16, base + 24],
                    tag_range,
                    tag_seq,
                    frames_ptr: f * 8,
                    frames_len: g * 8,
                    frames_cap: h * 8,
                })
            }
            _ => Err("cannot determine the layout of Vec, Box<[T]> and IterState".into()),
        }
    }
}

impl Jit {
    /// Sets up code memory and the entry trampoline for the host.
    pub fn new(opts: JitOptions) -> Result<Jit, String> {
        let arch = Arch::host().ok_or("the JIT supports x86-64 and AArch64 hosts only")?;
        let bytes = match opts.exec_mem_bytes {
            0 => opts.exec_mem_mib.max(1) << 20,
            n => n,
        };
        let mut cm = CodeMem::new(bytes).map_err(|e| format!("cannot map code memory: {e}"))?;
        let tramp = basil_asm::gen_entry_trampoline(&mut cm, arch)
            .map_err(|e| format!("cannot emit the entry trampoline: {e}"))?;
        let mut jit = Jit {
            stats: stats::Stats::new(opts.stats),
            opts,
            arch,
            cm,
            tramp,
            core: core::Core::default(),
            pending_exit: Box::new(0),
            generic_exit: 0,
            layout: Layout::probe()?,
            shapes: Default::default(),
        };
        let tramp_end = jit.cm.pos(basil_asm::Zone::Inline);
        jit.stats.trampoline = (tramp.addr, tramp_end.saturating_sub(tramp.addr) as usize);
        let addr = &*jit.pending_exit as *const u64 as i64;
        jit.generic_exit = jit
            .place_outlined(|asm| {
                let base = asm.mov_new(basil_asm::Opnd::Imm(addr));
                let status = asm.load(basil_asm::Mem::new(base, 0), basil_asm::Width::W64);
                asm.leave(status);
            })
            .map_err(|e| format!("cannot emit the generic exit: {e}"))?;
        Ok(jit)
    }
}

impl Vm {
    /// Runs JIT code for block `(code_id, pc)` of the frame at `base`,
    /// compiling its generic version if needed. None if the JIT cannot run
    /// it (code memory full): the interpreter just goes on.
    pub fn jit_enter(&mut self, code_id: u32, pc: u32, base: usize) -> Option<Outcome> {
        let fp = self.stack.ptr().wrapping_add(base);
        let cached = self.jit.as_ref()?.cached_entry(code_id, pc);
        let addr = if let Some(a) = cached {
            a
        } else {
            let mut jit = self.jit.take()?;
            let a = jit.compiling(self, |jit, vm| jit.entry_point(vm, code_id, pc, fp));
            if a.is_none() && jit.core.full {
                // The frame stays in the interpreter: count it with the
                // side exits the full code memory causes.
                jit.stats.count_exit_reason(stats::ExitReason::CodeMemFull);
            }
            self.jit = Some(jit);
            a?
        };
        let tramp = self.jit.as_ref()?.tramp;
        let vm_ptr = self as *mut Vm as u64;
        // SAFETY: the trampoline and `addr` were generated for this host in
        // the JIT's live code memory; block code reads and writes only the
        // frame at `fp` (inside the VM stack) and calls helpers that take the
        // VM pointer, which stays valid (the VM does not move while it runs).
        let status = unsafe { tramp.call(fp as u64, vm_ptr, 0, addr) };
        let pc = (status & 0xffff_ffff) as u32;
        Some(match status & !0xffff_ffff {
            RETURN => Outcome::Return(std::mem::replace(&mut self.jit_ret, Value::NONE)),
            RAISE => Outcome::Raise(pc),
            _ => Outcome::Resume(pc),
        })
    }
}
