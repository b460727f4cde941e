//! `--stats-graph=PATH`: the graph of compiled block versions in Graphviz
//! DOT. One cluster per function; a node per version (block id, `file:line`,
//! context, entries); solid edges for branches linked to a version, dashed
//! edges to stubs never hit (still pending), bold blue edges for direct calls,
//! red dotted edges to the side exits a version can take (with the times
//! taken), and entry-guard nodes where the interpreter enters a version.

use super::report::{block_id, op_text, site};
use super::Jit;
use crate::runtime::vm::Vm;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

/// Escapes a string for a double-quoted DOT label (`\n` breaks stay).
fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            c if c.is_control() => {}
            c => o.push(c),
        }
    }
    o
}

/// The DOT text of the whole version graph.
pub fn dot(jit: &Jit, vm: &Vm) -> String {
    let core = &jit.core;
    let stats = &jit.stats;
    let mut o = String::new();
    let _ = writeln!(o, "digraph basil_versions {{");
    let _ = writeln!(o, "  graph [rankdir=TB, fontname=\"monospace\"];");
    let _ = writeln!(
        o,
        "  node [shape=box, fontname=\"monospace\", fontsize=10];"
    );
    let _ = writeln!(o, "  edge [fontname=\"monospace\", fontsize=9];");
    // Versions, clustered by function.
    let mut by_code: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, v) in core.blocks.iter().enumerate() {
        by_code.entry(v.code).or_default().push(i);
    }
    for (code, list) in &by_code {
        let s = site(vm, *code, 0);
        let first_line = vm
            .codes
            .get(*code as usize)
            .map_or(0, |e| e.code.first_line);
        let _ = writeln!(o, "  subgraph cluster_{code} {{");
        let _ = writeln!(
            o,
            "    label=\"{}  {}:{}\";",
            esc(&s.function),
            esc(&s.file),
            first_line
        );
        for &i in list {
            let v = &core.blocks[i];
            let line = vm
                .codes
                .get(v.code as usize)
                .map_or(0, |e| e.code.line_at(v.pc as usize));
            let label = format!(
                "v{i}  B{}@{}  line {line}\n{}\n{}\nhits {}",
                block_id(vm, v.code, v.pc),
                v.pc,
                op_text(vm, v.code, v.pc),
                v.ctx.describe(),
                stats.hits(i)
            );
            let _ = writeln!(o, "    v{i} [label=\"{}\"];", esc(&label));
        }
        let _ = writeln!(o, "  }}");
    }
    // Branches and calls.
    for (i, vs) in stats.versions.iter().enumerate() {
        for t in vs.targets.clone() {
            let Some(tg) = core.targets.get(t) else {
                continue;
            };
            let call = tg.slot.is_some();
            let style = if call {
                "style=bold, color=blue, label=\"call\""
            } else {
                ""
            };
            match tg.dest {
                Some(d) => {
                    let _ = writeln!(o, "  v{i} -> v{d} [{style}];");
                }
                None => {
                    let label = format!(
                        "stub (pending)\n{}#{}\n{}",
                        site(vm, tg.code, tg.pc).function,
                        tg.pc,
                        tg.ctx.describe()
                    );
                    let _ = writeln!(
                        o,
                        "  s{t} [label=\"{}\", style=dashed, color=gray40];",
                        esc(&label)
                    );
                    let _ = writeln!(o, "  v{i} -> s{t} [style=dashed, color=gray40];");
                }
            }
        }
    }
    // Side exits, shared per (code, pc, reason).
    let mut exit_nodes: HashMap<(u32, u32, &'static str), usize> = HashMap::new();
    for (i, vs) in stats.versions.iter().enumerate() {
        let Some(v) = core.blocks.get(i) else {
            continue;
        };
        for &(pc, reason) in &vs.exits {
            let key = (v.code, pc, reason.name());
            let n = exit_nodes.len();
            let id = *exit_nodes.entry(key).or_insert_with(|| {
                let taken = stats
                    .exit_counters
                    .get(&(v.code, pc, reason))
                    .map_or(0, |c| **c);
                let s = site(vm, v.code, pc);
                let label = format!(
                    "exit: {}\n{}:{} @{} {}\ntaken {taken}",
                    reason.name(),
                    s.file.rsplit('/').next().unwrap_or(&s.file),
                    s.line,
                    pc,
                    s.op
                );
                let _ = writeln!(
                    o,
                    "  x{n} [label=\"{}\", shape=octagon, color=red, fontcolor=red];",
                    esc(&label)
                );
                n
            });
            let _ = writeln!(o, "  v{i} -> x{id} [style=dotted, color=red];");
        }
    }
    // Entries from the interpreter through entry guards.
    let by_start: HashMap<u64, usize> = core
        .blocks
        .iter()
        .enumerate()
        .map(|(i, v)| (v.start, i))
        .collect();
    for (k, g) in stats.entry_guards.iter().enumerate() {
        if let Some(&v) = by_start.get(&g.target) {
            let _ = writeln!(
                o,
                "  g{k} [label=\"interpreter entry\\nguards\", shape=invhouse, color=darkgreen];"
            );
            let _ = writeln!(o, "  g{k} -> v{v} [color=darkgreen];");
        }
    }
    let _ = writeln!(o, "}}");
    o
}
