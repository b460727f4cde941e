//! Machine code for people and profilers: `--dump-disasm` (each version's
//! inline and outlined code, annotated with the bytecode op that produced
//! each run of instructions) and `--perf-map` (`/tmp/perf-PID.map`).

use super::{op_text, site};
use crate::jit::Jit;
use crate::runtime::vm::Vm;
use basil_asm::Zone;
use std::fmt::Write;

/// `func@file:line#pc[context]`: how perf and the graph name a version.
fn version_name(jit: &Jit, vm: &Vm, i: usize) -> String {
    let Some(v) = jit.core.blocks.get(i) else {
        return format!("version{i}");
    };
    let s = site(vm, v.code, v.pc);
    format!(
        "{}@{}:{}#{}{}",
        s.function,
        s.file,
        s.line,
        v.pc,
        v.ctx.describe()
    )
}

/// The disassembly of version `i`: a header (function, `file:line`, block,
/// context), its inline code with `; pc Op operand  (line N)` before each
/// op's first instruction, then its outlined code and the shared side exits
/// it jumps to.
pub fn disasm_version(jit: &Jit, vm: &Vm, i: usize) -> String {
    let mut o = String::new();
    let Some(v) = jit.core.blocks.get(i) else {
        return o;
    };
    let s = site(vm, v.code, v.pc);
    let _ = writeln!(
        o,
        "== version {i}: {} {}:{} block B{}@{} {}  ({} bytes inline, {} outlined)",
        s.function,
        s.file,
        s.line,
        super::block_id(vm, v.code, v.pc),
        v.pc,
        v.ctx.describe(),
        v.inline_len,
        v.outlined_len
    );
    let Some(lines) = basil_asm::disasm::disasm_range(&jit.cm, jit.arch, v.start, v.inline_len)
    else {
        return o;
    };
    let code = vm.codes.get(v.code as usize);
    let first_op = v.ops.first().map_or(u64::MAX, |&(_, a)| a);
    if lines.first().is_some_and(|l| l.addr < first_op) && jit.stats.enabled {
        let _ = writeln!(o, "  ; version entry counter (--stats)");
    }
    for l in &lines {
        for &(pc, addr) in &v.ops {
            if addr == l.addr {
                let line = code.map_or(0, |c| c.code.line_at(pc as usize));
                let _ = writeln!(o, "  ; {pc} {}  (line {line})", op_text(vm, v.code, pc));
            }
        }
        o.push_str(&basil_asm::disasm::format_lines(std::slice::from_ref(l)));
    }
    let out_start = jit.stats.versions.get(i).map_or(0, |x| x.outlined_start);
    if v.outlined_len > 0 && out_start != 0 {
        let _ = writeln!(
            o,
            "  ; outlined: side-exit bodies of this version ({} bytes)",
            v.outlined_len
        );
        if let Some(ol) =
            basil_asm::disasm::disasm_range(&jit.cm, jit.arch, out_start, v.outlined_len)
        {
            o.push_str(&basil_asm::disasm::format_lines(&ol));
        }
    }
    if let Some(vs) = jit.stats.versions.get(i) {
        for &(pc, reason) in &vs.exits {
            if let Some(a) = jit.core.exits.get(&(v.code, pc, reason)) {
                let _ = writeln!(
                    o,
                    "  ; shared exit {a:#x}: {} at {pc} {}",
                    reason.name(),
                    op_text(vm, v.code, pc)
                );
            }
        }
    }
    o
}

fn append_perf(line: &str) {
    use std::io::Write as _;
    let path = format!("/tmp/perf-{}.map", std::process::id());
    let opened = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path);
    if let Ok(mut f) = opened {
        let _ = f.write_all(line.as_bytes());
    }
}

/// Appends version `i`, just compiled, to `/tmp/perf-PID.map` (`START SIZE
/// NAME`, hex). The map is rewritten at exit with final sizes
/// ([`write_perf_map`]); this line serves a process that never gets there.
pub fn perf_map_line(jit: &Jit, vm: &Vm, i: usize) {
    let Some(v) = jit.core.blocks.get(i) else {
        return;
    };
    if v.inline_len > 0 {
        append_perf(&format!(
            "{:x} {:x} basil:{}\n",
            v.start,
            v.inline_len,
            version_name(jit, vm, i)
        ));
    }
}

/// Every piece of generated code with its name, sorted by address:
/// `(start, len, name)`. Inline pieces have exact sizes (versions as they
/// are now, after fall-throughs shrank them; entry guards; the trampoline);
/// shared outlined pieces (stubs, exits) extend to the next piece.
pub fn code_map(jit: &Jit, vm: &Vm) -> Vec<(u64, u64, String)> {
    let mut exact: Vec<(u64, u64, String)> = Vec::new();
    let (ts, tl) = jit.stats.trampoline;
    exact.push((ts, tl as u64, "basil:entry_trampoline".into()));
    let mut by_start = std::collections::HashMap::new();
    for (i, v) in jit.core.blocks.iter().enumerate() {
        let name = version_name(jit, vm, i);
        by_start.insert(v.start, i);
        exact.push((v.start, v.inline_len as u64, format!("basil:{name}")));
        let out = jit.stats.versions.get(i).map_or(0, |x| x.outlined_start);
        if out != 0 {
            exact.push((out, v.outlined_len as u64, format!("basil:{name} outlined")));
        }
    }
    for g in &jit.stats.entry_guards {
        let name = by_start
            .get(&g.target)
            .map_or_else(|| "?".into(), |&i| version_name(jit, vm, i));
        exact.push((g.start, g.len as u64, format!("basil:{name} entry guards")));
    }
    // Outlined pieces whose size nobody recorded.
    let mut open: Vec<(u64, String)> = vec![(jit.generic_exit, "basil:generic_exit".into())];
    for (&(code, pc, reason), &a) in &jit.core.exits {
        let s = site(vm, code, pc);
        open.push((
            a,
            format!(
                "basil:exit {}@{}:{}#{} {}",
                s.function,
                s.file,
                s.line,
                pc,
                reason.name()
            ),
        ));
    }
    for t in &jit.core.targets {
        let s = site(vm, t.code, t.pc);
        open.push((
            t.stub,
            format!(
                "basil:stub {}@{}:{}#{}{}",
                s.function,
                s.file,
                s.line,
                t.pc,
                t.ctx.describe()
            ),
        ));
    }
    let outlined_end = jit.cm.pos(Zone::Outlined);
    let mut starts: Vec<u64> = exact
        .iter()
        .filter(|e| e.1 > 0)
        .map(|e| e.0)
        .chain(open.iter().map(|e| e.0))
        .collect();
    starts.push(outlined_end);
    starts.sort_unstable();
    starts.dedup();
    for (a, name) in open {
        let next = starts
            .iter()
            .copied()
            .find(|&s| s > a)
            .unwrap_or(outlined_end);
        exact.push((a, next.saturating_sub(a), name));
    }
    exact.retain(|e| e.1 > 0 && e.0 != 0);
    exact.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.cmp(&b.2)));
    exact.dedup_by_key(|e| e.0);
    exact
}

/// Rewrites `/tmp/perf-PID.map` with every piece of generated code, final
/// sizes, sorted (written to a temporary file, then renamed over the map).
pub fn write_perf_map(jit: &Jit, vm: &Vm) {
    let mut text = String::new();
    for (start, len, name) in code_map(jit, vm) {
        let _ = writeln!(text, "{start:x} {len:x} {name}");
    }
    let path = format!("/tmp/perf-{}.map", std::process::id());
    let tmp = format!("{path}.tmp");
    if std::fs::write(&tmp, text).is_err() || std::fs::rename(&tmp, &path).is_err() {
        eprintln!("basil: cannot write {path}");
        let _ = std::fs::remove_file(&tmp);
    }
}
