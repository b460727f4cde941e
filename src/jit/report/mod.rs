//! What `--stats`, `--stats=json`, `--stats-file`, `--stats-graph`,
//! `--dump-disasm` and `--perf-map` produce. This module gathers the numbers
//! once into a [`Report`] (plain owned data); `text.rs` and `json.rs` render
//! it, `code.rs` disassembles versions and writes the perf map, and
//! `super::graph` draws the version graph.

mod code;
mod json;
mod text;

pub use code::{disasm_version, perf_map_line, write_perf_map};

use super::stats::{Counter, ExitReason};
use super::Jit;
use crate::runtime::vm::Vm;
use std::collections::BTreeMap;
use std::time::Duration;

/// How many exit locations and hot blocks the report lists.
pub const TOP_N: usize = 10;

/// Where a bytecode instruction comes from.
#[derive(Clone, Debug)]
pub struct Site {
    /// The function's qualified name.
    pub function: String,
    pub file: String,
    pub line: u32,
    pub pc: u32,
    /// The instruction, readable: `LoadAttr x`, `Binary(Add)`.
    pub op: String,
}

/// The source location and instruction of `(code, pc)`.
pub fn site(vm: &Vm, code: u32, pc: u32) -> Site {
    let Some(entry) = vm.codes.get(code as usize) else {
        return Site {
            function: format!("<code {code}>"),
            file: String::new(),
            line: 0,
            pc,
            op: String::new(),
        };
    };
    let file = vm
        .modules
        .get(entry.module as usize)
        .map_or_else(String::new, |m| m.filename.clone());
    Site {
        function: entry.code.qualname.clone(),
        file,
        line: entry.code.line_at(pc as usize),
        pc,
        op: op_text(vm, code, pc),
    }
}

/// The instruction at `(code, pc)` with its operand resolved:
/// `LoadAttr x`, `LoadConst 1.5`, `PopJumpIfFalse(30) to B4`, `Binary(Add)`.
pub fn op_text(vm: &Vm, code: u32, pc: u32) -> String {
    let Some(entry) = vm.codes.get(code as usize) else {
        return String::new();
    };
    let Some(&ins) = entry.code.code.get(pc as usize) else {
        return "<end of code>".into();
    };
    let globals: &[crate::intern::Sym] = vm
        .modules
        .get(entry.module as usize)
        .map_or(&[], |m| &m.names[..]);
    let dbg = format!("{ins:?}");
    match crate::bytecode::instr_note(&entry.code, ins, globals, &vm.names) {
        Some(n) if ins.jump_target().is_some() => format!("{dbg} {n}"),
        Some(n) => format!("{} {n}", dbg.split('(').next().unwrap_or(&dbg)),
        None => dbg,
    }
}

/// The basic block id (`B<n>` in `--dump-bytecode`) of `(code, pc)`.
pub fn block_id(vm: &Vm, code: u32, pc: u32) -> u32 {
    vm.codes
        .get(code as usize)
        .and_then(|e| e.code.blocks.block_of.get(pc as usize).copied())
        .unwrap_or(0)
}

/// One side-exit location and how often it was taken.
#[derive(Clone, Debug)]
pub struct ExitSite {
    pub site: Site,
    pub reason: &'static str,
    pub count: u64,
}

/// One op's type tests executed (all its versions together).
#[derive(Clone, Debug)]
pub struct TestSite {
    pub site: Site,
    pub count: u64,
}

/// One compiled version of a hot block.
#[derive(Clone, Debug)]
pub struct HotVersion {
    /// Index of the version (as in `--dump-disasm`).
    pub index: usize,
    pub context: String,
    pub hits: u64,
    pub tests_emitted: u64,
    pub tests_removed: u64,
    pub start: u64,
    pub inline_bytes: usize,
    pub outlined_bytes: usize,
}

/// A block (all versions of one `(code, pc)`) and its entries.
#[derive(Clone, Debug)]
pub struct HotBlock {
    pub site: Site,
    pub block: u32,
    pub hits: u64,
    pub versions: Vec<HotVersion>,
}

/// The numbers of the report, gathered once.
#[derive(Clone, Debug)]
pub struct Report {
    /// The program file (or `<string>`).
    pub program: String,
    pub blocks: usize,
    pub versions: usize,
    /// Versions per block → number of blocks.
    pub histogram: BTreeMap<usize, usize>,
    pub capped: usize,
    pub tests_emitted: u64,
    pub tests_removed: u64,
    pub tests_executed: u64,
    pub tests_removed_executed: u64,
    pub identity_guards: u64,
    pub shape_switches: u64,
    pub shape_assumptions_dropped: u64,
    /// Side exits by reason (every reason, zeros included).
    pub exits: Vec<(&'static str, u64)>,
    pub top_exits: Vec<ExitSite>,
    /// The ops that executed the most type tests.
    pub top_test_sites: Vec<TestSite>,
    pub hot_blocks: Vec<HotBlock>,
    pub stubs_hit: u64,
    pub stubs_pending: usize,
    pub patched: u64,
    pub fallthroughs: u64,
    pub inline_bytes: u64,
    pub outlined_bytes: u64,
    pub compile_ms: f64,
    pub run_ms: f64,
    pub jit_instrs: u64,
    pub interp_instrs: u64,
    /// Whether run-time counters were emitted (`--stats`).
    pub counted: bool,
    /// Used code memory: inline and outlined zones, `[start, end)`.
    pub inline_zone: (u64, u64),
    pub outlined_zone: (u64, u64),
}

/// `100 * part / whole`, 0 for an empty whole.
pub fn pct(part: f64, whole: f64) -> f64 {
    if whole > 0.0 {
        100.0 * part / whole
    } else {
        0.0
    }
}

impl Report {
    pub fn avg_versions(&self) -> f64 {
        if self.blocks > 0 {
            self.versions as f64 / self.blocks as f64
        } else {
            0.0
        }
    }

    pub fn exits_total(&self) -> u64 {
        self.exits.iter().map(|e| e.1).sum()
    }

    /// Share of type tests removed at compile time.
    pub fn removed_pct(&self) -> f64 {
        pct(
            self.tests_removed as f64,
            (self.tests_emitted + self.tests_removed) as f64,
        )
    }

    /// Share of dynamic type tests removed at run time.
    pub fn removed_executed_pct(&self) -> f64 {
        pct(
            self.tests_removed_executed as f64,
            (self.tests_executed + self.tests_removed_executed) as f64,
        )
    }

    pub fn ratio_in_jit(&self) -> f64 {
        pct(
            self.jit_instrs as f64,
            (self.jit_instrs + self.interp_instrs) as f64,
        )
    }

    pub fn compile_share(&self) -> f64 {
        pct(self.compile_ms, self.run_ms)
    }
}

/// Gathers the report from the JIT's tables and counters.
pub fn gather(jit: &Jit, vm: &Vm, run: Duration) -> Report {
    let core = &jit.core;
    let s = &jit.stats;
    let mut histogram = BTreeMap::new();
    for list in core.versions.values() {
        *histogram.entry(list.len()).or_insert(0) += 1;
    }
    let mut top: Vec<(&(u32, u32, ExitReason), u64)> = s
        .exit_counters
        .iter()
        .map(|(k, c)| (k, **c))
        .filter(|&(_, c)| c > 0)
        .collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let top_exits = top
        .into_iter()
        .take(TOP_N)
        .map(|(&(code, pc, r), count)| ExitSite {
            site: site(vm, code, pc),
            reason: r.name(),
            count,
        })
        .collect();
    let mut tests: Vec<((u32, u32), u64)> = s
        .test_sites
        .iter()
        .map(|(&k, c)| (k, **c))
        .filter(|&(_, c)| c > 0)
        .collect();
    tests.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let top_test_sites = tests
        .into_iter()
        .take(TOP_N)
        .map(|((code, pc), count)| TestSite {
            site: site(vm, code, pc),
            count,
        })
        .collect();
    let mut blocks: Vec<(&(u32, u32), &Vec<usize>, u64)> = core
        .versions
        .iter()
        .map(|(k, list)| (k, list, list.iter().map(|&v| s.hits(v)).sum()))
        .collect();
    blocks.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
    let hot_blocks = blocks
        .into_iter()
        .take(TOP_N)
        .map(|(&(code, pc), list, hits)| HotBlock {
            site: site(vm, code, pc),
            block: block_id(vm, code, pc),
            hits,
            versions: list
                .iter()
                .filter_map(|&v| {
                    let b = core.blocks.get(v)?;
                    let vs = s.versions.get(v);
                    Some(HotVersion {
                        index: v,
                        context: b.ctx.describe(),
                        hits: s.hits(v),
                        tests_emitted: vs.map_or(0, |x| x.tests_emitted),
                        tests_removed: vs.map_or(0, |x| x.tests_removed),
                        start: b.start,
                        inline_bytes: b.inline_len,
                        outlined_bytes: b.outlined_len,
                    })
                })
                .collect(),
        })
        .collect();
    let zone = |z: basil_asm::Zone| (jit.cm.zone_range(z).0, jit.cm.pos(z));
    Report {
        program: vm
            .modules
            .first()
            .map_or_else(String::new, |m| m.filename.clone()),
        blocks: core.versions.len(),
        versions: core.blocks.len(),
        histogram,
        capped: core.capped.len(),
        tests_emitted: s.type_tests_emitted,
        tests_removed: s.type_tests_removed,
        tests_executed: s.counters[Counter::type_tests_executed as usize],
        tests_removed_executed: s.counters[Counter::type_tests_removed_executed as usize],
        identity_guards: s.identity_guards,
        shape_switches: s.shape_switches,
        shape_assumptions_dropped: s.shape_assumptions_dropped,
        exits: s
            .exits_per_reason()
            .into_iter()
            .map(|(r, n)| (r.name(), n))
            .collect(),
        top_exits,
        top_test_sites,
        hot_blocks,
        stubs_hit: s.stubs_hit,
        stubs_pending: core.targets.iter().filter(|t| t.dest.is_none()).count(),
        patched: s.branches_patched,
        fallthroughs: s.fallthroughs,
        inline_bytes: s.code_inline_bytes,
        outlined_bytes: s.code_outlined_bytes,
        compile_ms: s.compile_ns as f64 / 1e6,
        run_ms: run.as_secs_f64() * 1e3,
        jit_instrs: s.counters[Counter::jit_instructions as usize],
        interp_instrs: vm.interp_instrs,
        counted: s.enabled,
        inline_zone: zone(basil_asm::Zone::Inline),
        outlined_zone: zone(basil_asm::Zone::Outlined),
    }
}

/// What the command line asked for at exit.
#[derive(Clone, Debug, Default)]
pub struct ExitRequest<'a> {
    /// `--stats` (`Some("")` or `Some("text")`) or `--stats=json`.
    pub stats: Option<&'a str>,
    pub stats_file: Option<&'a str>,
    pub stats_graph: Option<&'a str>,
    pub perf_map: bool,
}

/// Prints and writes what the flags ask for.
pub fn at_exit(vm: &Vm, req: &ExitRequest<'_>, run: Duration) {
    let Some(jit) = vm.jit.as_deref() else { return };
    if req.perf_map {
        write_perf_map(jit, vm);
    }
    if let Some(path) = req.stats_graph {
        let dot = super::graph::dot(jit, vm);
        if let Err(e) = std::fs::write(path, dot) {
            eprintln!("basil: cannot write {path}: {e}");
        }
    }
    if req.stats.is_none() && req.stats_file.is_none() {
        return;
    }
    let r = gather(jit, vm, run);
    match req.stats {
        Some("json") => eprintln!("{}", json::render(&r)),
        Some(_) => eprint!("{}", text::render(&r)),
        None => {}
    }
    if let Some(path) = req.stats_file {
        if let Err(e) = std::fs::write(path, json::render(&r) + "\n") {
            eprintln!("basil: cannot write {path}: {e}");
        }
    }
}
