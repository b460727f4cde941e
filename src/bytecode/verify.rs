//! Static stack-depth analysis of a code object: the depth of the temps stack
//! is the same every time execution reaches a given pc, so it can be computed
//! once by a dataflow pass over the code and the exception table. The compiler
//! uses it to set `max_stack`; the JIT uses it to address temps statically.

use super::{CodeObject, Const, Instr};

/// Depth reported for a pc that no path from pc 0 reaches (dead code).
pub const UNREACHABLE: u32 = u32::MAX;

/// `(pops, pushes)` of `ins`, on the branch-taken path when `jump` is true.
/// `None` when an operand (a keyword-names constant) is malformed.
pub fn stack_effect(code: &CodeObject, ins: &Instr, jump: bool) -> Option<(u32, u32)> {
    stack_effect_in(&code.consts, ins, jump)
}

/// As `stack_effect`, given only the constants (for a code object under
/// construction).
pub fn stack_effect_in(consts: &[Const], ins: &Instr, jump: bool) -> Option<(u32, u32)> {
    use Instr::*;
    let kwcount = |k: u32| match consts.get(k as usize) {
        Some(Const::Tuple(t)) => Some(t.len() as u32),
        _ => None,
    };
    Some(match *ins {
        Nop | Jump(_) | DeleteFast(_) | DeleteDeref(_) | DeleteGlobal(_) | DeleteName(_) => (0, 0),
        LoadConst(_) | LoadFast(_) | LoadDeref(_) | LoadClosure(_) | LoadGlobal(_)
        | LoadName(_) | LoadAssertionError | ImportName(_) => (0, 1),
        StoreFast(_) | StoreDeref(_) | StoreGlobal(_) | StoreName(_) => (1, 0),
        LoadAttr(_) | Unary(_) | GetIter => (1, 1),
        StoreAttr(_) => (2, 0),
        DeleteAttr(_) => (1, 0),
        LoadMethod(_) => (1, 2),
        Pop => (1, 0),
        Dup => (1, 2),
        Dup2 => (2, 4),
        Rot2 => (2, 2),
        Rot3 => (3, 3),
        Rot4 => (4, 4),
        Binary(_) | Inplace(_) | Compare(_) | Is(_) | Contains(_) | Subscr => (2, 1),
        StoreSubscr => (3, 0),
        DeleteSubscr => (2, 0),
        BuildSlice(n) => (n, 1),
        PopJumpIfFalse(_) | PopJumpIfTrue(_) => (1, 0),
        JumpIfFalseOrPop(_) | JumpIfTrueOrPop(_) => {
            if jump {
                (1, 1)
            } else {
                (1, 0)
            }
        }
        ForIter(_) => {
            if jump {
                (1, 0)
            } else {
                (1, 2)
            }
        }
        Return => (1, 0),
        BuildTuple(n) | BuildList(n) | BuildString(n) => (n, 1),
        BuildMap(n) => (n.checked_mul(2)?, 1),
        ListAppend(n) => (n.checked_add(1)?, n),
        MapAdd(n) => (n.checked_add(2)?, n),
        UnpackSequence(n) => (1, n),
        FormatValue { has_spec, .. } => (1 + has_spec as u32, 1),
        Call(n) => (n.checked_add(1)?, 1),
        CallKw { argc, kwnames } => (argc.checked_add(1 + kwcount(kwnames)?)?, 1),
        CallMethod(n) => (n.checked_add(2)?, 1),
        CallMethodKw { argc, kwnames } => (argc.checked_add(2 + kwcount(kwnames)?)?, 1),
        MakeFunction { flags, .. } => ((flags & 0b111).count_ones(), 1),
        BuildClass { flags, .. } => ((flags & 0b101).count_ones(), 1),
        Raise(n) => (n, 0),
        PushExcInfo => (1, 2),
        PopExcept => (1, 0),
        Reraise => (1, 0),
        CheckExcMatch => (2, 2),
        ImportFrom(_) => (1, 2),
    })
}

/// The stack depth before every pc of `code` (`UNREACHABLE` for dead code),
/// following fall-through, jumps and exception-handler entries (a handler's
/// target is entered at `depth + 1`, holding the exception). Fails on a stack
/// underflow, on two paths reaching a pc with different depths, on a jump or a
/// handler target out of range, on a handler whose depth exceeds the depth of
/// a pc it covers, and on falling off the end of the code.
pub fn stack_depths(code: &CodeObject) -> Result<Vec<u32>, String> {
    let n = code.code.len();
    let mut depth = vec![UNREACHABLE; n];
    let mut work: Vec<usize> = Vec::new();
    for h in &code.handlers {
        if h.start > h.end || h.end as usize > n || h.target as usize >= n {
            return Err(format!("handler {h:?} out of range"));
        }
    }
    let set = |depth: &mut Vec<u32>, work: &mut Vec<usize>, pc: usize, d: u32, from: usize| {
        if pc >= n {
            return Err(format!(
                "pc {from}: control reaches {pc}, past the end of the code"
            ));
        }
        if depth[pc] == UNREACHABLE {
            depth[pc] = d;
            work.push(pc);
            Ok(())
        } else if depth[pc] != d {
            Err(format!(
                "pc {pc}: inconsistent stack depth {} vs {d} (from pc {from})",
                depth[pc]
            ))
        } else {
            Ok(())
        }
    };
    if n == 0 {
        return Ok(depth);
    }
    set(&mut depth, &mut work, 0, 0, 0)?;
    while let Some(pc) = work.pop() {
        let d = depth[pc];
        let ins = &code.code[pc];
        if let Some(h) = code.handler_for(pc as u32) {
            if h.depth > d {
                return Err(format!(
                    "pc {pc}: depth {d} below the depth {} of its handler",
                    h.depth
                ));
            }
            set(&mut depth, &mut work, h.target as usize, h.depth + 1, pc)?;
        }
        let bad = || format!("pc {pc}: malformed operand in {ins:?}");
        if let Some(t) = ins.jump_target() {
            let (pops, pushes) = stack_effect(code, ins, true).ok_or_else(bad)?;
            if pops > d {
                return Err(format!("pc {pc}: stack underflow in {ins:?} at depth {d}"));
            }
            set(&mut depth, &mut work, t as usize, d - pops + pushes, pc)?;
        }
        let (pops, pushes) = stack_effect(code, ins, false).ok_or_else(bad)?;
        if pops > d {
            return Err(format!("pc {pc}: stack underflow in {ins:?} at depth {d}"));
        }
        if !ins.is_terminator() {
            set(&mut depth, &mut work, pc + 1, d - pops + pushes, pc)?;
        }
    }
    Ok(depth)
}

/// The greatest depth any reachable pc of `code` reaches (including the
/// transient depth right after an instruction).
pub fn max_depth(code: &CodeObject, depths: &[u32]) -> u32 {
    let mut m = 0;
    for (pc, &d) in depths.iter().enumerate() {
        if d == UNREACHABLE {
            continue;
        }
        m = m.max(d);
        if let Some((pops, pushes)) = stack_effect(code, &code.code[pc], false) {
            m = m.max(d.saturating_sub(pops) + pushes);
        }
    }
    m
}
