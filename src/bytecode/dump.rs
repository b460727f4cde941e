//! `--dump-bytecode`: a readable listing of a module's code objects with the
//! basic blocks marked.

use super::{CodeObject, Const, Instr, Module};
use crate::intern::Interner;
use crate::intern::Sym;
use std::fmt::Write;

fn const_text(c: &Const) -> String {
    match c {
        Const::None => "None".into(),
        Const::Bool(b) => if *b { "True" } else { "False" }.into(),
        Const::Int(i) => i.to_string(),
        Const::BigInt(b) => b.to_string(),
        Const::Float(f) => format!("{f:?}"),
        Const::Str(s) => format!("{s:?}"),
        Const::Tuple(items) => {
            let inner: Vec<String> = items.iter().map(const_text).collect();
            format!("({})", inner.join(", "))
        }
    }
}

/// The readable operand of `ins` in `code`: the constant, variable, global
/// or attribute name it refers to, or the block a jump goes to.
pub fn instr_note(
    code: &CodeObject,
    ins: Instr,
    globals: &[Sym],
    names: &Interner,
) -> Option<String> {
    match ins {
        Instr::LoadConst(i) => code.consts.get(i as usize).map(const_text),
        Instr::LoadFast(s)
        | Instr::StoreFast(s)
        | Instr::DeleteFast(s)
        | Instr::LoadDeref(s)
        | Instr::StoreDeref(s)
        | Instr::DeleteDeref(s)
        | Instr::LoadClosure(s) => code.varnames.get(s as usize).cloned(),
        Instr::LoadGlobal(g)
        | Instr::StoreGlobal(g)
        | Instr::DeleteGlobal(g)
        | Instr::LoadName(g)
        | Instr::StoreName(g)
        | Instr::DeleteName(g) => globals.get(g as usize).map(|s| names.name(*s).to_string()),
        Instr::LoadAttr(s)
        | Instr::StoreAttr(s)
        | Instr::DeleteAttr(s)
        | Instr::LoadMethod(s)
        | Instr::ImportName(s)
        | Instr::ImportFrom(s) => Some(names.name(s).to_string()),
        Instr::BuildClass { name, .. } => Some(names.name(name).to_string()),
        ref i => i.jump_target().map(|t| {
            format!(
                "to B{}",
                code.blocks.block_of.get(t as usize).copied().unwrap_or(0)
            )
        }),
    }
}

/// Renders every code object of `module`, blocks marked `B<n>:`.
pub fn dump_module(module: &Module, names: &Interner) -> String {
    let mut out = String::new();
    for (ci, code) in module.codes.iter().enumerate() {
        let _ = writeln!(
            out,
            "code #{ci} {} ({}:{}) kind={:?} args={} locals={} max_stack={}",
            code.qualname,
            module.filename,
            code.first_line,
            code.kind,
            code.argcount,
            code.nlocals(),
            code.max_stack
        );
        if !code.varnames.is_empty() {
            let _ = writeln!(out, "  locals: {}", code.varnames.join(", "));
        }
        for (pc, ins) in code.code.iter().enumerate() {
            if code.blocks.is_leader(pc as u32) {
                let b = code.blocks.block_of[pc];
                let _ = writeln!(out, "  B{b}:");
            }
            let note = instr_note(code, *ins, &module.globals, names);
            let line = code.lines.get(pc).copied().unwrap_or(0);
            match note {
                Some(n) => {
                    let _ = writeln!(out, "    {pc:4}  L{line:<4} {ins:?}  ({n})");
                }
                None => {
                    let _ = writeln!(out, "    {pc:4}  L{line:<4} {ins:?}");
                }
            }
        }
        for h in &code.handlers {
            let _ = writeln!(
                out,
                "  handler [{}, {}) -> {} depth {}",
                h.start, h.end, h.target, h.depth
            );
        }
        out.push('\n');
    }
    out
}
