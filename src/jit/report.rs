//! What `--stats`, `--stats=json`, `--stats-file` and `--dump-disasm` print
//! at exit.

use super::stats::Counter;
use super::Jit;
use crate::runtime::vm::Vm;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::time::Duration;

/// The numbers of the report, gathered once.
struct Summary {
    blocks: usize,
    versions: usize,
    histogram: BTreeMap<usize, usize>,
    capped: usize,
    tests_emitted: u64,
    tests_removed: u64,
    tests_executed: u64,
    identity_guards: u64,
    exits: Vec<(&'static str, u64)>,
    stubs_hit: u64,
    patched: u64,
    fallthroughs: u64,
    inline_bytes: u64,
    outlined_bytes: u64,
    compile_ms: f64,
    run_ms: f64,
    jit_instrs: u64,
    interp_instrs: u64,
}

fn summarise(jit: &Jit, vm: &Vm, run: Duration) -> Summary {
    let mut histogram = BTreeMap::new();
    for list in jit.core.versions.values() {
        *histogram.entry(list.len()).or_insert(0) += 1;
    }
    let s = &jit.stats;
    Summary {
        blocks: jit.core.versions.len(),
        versions: jit.core.blocks.len(),
        histogram,
        capped: jit.core.capped.len(),
        tests_emitted: s.type_tests_emitted,
        tests_removed: s.type_tests_removed,
        tests_executed: s.counters[Counter::type_tests_executed as usize],
        identity_guards: s.identity_guards,
        exits: s
            .exits_per_reason()
            .into_iter()
            .map(|(r, n)| (r.name(), n))
            .collect(),
        stubs_hit: s.stubs_hit,
        patched: s.branches_patched,
        fallthroughs: s.fallthroughs,
        inline_bytes: s.code_inline_bytes,
        outlined_bytes: s.code_outlined_bytes,
        compile_ms: s.compile_ns as f64 / 1e6,
        run_ms: run.as_secs_f64() * 1e3,
        jit_instrs: s.counters[Counter::jit_instructions as usize],
        interp_instrs: vm.interp_instrs,
    }
}

fn pct(part: f64, whole: f64) -> f64 {
    if whole > 0.0 {
        100.0 * part / whole
    } else {
        0.0
    }
}

fn text(s: &Summary) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "***basil --lbbv statistics***");
    let _ = writeln!(o, "blocks compiled:          {:>12}", s.blocks);
    let _ = writeln!(o, "versions compiled:        {:>12}", s.versions);
    let avg = if s.blocks > 0 {
        s.versions as f64 / s.blocks as f64
    } else {
        0.0
    };
    let _ = writeln!(o, "versions per block (avg): {avg:>12.2}");
    let hist: Vec<String> = s
        .histogram
        .iter()
        .map(|(k, v)| format!("{k}:{v}"))
        .collect();
    let _ = writeln!(o, "versions per block:       {:>12}", hist.join(" "));
    let _ = writeln!(o, "blocks at the version cap:{:>12}", s.capped);
    let total_tests = s.tests_emitted + s.tests_removed;
    let _ = writeln!(
        o,
        "type tests emitted:       {:>12}   removed by context: {} ({:.1}%)",
        s.tests_emitted,
        s.tests_removed,
        pct(s.tests_removed as f64, total_tests as f64)
    );
    let _ = writeln!(o, "type tests executed:      {:>12}", s.tests_executed);
    let _ = writeln!(o, "identity guards emitted:  {:>12}", s.identity_guards);
    let total_exits: u64 = s.exits.iter().map(|e| e.1).sum();
    let _ = writeln!(o, "side exits:               {total_exits:>12}");
    for (name, n) in &s.exits {
        if *n > 0 {
            let _ = writeln!(o, "    {name:<22}{n:>12}");
        }
    }
    let _ = writeln!(o, "stubs hit:                {:>12}", s.stubs_hit);
    let _ = writeln!(
        o,
        "branches patched:         {:>12}   fall-throughs: {}",
        s.patched, s.fallthroughs
    );
    let _ = writeln!(
        o,
        "code bytes:               {:>12}   inline {} / outlined {}",
        s.inline_bytes + s.outlined_bytes,
        s.inline_bytes,
        s.outlined_bytes
    );
    let _ = writeln!(
        o,
        "compile time:             {:>10.2}ms   ({:.2}% of {:.1}ms run time)",
        s.compile_ms,
        pct(s.compile_ms, s.run_ms),
        s.run_ms
    );
    let all = s.jit_instrs + s.interp_instrs;
    let _ = writeln!(
        o,
        "ratio in JIT:             {:>11.1}%   ({} of {} bytecode instructions)",
        pct(s.jit_instrs as f64, all as f64),
        s.jit_instrs,
        all
    );
    o
}

fn json(s: &Summary) -> String {
    let hist: Vec<String> = s
        .histogram
        .iter()
        .map(|(k, v)| format!("\"{k}\": {v}"))
        .collect();
    let exits: Vec<String> = s
        .exits
        .iter()
        .map(|(k, v)| format!("\"{k}\": {v}"))
        .collect();
    let avg = if s.blocks > 0 {
        s.versions as f64 / s.blocks as f64
    } else {
        0.0
    };
    format!(
        concat!(
            "{{\"blocks\": {}, \"versions\": {}, \"versions_per_block_avg\": {:.4}, ",
            "\"versions_per_block\": {{{}}}, \"blocks_at_cap\": {}, ",
            "\"type_tests_emitted\": {}, \"type_tests_removed\": {}, \"type_tests_executed\": {}, \"identity_guards\": {}, ",
            "\"side_exits\": {{{}}}, \"stubs_hit\": {}, \"branches_patched\": {}, \"fallthroughs\": {}, ",
            "\"code_bytes_inline\": {}, \"code_bytes_outlined\": {}, \"compile_ms\": {:.3}, \"run_ms\": {:.3}, ",
            "\"jit_instructions\": {}, \"interp_instructions\": {}}}"
        ),
        s.blocks,
        s.versions,
        avg,
        hist.join(", "),
        s.capped,
        s.tests_emitted,
        s.tests_removed,
        s.tests_executed,
        s.identity_guards,
        exits.join(", "),
        s.stubs_hit,
        s.patched,
        s.fallthroughs,
        s.inline_bytes,
        s.outlined_bytes,
        s.compile_ms,
        s.run_ms,
        s.jit_instrs,
        s.interp_instrs
    )
}

/// The disassembly of version `i`, headed by its block and context, with
/// each bytecode instruction's first machine instruction marked.
pub fn disasm_version(jit: &Jit, vm: &Vm, i: usize) -> String {
    let mut o = String::new();
    let v = &jit.core.blocks[i];
    let entry = &vm.codes[v.code as usize];
    let line = entry.code.line_at(v.pc as usize);
    let file = &vm.modules[entry.module as usize].filename;
    let _ = writeln!(
        o,
        "== version {i}: {} {file}:{line} block@{} {}",
        entry.code.qualname,
        v.pc,
        v.ctx.describe()
    );
    let Some(lines) = basil_asm::disasm::disasm_range(&jit.cm, jit.arch, v.start, v.inline_len)
    else {
        return o;
    };
    for l in &lines {
        for (pc, addr) in &v.ops {
            if *addr == l.addr {
                let ins = entry.code.code.get(*pc as usize);
                let _ = writeln!(o, "  ; {pc}: {ins:?}");
            }
        }
        o.push_str(&basil_asm::disasm::format_lines(std::slice::from_ref(l)));
    }
    o
}

/// Appends version `i` to `/tmp/perf-PID.map` (`START SIZE NAME`, hex),
/// naming it `basil:func@file:line#pc[context]`.
pub fn perf_map_line(jit: &Jit, vm: &Vm, i: usize) {
    use std::io::Write as _;
    let v = &jit.core.blocks[i];
    let entry = &vm.codes[v.code as usize];
    let file = &vm.modules[entry.module as usize].filename;
    let line = format!(
        "{:x} {:x} basil:{}@{}:{}#{}{}\n",
        v.start,
        v.inline_len.max(1),
        entry.code.qualname,
        file,
        entry.code.line_at(v.pc as usize),
        v.pc,
        v.ctx.describe()
    );
    let path = format!("/tmp/perf-{}.map", std::process::id());
    let opened = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path);
    if let Ok(mut f) = opened {
        let _ = f.write_all(line.as_bytes());
    }
}

/// Prints what the flags ask for.
pub fn at_exit(vm: &Vm, stats: Option<&str>, stats_file: Option<&str>, dump: bool, run: Duration) {
    let Some(jit) = vm.jit.as_deref() else { return };
    let _ = dump;
    if stats.is_none() && stats_file.is_none() {
        return;
    }
    let s = summarise(jit, vm, run);
    match stats {
        Some("json") => eprintln!("{}", json(&s)),
        Some(_) => eprint!("{}", text(&s)),
        None => {}
    }
    if let Some(path) = stats_file {
        if let Err(e) = std::fs::write(path, json(&s) + "\n") {
            eprintln!("basil: cannot write {path}: {e}");
        }
    }
}
