//! The `--stats` text report: totals, type tests (and the ops that run the
//! most), side exits (by reason and
//! the top locations), and the hottest blocks with their versions' contexts.

use super::{pct, Report};
use std::fmt::Write;

/// Renders the report for a person at a terminal.
pub fn render(r: &Report) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "***basil --lbbv statistics*** {}", r.program);
    totals(&mut o, r);
    tests(&mut o, r);
    exits(&mut o, r);
    hot(&mut o, r);
    o
}

fn totals(o: &mut String, r: &Report) {
    let hist: Vec<String> = r
        .histogram
        .iter()
        .map(|(k, v)| format!("{k}v:{v}"))
        .collect();
    let _ = writeln!(o, "totals");
    let _ = writeln!(o, "  blocks compiled:          {:>12}", r.blocks);
    let _ = writeln!(
        o,
        "  versions compiled:        {:>12}   {:.2} per block  [{}]",
        r.versions,
        r.avg_versions(),
        hist.join(" ")
    );
    let _ = writeln!(o, "  blocks at the version cap:{:>12}", r.capped);
    let _ = writeln!(
        o,
        "  stubs hit:                {:>12}   still pending: {}",
        r.stubs_hit, r.stubs_pending
    );
    let _ = writeln!(
        o,
        "  branches patched:         {:>12}   fall-throughs: {}",
        r.patched, r.fallthroughs
    );
    let _ = writeln!(
        o,
        "  code bytes:               {:>12}   inline {} / outlined {}",
        r.inline_bytes + r.outlined_bytes,
        r.inline_bytes,
        r.outlined_bytes
    );
    let _ = writeln!(
        o,
        "  compile time:             {:>10.2}ms   {:.2}% of {:.1}ms run time",
        r.compile_ms,
        r.compile_share(),
        r.run_ms
    );
    let _ = writeln!(
        o,
        "  ratio in JIT:             {:>11.2}%   {} of {} bytecode instructions",
        r.ratio_in_jit(),
        r.jit_instrs,
        r.jit_instrs + r.interp_instrs
    );
}

fn tests(o: &mut String, r: &Report) {
    let _ = writeln!(o, "type tests");
    let _ = writeln!(
        o,
        "  compile time: emitted {:>12}   removed by context {:>12}  ({:.1}% removed)",
        r.tests_emitted,
        r.tests_removed,
        r.removed_pct()
    );
    let _ = writeln!(
        o,
        "  run time:     executed{:>12}   removed by context {:>12}  ({:.1}% removed)",
        r.tests_executed,
        r.tests_removed_executed,
        r.removed_executed_pct()
    );
    let _ = writeln!(o, "  identity guards emitted:  {:>12}", r.identity_guards);
    let _ = writeln!(o, "  shape switches emitted:   {:>12}", r.shape_switches);
    let _ = writeln!(
        o,
        "  shape assumptions dropped:{:>12}",
        r.shape_assumptions_dropped
    );
    if r.top_test_sites.is_empty() {
        return;
    }
    let _ = writeln!(o, "top type-test sites (tests executed)");
    for t in &r.top_test_sites {
        site_line(o, t.count, "", &t.site);
    }
}

/// `count  [what ]file:line  function  @pc op`.
fn site_line(o: &mut String, count: u64, what: &str, s: &super::Site) {
    let _ = writeln!(
        o,
        "  {count:>12}  {what}{}:{}  {}  @{} {}",
        short(&s.file),
        s.line,
        s.function,
        s.pc,
        s.op
    );
}

fn exits(o: &mut String, r: &Report) {
    let total = r.exits_total();
    let _ = writeln!(o, "side exits                 {total:>12}");
    for (name, n) in &r.exits {
        if *n > 0 {
            let _ = writeln!(
                o,
                "  {name:<24}{n:>12}  {:>5.1}%",
                pct(*n as f64, total as f64)
            );
        }
    }
    if r.top_exits.is_empty() {
        return;
    }
    let _ = writeln!(o, "top exit locations");
    for e in &r.top_exits {
        site_line(o, e.count, &format!("{:<14} ", e.reason), &e.site);
    }
}

fn hot(o: &mut String, r: &Report) {
    if !r.counted || r.hot_blocks.is_empty() {
        return;
    }
    let _ = writeln!(o, "hottest blocks (entries; versions with their contexts)");
    for (i, b) in r.hot_blocks.iter().enumerate() {
        let s = &b.site;
        let _ = writeln!(
            o,
            "  {:>2}. {:>12}  {} {}:{} B{}@{}  {}  ({} version{})",
            i + 1,
            b.hits,
            s.function,
            short(&s.file),
            s.line,
            b.block,
            s.pc,
            s.op,
            b.versions.len(),
            if b.versions.len() == 1 { "" } else { "s" }
        );
        for v in &b.versions {
            let _ = writeln!(
                o,
                "      {:>12}  v{:<5} {}  tests: {} emitted, {} removed",
                v.hits, v.index, v.context, v.tests_emitted, v.tests_removed
            );
        }
    }
}

/// A file name without its directories (the report is read at a glance).
fn short(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}
