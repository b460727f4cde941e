//! `--stats=json` and `--stats-file`: the report as one JSON object. The
//! schema is `docs/stats.schema.json`, documented in `docs/STATS.md`; bump
//! [`SCHEMA`] when a field changes meaning or disappears.

use super::{HotBlock, Report, Site};
use serde_json::{json, Map, Value};

/// The schema identifier every object carries.
pub const SCHEMA: &str = "basil-stats/1";

fn hex(a: u64) -> String {
    format!("{a:#x}")
}

/// Rounds to 3 decimals (stable, readable numbers).
fn r3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// A site's fields, then `extra` ones.
fn site_with(s: &Site, extra: Vec<(&str, Value)>) -> Value {
    let mut m = Map::new();
    m.insert("function".into(), json!(s.function));
    m.insert("file".into(), json!(s.file));
    m.insert("line".into(), json!(s.line));
    m.insert("pc".into(), json!(s.pc));
    m.insert("op".into(), json!(s.op));
    for (k, v) in extra {
        m.insert(k.into(), v);
    }
    Value::Object(m)
}

fn block(b: &HotBlock) -> Value {
    let versions: Vec<Value> = b
        .versions
        .iter()
        .map(|v| {
            json!({
                "version": v.index,
                "context": v.context,
                "hits": v.hits,
                "type_tests_emitted": v.tests_emitted,
                "type_tests_removed": v.tests_removed,
                "start": hex(v.start),
                "inline_bytes": v.inline_bytes,
                "outlined_bytes": v.outlined_bytes,
            })
        })
        .collect();
    site_with(
        &b.site,
        vec![
            ("block", json!(b.block)),
            ("hits", json!(b.hits)),
            ("versions", Value::Array(versions)),
        ],
    )
}

/// The report as one line of JSON.
pub fn render(r: &Report) -> String {
    let hist: Map<String, Value> = r
        .histogram
        .iter()
        .map(|(k, v)| (k.to_string(), json!(v)))
        .collect();
    let exits: Map<String, Value> = r
        .exits
        .iter()
        .map(|(k, v)| ((*k).to_string(), json!(v)))
        .collect();
    let top: Vec<Value> = r
        .top_exits
        .iter()
        .map(|e| {
            site_with(
                &e.site,
                vec![("reason", json!(e.reason)), ("count", json!(e.count))],
            )
        })
        .collect();
    let test_sites: Vec<Value> = r
        .top_test_sites
        .iter()
        .map(|t| site_with(&t.site, vec![("count", json!(t.count))]))
        .collect();
    let hot: Vec<Value> = r.hot_blocks.iter().map(block).collect();
    let v = json!({
        "schema": SCHEMA,
        "program": r.program,
        "counted": r.counted,
        "blocks": r.blocks,
        "versions": r.versions,
        "versions_per_block_avg": r3(r.avg_versions()),
        "versions_per_block": hist,
        "blocks_at_cap": r.capped,
        "type_tests_emitted": r.tests_emitted,
        "type_tests_removed": r.tests_removed,
        "type_tests_removed_pct": r3(r.removed_pct()),
        "type_tests_executed": r.tests_executed,
        "type_tests_removed_executed": r.tests_removed_executed,
        "type_tests_removed_executed_pct": r3(r.removed_executed_pct()),
        "identity_guards": r.identity_guards,
        "shape_assumptions_dropped": r.shape_assumptions_dropped,
        "shape_switches": r.shape_switches,
        "top_type_test_sites": test_sites,
        "side_exits": exits,
        "side_exits_total": r.exits_total(),
        "top_exits": top,
        "hot_blocks": hot,
        "stubs_hit": r.stubs_hit,
        "stubs_pending": r.stubs_pending,
        "branches_patched": r.patched,
        "fallthroughs": r.fallthroughs,
        "code_bytes_inline": r.inline_bytes,
        "code_bytes_outlined": r.outlined_bytes,
        "code_zones": {
            "inline": [hex(r.inline_zone.0), hex(r.inline_zone.1)],
            "outlined": [hex(r.outlined_zone.0), hex(r.outlined_zone.1)],
        },
        "compile_ms": r3(r.compile_ms),
        "run_ms": r3(r.run_ms),
        "compile_pct": r3(r.compile_share()),
        "jit_instructions": r.jit_instrs,
        "interp_instructions": r.interp_instrs,
        "ratio_in_jit_pct": r3(r.ratio_in_jit()),
    });
    v.to_string()
}
