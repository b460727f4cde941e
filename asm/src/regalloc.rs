//! Register allocation: greedy interval colouring (linear scan with lifetime
//! holes) over the linearized IR of one compilation unit.
//!
//! # Live ranges
//!
//! The streams are laid out one after the other — the inline stream, then
//! each side-exit body — and every instruction gets a position. A vreg has at
//! most one live *range* `[start, end]` per stream:
//!
//! * in the inline stream, from its first to its last mention, stretched to
//!   the last jump to any side exit that needs the vreg on entry;
//! * in a side-exit body, from its first mention — or from the body's start
//!   if the body reads it before writing it (it comes from the inline code) —
//!   to its last mention, stretched to the last jump to another exit that
//!   needs it. An exit's "needs on entry" set includes the needs of the exits
//!   it jumps to (computed to a fixpoint; conservative).
//!
//! So a value that only an exit reads stays in its register up to the last
//! jump to that exit, not over the rest of the block.
//!
//! A backward jump from position `j` to a label at position `l` forms a
//! loop; a vreg that is live into the loop (its range starts before `l`, or
//! its first mention inside `[l, j]` is a read) has its range stretched over
//! `[l, j]`, repeatedly until nothing changes (nested loops).
//!
//! # Assignment
//!
//! Vregs are taken in order of their first range start and get the first
//! register, in preference order, none of whose current holders has a range
//! overlapping theirs. A vreg defined by an instruction may share the
//! register of a vreg whose range ends at that instruction (a source dying
//! there): **every lowering must be correct when the destination is the same
//! register as any source** (e.g. `sub d, a, d`) — which it must be anyway
//! for re-assigned vregs and `Pinned` operands.
//!
//! **Calls.** A vreg whose range strictly contains a `CCall` position prefers
//! a callee-saved register. If it gets a caller-saved one, the register is
//! put in that call's `saves` list and the backend saves it in the
//! trampoline frame's spill area before the call and restores it afterwards.
//! So any value survives any call, up to `RegInfo::spill_slots` saved
//! registers per call. (The call's own result is never in its `saves`.)
//!
//! **Limits.** No spilling: if more values are live at once than there are
//! allocatable registers, allocation fails with [`AsmError::OutOfRegisters`]
//! (never a panic). JIT blocks keep few values in flight; the JIT can fall
//! back to the interpreter.

use crate::ir::{Assembler, Insn, Opnd, PReg, Target, NUM_PINNED};
use crate::AsmError;
use std::collections::HashMap;

/// Register facts that a backend gives the allocator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegInfo {
    /// Machine registers of `Opnd::Pinned(0..NUM_PINNED)`.
    pub pinned: [PReg; NUM_PINNED as usize],
    /// Allocatable registers that calls clobber, in preference order.
    pub caller_saved: &'static [PReg],
    /// Allocatable registers that calls preserve, in preference order.
    pub callee_saved: &'static [PReg],
    /// Number of 8-byte spill slots available to save `CCall::saves`.
    pub spill_slots: u32,
}

/// The linearized program.
struct Linear<'a> {
    insns: Vec<&'a Insn>,
    /// `[start, end)` positions of each stream (0 = inline, 1 + e = exit e).
    streams: Vec<(usize, usize)>,
    label_pos: Vec<usize>,
}

impl<'a> Linear<'a> {
    fn new(asm: &'a Assembler) -> Self {
        let mut insns = Vec::new();
        let mut streams = Vec::new();
        let mut label_pos = vec![usize::MAX; asm.num_labels as usize];
        for body in std::iter::once(&asm.insns).chain(asm.exits.iter()) {
            let start = insns.len();
            for insn in body {
                if let Insn::Bind(l) = insn {
                    if let Some(p) = label_pos.get_mut(l.0 as usize) {
                        *p = insns.len();
                    }
                }
                insns.push(insn);
            }
            streams.push((start, insns.len()));
        }
        Linear {
            insns,
            streams,
            label_pos,
        }
    }

    fn defines(&self, p: usize, v: u32) -> bool {
        self.insns[p]
            .outputs()
            .contains(&Opnd::VReg(crate::ir::VReg(v)))
    }
}

/// Vreg mentions of one instruction: (vreg, is_read).
fn mentions(insn: &Insn) -> Vec<(u32, bool)> {
    let mut m = Vec::new();
    for o in insn.inputs() {
        if let Opnd::VReg(v) = o {
            m.push((v.0, true));
        }
    }
    for o in insn.outputs() {
        if let Opnd::VReg(v) = o {
            m.push((v.0, false));
        }
    }
    m
}

/// Live ranges of every vreg: `ranges[v]` is a list of `[start, end]`.
fn live_ranges(lin: &Linear, num_vregs: usize) -> Vec<Vec<(usize, usize)>> {
    let nstreams = lin.streams.len();
    // occurrences per (stream, vreg): positions and whether read there
    let mut occ: Vec<HashMap<u32, Vec<(usize, bool)>>> = vec![HashMap::new(); nstreams];
    for (s, &(a, b)) in lin.streams.iter().enumerate() {
        for p in a..b {
            for (v, read) in mentions(lin.insns[p]) {
                occ[s].entry(v).or_default().push((p, read));
            }
        }
    }
    // jumps to exits per stream: (position, exit stream index)
    let mut exit_jumps: Vec<Vec<(usize, usize)>> = vec![Vec::new(); nstreams];
    for (s, &(a, b)) in lin.streams.iter().enumerate() {
        for p in a..b {
            if let Some(Target::SideExit(e)) = lin.insns[p].target() {
                exit_jumps[s].push((p, 1 + e.0 as usize));
            }
        }
    }
    // needs on entry per exit stream (fixpoint over exit-to-exit jumps)
    let mut needs: Vec<Vec<u32>> = vec![Vec::new(); nstreams];
    for s in 1..nstreams {
        for (v, list) in &occ[s] {
            // first mention (reads before writes at one position)
            if let Some(&(_, read)) = list.iter().min_by_key(|(p, read)| (*p, !*read)) {
                if read {
                    needs[s].push(*v);
                }
            }
        }
    }
    let mut changed = true;
    while changed {
        changed = false;
        for s in 1..nstreams {
            for &(_, t) in &exit_jumps[s] {
                for v in needs[t].clone() {
                    if !needs[s].contains(&v) {
                        needs[s].push(v);
                        changed = true;
                    }
                }
            }
        }
    }

    let mut ranges: Vec<Vec<(usize, usize)>> = vec![Vec::new(); num_vregs];
    for (s, &(sa, sb)) in lin.streams.iter().enumerate() {
        // per-vreg range in this stream
        let mut here: HashMap<u32, (usize, usize)> = HashMap::new();
        for (v, list) in &occ[s] {
            let lo = list.iter().map(|x| x.0).min().unwrap_or(sa);
            let hi = list.iter().map(|x| x.0).max().unwrap_or(sa);
            let lo = if s > 0 && needs[s].contains(v) {
                sa
            } else {
                lo
            };
            here.insert(*v, (lo, hi));
        }
        for &(p, t) in &exit_jumps[s] {
            for v in &needs[t] {
                let r = here.entry(*v).or_insert((if s > 0 { sa } else { p }, p));
                r.1 = r.1.max(p);
            }
        }
        // loops within the stream
        let loops: Vec<(usize, usize)> = (sa..sb)
            .filter_map(|j| match lin.insns[j].target() {
                Some(Target::Label(l)) => {
                    let lp = *lin.label_pos.get(l.0 as usize)?;
                    (lp <= j && lp >= sa).then_some((lp, j))
                }
                _ => None,
            })
            .collect();
        let mut changed = true;
        while changed {
            changed = false;
            for &(l, j) in &loops {
                for (v, r) in here.iter_mut() {
                    if r.1 < l || r.0 > j || (r.0 <= l && r.1 >= j) {
                        continue;
                    }
                    let live_in = r.0 < l || {
                        let first = occ[s].get(v).and_then(|list| {
                            list.iter()
                                .filter(|(p, _)| *p >= l && *p <= j)
                                .min_by_key(|(p, read)| (*p, !*read))
                        });
                        matches!(first, Some((_, true)))
                    };
                    if live_in {
                        let n = (r.0.min(l), r.1.max(j));
                        if n != *r {
                            *r = n;
                            changed = true;
                        }
                    }
                }
            }
        }
        for (v, r) in here {
            if let Some(list) = ranges.get_mut(v as usize) {
                list.push(r);
            }
        }
    }
    for list in ranges.iter_mut() {
        list.sort();
    }
    ranges
}

/// Whether vreg `a` (ranges `ra`) and vreg `b` (ranges `rb`) may not share a
/// register. Touching ranges do not conflict when the later one starts with
/// a definition at the point where the earlier one ends (a dying source).
fn conflict(lin: &Linear, a: u32, ra: &[(usize, usize)], b: u32, rb: &[(usize, usize)]) -> bool {
    ra.iter().any(|&(s1, e1)| {
        rb.iter().any(|&(s2, e2)| {
            if s1 > e2 || s2 > e1 {
                return false;
            }
            let touch_ab = e1 == s2 && s1 < s2 && lin.defines(s2, b);
            let touch_ba = e2 == s1 && s2 < s1 && lin.defines(s1, a);
            let point = s1 == e1 && s2 == e2 && s1 == s2; // both at one insn
            let point_ok = point && (lin.defines(s1, a) != lin.defines(s1, b));
            !(touch_ab || touch_ba || point_ok)
        })
    })
}

/// Allocate registers: rewrite every `VReg` and `Pinned` operand of `asm` to
/// `Opnd::Phys` and fill each `CCall::saves`.
pub fn allocate(asm: &mut Assembler, info: &RegInfo) -> Result<(), AsmError> {
    let n = asm.num_vregs as usize;
    let (assign, call_saves) = {
        let lin = Linear::new(asm);
        let ranges = live_ranges(&lin, n);
        let calls: Vec<usize> = (0..lin.insns.len())
            .filter(|&p| matches!(lin.insns[p], Insn::CCall { .. }))
            .collect();
        let crosses = |v: usize| {
            ranges[v]
                .iter()
                .any(|&(s, e)| calls.iter().any(|&c| s < c && c < e))
        };
        let mut order: Vec<usize> = (0..n).filter(|&v| !ranges[v].is_empty()).collect();
        order.sort_by_key(|&v| (ranges[v][0].0, v));
        let mut assign: Vec<Option<PReg>> = vec![None; n];
        let mut holders: HashMap<PReg, Vec<usize>> = HashMap::new();
        for v in order {
            let (first, second) = if crosses(v) {
                (info.callee_saved, info.caller_saved)
            } else {
                (info.caller_saved, info.callee_saved)
            };
            let free = |r: &PReg| {
                holders.get(r).is_none_or(|hs| {
                    hs.iter()
                        .all(|&h| !conflict(&lin, v as u32, &ranges[v], h as u32, &ranges[h]))
                })
            };
            let reg = first
                .iter()
                .chain(second.iter())
                .find(|r| free(r))
                .copied()
                .ok_or(AsmError::OutOfRegisters)?;
            assign[v] = Some(reg);
            holders.entry(reg).or_default().push(v);
        }
        // Caller-saved registers live across each call.
        let mut call_saves = Vec::new();
        for &c in &calls {
            // The call's own result is written by the call: never restore over it.
            let out = match lin.insns[c] {
                Insn::CCall {
                    out: Some(Opnd::VReg(v)),
                    ..
                } => Some(v.0 as usize),
                _ => None,
            };
            let mut saves: Vec<PReg> = (0..n)
                .filter(|&v| Some(v) != out)
                .filter(|&v| ranges[v].iter().any(|&(s, e)| s < c && c < e))
                .filter_map(|v| assign[v])
                .filter(|r| info.caller_saved.contains(r))
                .collect();
            saves.sort();
            saves.dedup();
            if saves.len() > info.spill_slots as usize {
                return Err(AsmError::OutOfRegisters);
            }
            call_saves.push(saves);
        }
        (assign, call_saves)
    };

    let mut call_idx = 0;
    let mut rewrite = |insn: &mut Insn| -> Result<(), AsmError> {
        let mut err = None;
        insn.map_opnds(|o| match *o {
            Opnd::VReg(v) => match assign.get(v.0 as usize).copied().flatten() {
                Some(r) => *o = Opnd::Phys(r),
                None => err = Some(AsmError::Invalid(format!("vreg {} out of range", v.0))),
            },
            Opnd::Pinned(p) => *o = Opnd::Phys(info.pinned[p as usize]),
            _ => {}
        });
        if let Insn::CCall { saves, .. } = insn {
            *saves = call_saves[call_idx].clone();
            call_idx += 1;
        }
        err.map_or(Ok(()), Err)
    };
    for insn in asm.insns.iter_mut() {
        rewrite(insn)?;
    }
    for body in asm.exits.iter_mut() {
        for insn in body.iter_mut() {
            rewrite(insn)?;
        }
    }
    Ok(())
}

/// Order a set of simultaneous moves `dst <- src` (destinations distinct
/// registers; sources registers or immediates) into a sequence of plain
/// moves, breaking cycles through `scratch` (which must not appear in the
/// set). Register-to-register moves come first, immediates last.
pub fn parallel_move(moves: &[(PReg, Opnd)], scratch: PReg) -> Vec<(PReg, Opnd)> {
    let mut pending: Vec<(PReg, Opnd)> = moves
        .iter()
        .filter(|(d, s)| *s != Opnd::Phys(*d))
        .copied()
        .collect();
    let mut imms: Vec<(PReg, Opnd)> = Vec::new();
    pending.retain(|m| {
        if m.1.is_reg() {
            true
        } else {
            imms.push(*m);
            false
        }
    });
    let mut out = Vec::new();
    while !pending.is_empty() {
        // A move whose destination no other pending move reads.
        let ready = pending
            .iter()
            .position(|(d, _)| !pending.iter().any(|(_, s)| *s == Opnd::Phys(*d)));
        match ready {
            Some(k) => {
                let m = pending.remove(k);
                out.push(m);
            }
            None => {
                // Every destination is read: a cycle. Park one source.
                let (_, s) = pending[0];
                out.push((scratch, s));
                for m in pending.iter_mut() {
                    if m.1 == s {
                        m.1 = Opnd::Phys(scratch);
                    }
                }
            }
        }
        pending.retain(|(d, s)| *s != Opnd::Phys(*d));
    }
    out.extend(imms);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Cond, Mem, Width};

    static CALLER: [PReg; 3] = [PReg(0), PReg(1), PReg(2)];
    static CALLEE: [PReg; 2] = [PReg(10), PReg(11)];

    fn info() -> RegInfo {
        RegInfo {
            pinned: [PReg(20), PReg(21), PReg(22)],
            caller_saved: &CALLER,
            callee_saved: &CALLEE,
            spill_slots: 1,
        }
    }

    fn reg(o: Opnd) -> PReg {
        o.phys().expect("allocated")
    }

    #[test]
    fn disjoint_intervals_share_registers() {
        let mut a = Assembler::new();
        for _ in 0..10 {
            let x = a.mov_new(Opnd::Imm(1));
            a.store(Mem::new(Opnd::Pinned(0), 0), x, Width::W64);
        }
        allocate(&mut a, &info()).unwrap();
        assert!(matches!(
            a.insns[1],
            Insn::Store {
                mem: Mem {
                    base: Opnd::Phys(PReg(20)),
                    ..
                },
                ..
            }
        ));
    }

    #[test]
    fn too_many_live_values_is_an_error() {
        let mut a = Assembler::new();
        let vs: Vec<Opnd> = (0..6).map(|i| a.mov_new(Opnd::Imm(i))).collect();
        for v in vs {
            a.store(Mem::new(Opnd::Pinned(0), 0), v, Width::W64);
        }
        assert_eq!(allocate(&mut a, &info()), Err(AsmError::OutOfRegisters));
    }

    #[test]
    fn values_across_calls_prefer_callee_saved_then_are_saved() {
        let mut a = Assembler::new();
        let x = a.mov_new(Opnd::Imm(1));
        let y = a.mov_new(Opnd::Imm(2));
        let z = a.mov_new(Opnd::Imm(3));
        let r = a.ccall(0x1234, vec![]);
        let s = a.add(x, y);
        let t = a.add(s, z);
        let u = a.add(t, r);
        a.leave(u);
        allocate(&mut a, &info()).unwrap();
        let Insn::CCall { saves, out, .. } = &a.insns[3] else {
            panic!()
        };
        // x, y took the two callee-saved registers, z is saved around the call.
        let (rx, ry, rz) = (
            reg(a.insns[0].outputs()[0]),
            reg(a.insns[1].outputs()[0]),
            reg(a.insns[2].outputs()[0]),
        );
        assert!(CALLEE.contains(&rx) && CALLEE.contains(&ry));
        assert_eq!(saves, &vec![rz]);
        assert_ne!(reg(out.unwrap()), rz);
    }

    #[test]
    fn loop_carried_values_keep_their_register() {
        // i = 0; acc = 0; loop: t = i * 2; acc += t; i += 1; if i < 10 goto loop
        let mut a = Assembler::new();
        let i = a.mov_new(Opnd::Imm(0));
        let acc = a.mov_new(Opnd::Imm(0));
        let top = a.new_label();
        a.bind(top);
        let t = a.mul(i, Opnd::Imm(2));
        a.push(Insn::Add {
            dst: acc,
            a: acc,
            b: t,
        });
        let u = a.mov_new(Opnd::Imm(7)); // short-lived, must not take i's or acc's reg
        a.store(Mem::new(Opnd::Pinned(0), 0), u, Width::W64);
        a.push(Insn::Add {
            dst: i,
            a: i,
            b: Opnd::Imm(1),
        });
        a.cmp(i, Opnd::Imm(10));
        a.jcc(Cond::Lt, Target::Label(top));
        a.leave(acc);
        allocate(&mut a, &info()).unwrap();
        let ri = reg(a.insns[0].outputs()[0]);
        let racc = reg(a.insns[1].outputs()[0]);
        let ru = reg(a.insns[5].outputs()[0]);
        let rt = reg(a.insns[3].outputs()[0]);
        assert!(ru != ri && ru != racc && rt != ri && rt != racc);
    }

    #[test]
    fn loop_invariant_survives_the_back_edge() {
        // k = 3; top: x = i * k; t = x + 1; i = i + t; if i < 100 goto top
        let mut a = Assembler::new();
        let k = a.mov_new(Opnd::Imm(3));
        let i = a.mov_new(Opnd::Imm(1));
        let top = a.new_label();
        a.bind(top);
        let x = a.mul(i, k);
        let t = a.add(x, Opnd::Imm(1));
        a.push(Insn::Add { dst: i, a: i, b: t });
        a.cmp(i, Opnd::Imm(100));
        a.jcc(Cond::Lt, Target::Label(top));
        a.leave(i);
        allocate(&mut a, &info()).unwrap();
        let rk = reg(a.insns[0].outputs()[0]);
        let (rx, rt) = (reg(a.insns[3].outputs()[0]), reg(a.insns[4].outputs()[0]));
        assert!(
            rx != rk && rt != rk,
            "k's register is reused inside the loop"
        );
    }

    #[test]
    fn values_read_only_by_an_exit_die_at_the_last_jump() {
        let mut a = Assembler::new();
        let x = a.mov_new(Opnd::Imm(1));
        let e = a.side_exit(|a| {
            a.store(Mem::new(Opnd::Pinned(0), 0), x, Width::W64);
            a.leave(Opnd::Imm(0));
        });
        a.cmp(Opnd::Pinned(1), Opnd::Imm(0));
        a.jcc(Cond::Eq, e);
        // five values live at once: needs x's register back
        let vs: Vec<Opnd> = (0..5).map(|i| a.mov_new(Opnd::Imm(i))).collect();
        for v in vs {
            a.store(Mem::new(Opnd::Pinned(0), 0), v, Width::W64);
        }
        a.leave(Opnd::Imm(0));
        allocate(&mut a, &info()).unwrap();
        let rx = reg(a.insns[0].outputs()[0]);
        let Insn::Store { src, .. } = &a.exits[0][0] else {
            panic!()
        };
        assert_eq!(reg(*src), rx, "the exit reads x in x's register");
    }

    #[test]
    fn parallel_move_swaps_through_scratch() {
        let (r0, r1, r2, s) = (PReg(0), PReg(1), PReg(2), PReg(9));
        let seq = parallel_move(
            &[
                (r0, Opnd::Phys(r1)),
                (r1, Opnd::Phys(r0)),
                (r2, Opnd::Imm(5)),
            ],
            s,
        );
        // Simulate.
        let mut regs = [10i64, 11, 12, 0, 0, 0, 0, 0, 0, 0];
        for (d, src) in seq {
            regs[d.0 as usize] = match src {
                Opnd::Phys(r) => regs[r.0 as usize],
                Opnd::Imm(v) => v,
                _ => unreachable!(),
            };
        }
        assert_eq!(&regs[..3], &[11, 10, 5]);
    }

    #[test]
    fn parallel_move_chain() {
        let r = PReg;
        // r0 <- r1, r1 <- r2, r2 <- r3
        let seq = parallel_move(
            &[
                (r(0), Opnd::Phys(r(1))),
                (r(1), Opnd::Phys(r(2))),
                (r(2), Opnd::Phys(r(3))),
            ],
            r(9),
        );
        let mut regs = [0i64, 1, 2, 3, 0, 0, 0, 0, 0, 0];
        for (d, src) in seq {
            regs[d.0 as usize] = regs[src.phys().unwrap().0 as usize];
        }
        assert_eq!(&regs[..4], &[1, 2, 3, 3]);
    }
}
