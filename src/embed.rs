//! Running a program in-process, its output captured: the differential
//! fuzzer's way to run one program in many modes without spawning `basil`.
//!
//! [`run`] compiles and runs a source string on a fresh VM (with the JIT when
//! [`RunOptions::jit`] is set) on a thread of its own with the same native
//! stack as the command line's VM thread, and returns what the command line
//! would have printed and its exit status ([`Outcome`]). Nothing touches the
//! process's real stdout or stderr (`Vm::capture`). Every run builds its own
//! `Vm` (interner, heap, shapes, class epoch) and `Jit` (code memory,
//! versions); the VM keeps no process-global state, so runs are independent.

use crate::jit::JitOptions;
use crate::runtime::vm::{Captured, Vm};
use std::sync::mpsc;
use std::time::Duration;

/// Allocation between collections with [`RunOptions::gc_stress`].
pub const GC_STRESS_BYTES: usize = 32 << 10;

/// How to run a program.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// `Some` runs with `--lbbv` and these tunables; `None` interprets.
    pub jit: Option<JitOptions>,
    /// Collect garbage every few KiB of allocation instead of every few
    /// MiB (no command-line equivalent): shakes out values JIT code or
    /// native code hold without rooting them.
    pub gc_stress: bool,
    /// Give up after this long (a hung program is reported with
    /// [`Outcome::TIMEOUT`]; its thread is left to finish on its own).
    pub timeout: Option<Duration>,
}

/// What a run printed and how it ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: Vec<u8>,
    pub stderr: String,
    /// The exit status the command line would return, or [`Outcome::PANIC`]
    /// or [`Outcome::TIMEOUT`].
    pub status: i32,
}

impl Outcome {
    /// Status of a run whose VM thread panicked (`basil` exits with 70).
    pub const PANIC: i32 = 70;
    /// Status of a run that did not finish within its timeout.
    pub const TIMEOUT: i32 = -1;
}

/// Compiles and runs `source` (named `filename` in tracebacks) with `opts`.
pub fn run(source: &str, filename: &str, opts: &RunOptions) -> Outcome {
    let (tx, rx) = mpsc::channel();
    let (src, name, jit, stress) = (
        source.to_string(),
        filename.to_string(),
        opts.jit.clone(),
        opts.gc_stress,
    );
    let spawned = std::thread::Builder::new()
        .name("basil-embed".into())
        .stack_size(crate::cli::VM_STACK_BYTES)
        .spawn(move || {
            let out = run_here(&src, &name, jit, stress);
            let _ = tx.send(out);
        });
    let handle = match spawned {
        Ok(h) => h,
        Err(e) => return failed(Outcome::PANIC, format!("cannot spawn the VM thread: {e}")),
    };
    let received = match opts.timeout {
        Some(t) => rx
            .recv_timeout(t)
            .map_err(|e| matches!(e, mpsc::RecvTimeoutError::Timeout)),
        None => rx.recv().map_err(|_| false),
    };
    match received {
        Ok(out) => {
            let _ = handle.join();
            out
        }
        Err(true) => failed(Outcome::TIMEOUT, "timeout".into()),
        Err(false) => {
            let msg = match handle.join() {
                Err(p) => p
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default(),
                Ok(()) => String::new(),
            };
            failed(Outcome::PANIC, format!("the VM thread panicked: {msg}"))
        }
    }
}

fn failed(status: i32, stderr: String) -> Outcome {
    Outcome {
        stdout: Vec::new(),
        stderr,
        status,
    }
}

/// Runs on the calling thread, which must have a stack of
/// `cli::VM_STACK_BYTES` (the recursion limit relies on it).
fn run_here(source: &str, filename: &str, jit: Option<JitOptions>, gc_stress: bool) -> Outcome {
    let mut vm = Vm::new(vec![filename.to_string()]);
    if gc_stress {
        vm.heap.min_threshold = GC_STRESS_BYTES;
        vm.heap.threshold = GC_STRESS_BYTES;
    }
    vm.capture = Some(Box::default());
    vm.mark_native_stack_base();
    if let Some(opts) = jit {
        match crate::jit::Jit::new(opts) {
            Ok(j) => vm.jit = Some(Box::new(j)),
            Err(e) => vm.write_err(&format!(
                "basil: --lbbv unavailable ({e}); running in the interpreter\n"
            )),
        }
    }
    let status = match crate::compiler::compile_module(source, filename, "__main__", &mut vm.names)
    {
        Ok(module) => {
            let idx = vm.load_module(module, source.to_string());
            let code = vm.modules[idx].code_base;
            match vm.run_module_code(code, idx) {
                Ok(_) => 0,
                Err(_) => {
                    let e = vm.exc;
                    crate::cli::handle_uncaught(&mut vm, e)
                }
            }
        }
        Err(e) => {
            let text = e.render(filename);
            vm.write_err(&text);
            1
        }
    };
    vm.flush_out();
    let Captured { stdout, stderr } = *vm.capture.take().unwrap_or_default();
    Outcome {
        stdout,
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
        status,
    }
}
