//! Live locals: for every pc, which local slots may be read before they are
//! next written. The JIT forgets the types of dead locals in a block's
//! context, so that versions differ only in what the code ahead can use (a
//! loop variable's type at the loop header, say, would otherwise split the
//! header into needless versions). Dropping a type is always sound, so this
//! only needs to be precise where it pays; locals past the 64th, cells and
//! anything reachable by an exception handler are kept live.

use super::{CodeObject, Instr};

/// Slots beyond the bitset: always live.
const TRACKED: u32 = 64;

/// The locals read (`use`) and written (`def`) by one instruction.
fn use_def(ins: &Instr) -> (u64, u64) {
    let bit = |s: u32| if s < TRACKED { 1u64 << s } else { 0 };
    match *ins {
        Instr::LoadFast(s) | Instr::DeleteFast(s) => (bit(s), 0),
        Instr::StoreFast(s) => (0, bit(s)),
        // The slot holds a cell: reading or writing through it reads it.
        Instr::LoadDeref(s)
        | Instr::StoreDeref(s)
        | Instr::DeleteDeref(s)
        | Instr::LoadClosure(s) => (bit(s), 0),
        _ => (0, 0),
    }
}

/// The live-in set of every pc (bit `i`: local `i` may be read before it is
/// written). Cell and free-variable slots are always live.
pub fn live_locals(code: &CodeObject) -> Vec<u64> {
    let n = code.code.len();
    let always: u64 = code
        .cell_slots
        .iter()
        .chain(&code.free_slots)
        .filter(|&&s| s < TRACKED)
        .fold(0, |m, &s| m | 1 << s);
    let mut live = vec![0u64; n + 1];
    let ud: Vec<(u64, u64)> = code.code.iter().map(use_def).collect();
    // Backward passes until nothing changes (loops need a few).
    loop {
        let mut changed = false;
        for pc in (0..n).rev() {
            let ins = &code.code[pc];
            let mut out = 0u64;
            if !ins.is_terminator() {
                out |= live[pc + 1];
            }
            if let Some(t) = ins.jump_target() {
                out |= live[t as usize];
            }
            let (u, d) = ud[pc];
            let mut inn = u | (out & !d) | always;
            // An exception raised here (even before the write) reaches the
            // handler with the locals as they are.
            if let Some(h) = code.handler_for(pc as u32) {
                inn |= live[h.target as usize];
            }
            if inn != live[pc] {
                live[pc] = inn;
                changed = true;
            }
        }
        if !changed {
            return live;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intern::Interner;

    fn code_of(src: &str, func: &str) -> CodeObject {
        let mut names = Interner::default();
        let m = crate::compiler::compile_module(src, "t.py", "__main__", &mut names).unwrap();
        m.codes.into_iter().find(|c| c.qualname == func).unwrap()
    }

    #[test]
    fn loop_variable_is_dead_at_the_loop_header() {
        let c = code_of(
            "def f(xs):\n    s = 0\n    for x in xs:\n        s = s + x\n    return s\n",
            "f",
        );
        let live = live_locals(&c);
        let header = c
            .code
            .iter()
            .position(|i| matches!(i, Instr::ForIter(_)))
            .unwrap();
        let (xs, s, x) = (0, 1, 2);
        assert_eq!(live[header] & (1 << x), 0, "x is written by the loop");
        assert_ne!(live[header] & (1 << s), 0, "s is read in the loop");
        assert_eq!(live[header] & (1 << xs), 0, "xs is not read again");
        assert_ne!(live[0] & (1 << xs), 0, "the parameter is read");
    }

    #[test]
    fn handlers_keep_their_locals_live() {
        let c = code_of(
            "def f(a):\n    y = 1\n    try:\n        y = a / 0\n    except ZeroDivisionError:\n        return y\n    return 0\n",
            "f",
        );
        let live = live_locals(&c);
        let store_y = c
            .code
            .iter()
            .rposition(|i| matches!(i, Instr::StoreFast(1)))
            .unwrap();
        assert_ne!(live[store_y] & (1 << 1), 0, "the handler reads y");
    }
}
