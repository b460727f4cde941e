//! Shared harness for the execution tests: build IR, compile it for the host
//! architecture, and run it through the entry trampoline.
//!
//! The tests are arch-neutral. On a host whose lowering is missing, `Jit::new`
//! panics, so the tests fail rather than silently pass.

#![allow(dead_code)]

use basil_asm::{
    compile, gen_entry_trampoline, Arch, Assembler, CodeMem, Compiled, EntryTrampoline,
};

/// A code memory with an entry trampoline for the host.
pub struct Jit {
    pub cm: CodeMem,
    pub tramp: EntryTrampoline,
    pub arch: Arch,
}

impl Jit {
    pub fn new() -> Jit {
        Self::with_size(1 << 20)
    }

    pub fn with_size(size: usize) -> Jit {
        let arch = Arch::host().expect("execution tests need an x86-64 or AArch64 host");
        let mut cm = CodeMem::new(size).expect("code memory");
        let tramp = gen_entry_trampoline(&mut cm, arch)
            .unwrap_or_else(|e| panic!("no entry trampoline for the host {arch:?}: {e}"));
        Jit { cm, tramp, arch }
    }

    /// Compile `asm` (panicking on error).
    pub fn compile(&mut self, asm: &Assembler) -> Compiled {
        compile(asm, &mut self.cm, self.arch)
            .unwrap_or_else(|e| panic!("compile failed: {e}\n{asm:#?}"))
    }

    /// Run code at `target` with the pinned registers set to `p`.
    pub fn run_at(&self, target: u64, p: [u64; 3]) -> u64 {
        // SAFETY: `target` was compiled into `self.cm` for the host by the
        // tests, every path ends in `Leave`, and memory it touches through
        // the pinned registers is provided by the test.
        unsafe { self.tramp.call(p[0], p[1], p[2], target) }
    }

    /// Compile and run once.
    pub fn run(&mut self, asm: &Assembler, p: [u64; 3]) -> u64 {
        let c = self.compile(asm);
        self.run_at(c.start, p)
    }
}

/// Interesting 64-bit values for boundary tests.
pub const EDGES: [i64; 14] = [
    0,
    1,
    -1,
    2,
    -2,
    i64::MAX,
    i64::MIN,
    i64::MAX - 1,
    i64::MIN + 1,
    i32::MAX as i64,
    i32::MIN as i64,
    u32::MAX as i64,
    1 << 32,
    0x1234_5678_9abc_def0,
];
