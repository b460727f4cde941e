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
    jit_instructions,
    interp_instructions,
}

/// All statistics.
pub struct Stats {
    /// Whether run-time counters are emitted into code.
    pub enabled: bool,
    /// Run-time counters, at stable addresses (boxed).
    pub counters: Box<[u64]>,
    /// Side-exit counters by (code, pc, reason), at stable addresses.
    pub exit_counters: HashMap<(u32, u32, ExitReason), Box<u64>>,
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
    pub code_inline_bytes: u64,
    pub code_outlined_bytes: u64,
}

impl Stats {
    pub fn new(enabled: bool) -> Stats {
        Stats {
            enabled,
            counters: vec![0u64; Counter::ALL.len()].into_boxed_slice(),
            exit_counters: HashMap::new(),
            exits_by_reason: HashMap::new(),
            compile_ns: 0,
            stubs_hit: 0,
            branches_patched: 0,
            fallthroughs: 0,
            type_tests_emitted: 0,
            type_tests_removed: 0,
            identity_guards: 0,
            code_inline_bytes: 0,
            code_outlined_bytes: 0,
        }
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
