//! basil-asm: a small backend IR ([`ir`]), its lowering to x86-64 (through
//! iced-x86, [`x86_64`]) and AArch64 (our own encoder, [`arm64`]), W^X code
//! memory ([`codemem`]) and disassembly ([`disasm`]). It knows nothing of Python.
//!
//! # Pipeline
//!
//! [`compile`] runs, for the [`Arch`] chosen at run time:
//!
//! 1. [`split::common_split`] — arch-neutral checks and legalization (flags
//!    discipline, destinations are registers, immediates moved out of places
//!    no backend takes them);
//! 2. [`Backend::split`] — arch-specific legalization; may create vregs;
//! 3. [`regalloc::allocate`] — linear scan with lifetime holes over the
//!    linearized streams, driven by the backend's [`regalloc::RegInfo`];
//!    rewrites every `VReg` and `Pinned` operand to [`ir::Opnd::Phys`] and
//!    fills `CCall::saves`;
//! 4. [`Backend::emit`] — machine code for the inline stream and for the
//!    outlined side-exit bodies at given absolute addresses, with patch sites
//!    and label addresses;
//! 5. the bytes are written into the [`CodeMem`] (W^X: pages are writable only
//!    while being written, executable otherwise).
//!
//! Both backends are compiled on every host; only *running* the code needs the
//! matching CPU.
//!
//! # Example
//!
//! ```no_run
//! use basil_asm::{compile, gen_entry_trampoline, Arch, Assembler, CodeMem, Cond, Opnd};
//!
//! let arch = Arch::host().expect("x86-64 or AArch64");
//! let mut cm = CodeMem::new(1 << 20)?;
//! let entry = gen_entry_trampoline(&mut cm, arch)?;
//!
//! // return p0 + p1, or -1 from an outlined side exit on signed overflow
//! let mut a = Assembler::new();
//! let sum = a.add(Opnd::Pinned(0), Opnd::Pinned(1));
//! let exit = a.side_exit(|a| a.leave(Opnd::Imm(-1)));
//! a.jcc(Cond::Overflow, exit);
//! a.leave(sum);
//! let block = compile(&a, &mut cm, arch)?;
//!
//! // SAFETY: the block was compiled for this CPU into `cm` and ends in Leave.
//! let r = unsafe { entry.call(2, 3, 0, block.start) };
//! assert_eq!(r, 5);
//! # Ok::<(), basil_asm::AsmError>(())
//! ```
//!
//! # The backend interface
//!
//! A backend implements [`Backend`]. Its contract:
//!
//! * `reg_info()` names the pinned registers (loaded by the entry trampoline
//!   from its `p0..p2` arguments), the allocatable caller- and callee-saved
//!   registers, and the number of 8-byte spill slots in the trampoline frame
//!   that the `CCall` lowering may use to save `CCall::saves`. Registers the
//!   backend needs as scratch during emission must not be allocatable.
//! * `split()` receives IR that passed [`split::common_split`] and leaves IR
//!   that `emit()` can encode after allocation. It must keep the flags
//!   discipline of [`ir`] (insert legalizing instructions *before* the flags
//!   producer, or use only `Mov`s between producer and consumer).
//! * `emit()` receives allocated IR (only `Phys`/`Imm` operands) and the
//!   absolute addresses where the inline and outlined code will be written;
//!   it returns a [`Lowered`]. Every `Target::Patchable` jump yields one
//!   [`PatchSite`] whose bytes [`CodeMem::patch_jump`] knows how to rewrite.
//! * `entry_trampoline()` returns the bytes of the entry trampoline placed at
//!   a given address, matching the frame that `Leave` and `CCall` assume.
//!
//! The AArch64 backend lives in `arm64::lower` and is plugged in by
//! [`backend_for`].

pub mod arm64;
pub mod codemem;
pub mod disasm;
pub mod ir;
pub mod regalloc;
pub mod split;
pub mod x86_64;

pub use codemem::{CodeMem, PatchKind, PatchSite, Zone};
pub use ir::{Assembler, Cond, ExitId, Insn, Label, Mem, Opnd, PReg, PatchId, Target, VReg, Width};
pub use regalloc::RegInfo;

use std::fmt;

/// A target architecture.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Arch {
    /// x86-64 (SysV ABI).
    X86_64,
    /// AArch64 (AAPCS64).
    Aarch64,
}

impl Arch {
    /// The architecture this process runs on (`None` on any other CPU).
    pub fn host() -> Option<Arch> {
        if cfg!(target_arch = "x86_64") {
            Some(Arch::X86_64)
        } else if cfg!(target_arch = "aarch64") {
            Some(Arch::Aarch64)
        } else {
            None
        }
    }
}

/// Why assembling or placing code failed. Never a panic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AsmError {
    /// The backend for this architecture (or this construct) is not available.
    Unsupported(String),
    /// The IR breaks a rule of [`ir`] (message says which).
    Invalid(String),
    /// The register allocator ran out of registers or spill slots.
    OutOfRegisters,
    /// The code memory has no room left.
    OutOfMemory,
    /// A jump target is out of the encodable range.
    OutOfRange(String),
    /// The machine encoder failed.
    Encode(String),
    /// The OS refused a memory operation.
    Os(String),
}

impl fmt::Display for AsmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AsmError::Unsupported(s) => write!(f, "unsupported: {s}"),
            AsmError::Invalid(s) => write!(f, "invalid IR: {s}"),
            AsmError::OutOfRegisters => write!(f, "out of registers"),
            AsmError::OutOfMemory => write!(f, "code memory full"),
            AsmError::OutOfRange(s) => write!(f, "out of range: {s}"),
            AsmError::Encode(s) => write!(f, "encoding failed: {s}"),
            AsmError::Os(s) => write!(f, "OS error: {s}"),
        }
    }
}

impl std::error::Error for AsmError {}

/// What a backend's `emit` produces. All addresses are absolute, computed
/// from the bases `emit` was given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lowered {
    /// Machine code of the inline stream.
    pub inline: Vec<u8>,
    /// Machine code of all side-exit bodies, concatenated.
    pub outlined: Vec<u8>,
    /// One site per `Target::Patchable` jump.
    pub patch_sites: Vec<PatchSite>,
    /// Address of each label (indexed by `Label.0`), `None` if never bound.
    pub labels: Vec<Option<u64>>,
    /// Address of each side-exit body (indexed by `ExitId.0`).
    pub exits: Vec<u64>,
}

/// A per-architecture lowering. See the crate documentation for the contract.
pub trait Backend {
    /// The architecture.
    fn arch(&self) -> Arch;
    /// Register facts for the allocator.
    fn reg_info(&self) -> &'static RegInfo;
    /// Arch-specific legalization before register allocation.
    fn split(&self, asm: &mut Assembler) -> Result<(), AsmError>;
    /// Encode allocated IR for the given inline and outlined base addresses.
    fn emit(
        &self,
        asm: &Assembler,
        inline_base: u64,
        outlined_base: u64,
    ) -> Result<Lowered, AsmError>;
    /// The entry trampoline's bytes when placed at `base`.
    fn entry_trampoline(&self, base: u64) -> Result<Vec<u8>, AsmError>;
}

/// The backend for `arch`.
pub fn backend_for(arch: Arch) -> Result<&'static dyn Backend, AsmError> {
    match arch {
        Arch::X86_64 => Ok(&x86_64::X86Backend),
        Arch::Aarch64 => Ok(&arm64::lower::Arm64Backend),
    }
}

/// The result of [`compile`]: where the code went and what the JIT needs to
/// know about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Compiled {
    /// Address of the first inline instruction (the entry point).
    pub start: u64,
    /// Length of the inline code in bytes.
    pub inline_len: usize,
    /// Address of the outlined code (side-exit bodies).
    pub outlined_start: u64,
    /// Length of the outlined code in bytes.
    pub outlined_len: usize,
    /// Patch sites of the `Target::Patchable` jumps.
    pub patch_sites: Vec<PatchSite>,
    /// Label addresses, indexed by `Label.0`.
    pub labels: Vec<Option<u64>>,
    /// Side-exit addresses, indexed by `ExitId.0` (the JIT may reuse an exit
    /// from later blocks with `Target::Addr`).
    pub exits: Vec<u64>,
}

impl Compiled {
    /// The address one past the last inline byte.
    pub fn inline_end(&self) -> u64 {
        self.start + self.inline_len as u64
    }
}

/// Run the pipeline up to and including emission for code to be placed at
/// the given addresses, without writing anything.
pub fn lower(
    asm: &Assembler,
    arch: Arch,
    inline_base: u64,
    outlined_base: u64,
) -> Result<Lowered, AsmError> {
    let backend = backend_for(arch)?;
    let mut asm = asm.clone();
    split::common_split(&mut asm)?;
    backend.split(&mut asm)?;
    regalloc::allocate(&mut asm, backend.reg_info())?;
    backend.emit(&asm, inline_base, outlined_base)
}

/// Compile `asm` for `arch` and write it into `cm` at the current inline and
/// outlined positions. On error nothing is written.
pub fn compile(asm: &Assembler, cm: &mut CodeMem, arch: Arch) -> Result<Compiled, AsmError> {
    compile_into(asm, cm, arch, Zone::Inline)
}

/// Compile `asm`, which must have no side exits, into the **outlined** zone:
/// for code that is cold but shared, such as a side exit reused by several
/// blocks (reached with `Target::Addr`) or a branch stub. On error nothing is
/// written.
pub fn compile_outlined(
    asm: &Assembler,
    cm: &mut CodeMem,
    arch: Arch,
) -> Result<Compiled, AsmError> {
    if !asm.exit_bodies().is_empty() {
        return Err(AsmError::Invalid(
            "code compiled into the outlined zone cannot have side exits".into(),
        ));
    }
    compile_into(asm, cm, arch, Zone::Outlined)
}

/// Compile with the main stream in zone `main` and side exits in the
/// outlined zone (which must be empty of exits when `main` is outlined).
fn compile_into(
    asm: &Assembler,
    cm: &mut CodeMem,
    arch: Arch,
    main: Zone,
) -> Result<Compiled, AsmError> {
    let inline_base = cm.pos(main);
    let outlined_base = cm.pos(Zone::Outlined);
    let lowered = lower(asm, arch, inline_base, outlined_base)?;
    let room_main = cm.remaining(main);
    let room_outlined = cm.remaining(Zone::Outlined);
    let (need_main, need_outlined) = if main == Zone::Outlined {
        (
            lowered.inline.len() + lowered.outlined.len(),
            lowered.inline.len() + lowered.outlined.len(),
        )
    } else {
        (lowered.inline.len(), lowered.outlined.len())
    };
    if need_main > room_main || need_outlined > room_outlined {
        return Err(AsmError::OutOfMemory);
    }
    let start = cm.append(main, &lowered.inline)?;
    let outlined_start = cm.append(Zone::Outlined, &lowered.outlined)?;
    debug_assert_eq!(start, inline_base);
    Ok(Compiled {
        start,
        inline_len: lowered.inline.len(),
        outlined_start,
        outlined_len: lowered.outlined.len(),
        patch_sites: lowered.patch_sites,
        labels: lowered.labels,
        exits: lowered.exits,
    })
}

/// The entry trampoline: `extern "C" fn(p0, p1, p2, target) -> u64`.
///
/// It saves the callee-saved registers, loads `p0..p2` into the pinned
/// registers (`Opnd::Pinned(0..3)`), reserves the spill area, keeps the stack
/// 16-byte aligned, and jumps to `target`; block code returns from it with
/// `Insn::Leave`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EntryTrampoline {
    /// Address of the trampoline.
    pub addr: u64,
}

/// The entry trampoline's function type.
pub type EntryFn = unsafe extern "C" fn(u64, u64, u64, u64) -> u64;

impl EntryTrampoline {
    /// Run block code at `target` with `p0..p2` in the pinned registers.
    ///
    /// # Safety
    /// The trampoline must have been generated for the host architecture in
    /// a [`CodeMem`] that is still alive, and `target` must be code compiled
    /// for the same `CodeMem` that ends every path with `Leave` (or another
    /// well-formed exit); whatever that code does with `p0..p2` must be sound.
    pub unsafe fn call(&self, p0: u64, p1: u64, p2: u64, target: u64) -> u64 {
        // SAFETY: the caller guarantees `addr` is a live, executable entry
        // trampoline for this CPU, whose ABI is `EntryFn`.
        let f: EntryFn = unsafe { std::mem::transmute::<usize, EntryFn>(self.addr as usize) };
        // SAFETY: the caller guarantees `target` is valid block code.
        unsafe { f(p0, p1, p2, target) }
    }
}

/// Write the entry trampoline for `arch` into `cm` (inline zone).
pub fn gen_entry_trampoline(cm: &mut CodeMem, arch: Arch) -> Result<EntryTrampoline, AsmError> {
    let backend = backend_for(arch)?;
    let base = cm.pos(Zone::Inline);
    let bytes = backend.entry_trampoline(base)?;
    let addr = cm.append(Zone::Inline, &bytes)?;
    Ok(EntryTrampoline { addr })
}
