//! JIT statistics. Compile-time counters are always kept; run-time counters
//! (type tests executed, instructions run in JIT code, side exits) live at
//! fixed addresses that generated code increments, and are emitted only when
//! `--stats` was given, so the normal path pays nothing.
//! Model: YJIT `stats.rs` (`make_counters!`).

use std::collections::HashMap;

/// Why JIT code handed a frame back to the interpreter.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ExitReason {
    /// An instruction the JIT does not compile.
    Unsupported,
    /// A value's type was not the one the code was specialised for.
    TypeGuard,
    /// Int arithmetic left the unboxed range (the interpreter makes a big int).
    Overflow,
    /// A zero divisor (the interpreter raises ZeroDivisionError).
    ZeroDivision,
    /// An unbound local or global (the interpreter raises the error).
    Unbound,
    /// An index outside a list or tuple (the interpreter raises IndexError).
    IndexRange,
    /// The code memory is full: the target could not be compiled.
    CodeMemFull,
}

impl ExitReason {
    pub const ALL: [ExitReason; 7] = [
        ExitReason::Unsupported,
        ExitReason::TypeGuard,
        ExitReason::Overflow,
        ExitReason::ZeroDivision,
        ExitReason::Unbound,
        ExitReason::IndexRange,
        ExitReason::CodeMemFull,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ExitReason::Unsupported => "unsupported_op",
            ExitReason::TypeGuard => "type_guard",
            ExitReason::Overflow => "int_overflow",
            ExitReason::ZeroDivision => "zero_division",
            ExitReason::Unbound => "unbound_name",
            ExitReason::IndexRange => "index_range",
            ExitReason::CodeMemFull => "code_mem_full",
        }
    }
}

/// Declares the run-time counters: one list gives the array index of each,
/// its name, and the report line.
macro_rules! runtime_counters {
    ($($name:ident),* $(,)?) => {
        /// Indices of the run-time counters.
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[derive(Copy, Clone, Debug, PartialEq, Eq)]
        #[repr(usize)]
        pub enum Counter { $($name,)* }

        impl Counter {
            pub const ALL: &'static [Counter] = &[$(Counter::$name,)*];
            pub fn name(self) -> &'static str {
                match self { $(Counter::$name => stringify!($name),)* }
            }
        }
    };
}

runtime_counters! {
    type_tests_executed,
    // Passes over a point where the context let the compiler omit a type
    // test (what an unspecialised version would have tested there).
    type_tests_removed_executed,
    jit_instructions,
    interp_instructions,
}

/// What the statistics know of one compiled version (same index as
/// `Core::blocks`), recorded by codegen around `gen_version`.
#[derive(Debug, Default)]
pub struct VersionStats {
    /// Entries of the version, counted by generated code (`--stats` only;
    /// boxed: code increments it at a fixed address).
    pub hits: Option<Box<u64>>,
    /// Dynamic type tests emitted into this version.
    pub tests_emitted: u64,
    /// Type tests the context let the compiler omit in this version.
    pub tests_removed: u64,
    /// Side exits this version jumps to: (pc, reason).
    pub exits: Vec<(u32, ExitReason)>,
    /// The branch targets (indices into `Core::targets`) created while
    /// compiling this version: its outgoing edges.
    pub targets: std::ops::Range<usize>,
    /// Where its outlined code (side-exit bodies) went.
    pub outlined_start: u64,
}

/// A version being compiled (between `begin_version` and `end_version`).
#[derive(Debug, Default)]
struct Pending {
    hits: Option<Box<u64>>,
    emitted: u64,
    removed: u64,
    exits: Vec<(u32, ExitReason)>,
    first_target: usize,
}

/// Entry guards placed in front of a version entered from the interpreter.
#[derive(Copy, Clone, Debug)]
pub struct GuardCode {
    pub start: u64,
    pub len: usize,
    /// The version start they jump to.
    pub target: u64,
}

/// All statistics.
pub struct Stats {
    /// Whether run-time counters are emitted into code.
    pub enabled: bool,
    /// Run-time counters, at stable addresses (boxed).
    pub counters: Box<[u64]>,
    /// Side-exit counters by (code, pc, reason), at stable addresses.
    pub exit_counters: HashMap<(u32, u32, ExitReason), Box<u64>>,
    /// Type tests executed by (code, pc), at stable addresses.
    pub test_sites: HashMap<(u32, u32), Box<u64>>,
    /// Exits taken outside generated code (stub fallbacks).
    pub exits_by_reason: HashMap<ExitReason, u64>,
    pub compile_ns: u64,
    pub stubs_hit: u64,
    pub branches_patched: u64,
    pub fallthroughs: u64,
    pub type_tests_emitted: u64,
    pub type_tests_removed: u64,
    /// Guards on a value's identity (the callee of a direct call).
    pub identity_guards: u64,
    /// Continuation sites that kept a final shape across a call and had
    /// to forget it (a way out of the shape was made: `jit::returns`).
    pub shape_assumptions_dropped: u64,
    /// Shape switches emitted (`jit::switch`).
    pub shape_switches: u64,
    pub code_inline_bytes: u64,
    pub code_outlined_bytes: u64,
    /// Per compiled version, same index as `Core::blocks`.
    pub versions: Vec<VersionStats>,
    /// Entry-guard code (inline zone, outside any version).
    pub entry_guards: Vec<GuardCode>,
    /// The entry trampoline's inline bytes: (start, length).
    pub trampoline: (u64, usize),
    pending: Pending,
}

impl Stats {
    pub fn new(enabled: bool) -> Stats {
        Stats {
            enabled,
            counters: vec![0u64; Counter::ALL.len()].into_boxed_slice(),
            exit_counters: HashMap::new(),
            test_sites: HashMap::new(),
            exits_by_reason: HashMap::new(),
            compile_ns: 0,
            stubs_hit: 0,
            branches_patched: 0,
            fallthroughs: 0,
            type_tests_emitted: 0,
            type_tests_removed: 0,
            identity_guards: 0,
            shape_assumptions_dropped: 0,
            shape_switches: 0,
            code_inline_bytes: 0,
            code_outlined_bytes: 0,
            versions: Vec::new(),
            entry_guards: Vec::new(),
            trampoline: (0, 0),
            pending: Pending::default(),
        }
    }

    /// Starts recording a version about to be compiled (`targets` is the
    /// current number of branch targets). Returns the address of its entry
    /// counter when counting is on.
    pub fn begin_version(&mut self, targets: usize) -> Option<u64> {
        let mut hits = self.enabled.then(|| Box::new(0u64));
        let addr = hits.as_mut().map(|b| &mut **b as *mut u64 as u64);
        self.pending = Pending {
            hits,
            emitted: self.type_tests_emitted,
            removed: self.type_tests_removed,
            exits: Vec::new(),
            first_target: targets,
        };
        addr
    }

    /// Notes that the version being compiled jumps to the side exit at
    /// (pc, reason).
    pub fn note_exit(&mut self, pc: u32, reason: ExitReason) {
        if !self.pending.exits.contains(&(pc, reason)) {
            self.pending.exits.push((pc, reason));
        }
    }

    /// Finishes the record of version `v` (`targets`: the number of branch
    /// targets now).
    pub fn end_version(&mut self, v: usize, targets: usize, outlined_start: u64) {
        let p = std::mem::take(&mut self.pending);
        if self.versions.len() <= v {
            self.versions.resize_with(v + 1, VersionStats::default);
        }
        self.versions[v] = VersionStats {
            hits: p.hits,
            tests_emitted: self.type_tests_emitted.saturating_sub(p.emitted),
            tests_removed: self.type_tests_removed.saturating_sub(p.removed),
            exits: p.exits,
            targets: p.first_target..targets,
            outlined_start,
        };
    }

    /// Entries of version `v` counted so far (0 without `--stats`).
    pub fn hits(&self, v: usize) -> u64 {
        self.versions
            .get(v)
            .and_then(|s| s.hits.as_deref())
            .copied()
            .unwrap_or(0)
    }

    /// The address of a run-time counter, if counting is on.
    pub fn counter_addr(&mut self, c: Counter) -> Option<u64> {
        if self.enabled {
            Some(&mut self.counters[c as usize] as *mut u64 as u64)
        } else {
            None
        }
    }

    /// Adds to a run-time counter from Rust (interpreter side).
    pub fn bump(&mut self, c: Counter, n: u64) {
        self.counters[c as usize] += n;
    }

    /// The address of the counter of side exits at (code, pc, reason).
    pub fn exit_counter(&mut self, code: u32, pc: u32, reason: ExitReason) -> Option<u64> {
        if !self.enabled {
            return None;
        }
        let b = self
            .exit_counters
            .entry((code, pc, reason))
            .or_insert_with(|| Box::new(0));
        Some(&mut **b as *mut u64 as u64)
    }

    /// The address of the counter of type tests executed at (code, pc).
    pub fn test_site_counter(&mut self, code: u32, pc: u32) -> Option<u64> {
        if !self.enabled {
            return None;
        }
        let b = self
            .test_sites
            .entry((code, pc))
            .or_insert_with(|| Box::new(0));
        Some(&mut **b as *mut u64 as u64)
    }

    /// Counts an exit taken by Rust code.
    pub fn count_exit_reason(&mut self, r: ExitReason) {
        *self.exits_by_reason.entry(r).or_insert(0) += 1;
    }

    /// Side exits by reason (generated and Rust-side).
    pub fn exits_per_reason(&self) -> Vec<(ExitReason, u64)> {
        ExitReason::ALL
            .iter()
            .map(|&r| {
                let n: u64 = self
                    .exit_counters
                    .iter()
                    .filter(|((_, _, rr), _)| *rr == r)
                    .map(|(_, c)| **c)
                    .sum::<u64>()
                    + self.exits_by_reason.get(&r).copied().unwrap_or(0);
                (r, n)
            })
            .collect()
    }
}
