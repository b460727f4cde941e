//! Execution tests for far jumps and side exits: patchable unconditional and
//! conditional jumps that first reach a stub and are then patched to their
//! real target while the code stays executable, shared exits reached by
//! `Target::Addr`, and truncating the tail of the last block (fall-through).

mod common;

use basil_asm::{Assembler, Cond, Mem, Opnd, PatchKind, Target, Width, Zone};
use common::Jit;

const P0: Opnd = Opnd::Pinned(0);
const P1: Opnd = Opnd::Pinned(1);

fn leave_block(jit: &mut Jit, v: i64) -> u64 {
    let mut a = Assembler::new();
    a.leave(Opnd::Imm(v));
    jit.compile(&a).start
}

#[test]
fn unconditional_patchable_jump() {
    let mut jit = Jit::new();
    let stub = leave_block(&mut jit, 111);
    let mut a = Assembler::new();
    let t = a.patchable(stub);
    a.jmp(t);
    let blk = jit.compile(&a);
    assert_eq!(blk.patch_sites.len(), 1);
    let site = blk.patch_sites[0];
    assert!(matches!(
        site.kind,
        PatchKind::X86Jmp32 | PatchKind::A64B | PatchKind::A64Veneer
    ));
    assert!(site.start >= blk.start && site.end <= blk.inline_end());
    assert_eq!(jit.run_at(blk.start, [0; 3]), 111);
    let real = leave_block(&mut jit, 222);
    jit.cm.patch_jump(&site, real).unwrap();
    assert_eq!(jit.run_at(blk.start, [0; 3]), 222);
    // and back again
    jit.cm.patch_jump(&site, stub).unwrap();
    assert_eq!(jit.run_at(blk.start, [0; 3]), 111);
}

#[test]
fn conditional_patchable_jumps() {
    let mut jit = Jit::new();
    let stub = leave_block(&mut jit, 111);
    let real = leave_block(&mut jit, 222);
    // if p0 == p1 goto far else return 5
    let mut a = Assembler::new();
    a.cmp(P0, P1);
    let t = a.patchable(stub);
    a.jcc(Cond::Eq, t);
    a.leave(Opnd::Imm(5));
    let blk = jit.compile(&a);
    let site = blk.patch_sites[0];
    assert_eq!(jit.run_at(blk.start, [3, 3, 0]), 111);
    assert_eq!(jit.run_at(blk.start, [3, 4, 0]), 5);
    jit.cm.patch_jump(&site, real).unwrap();
    assert_eq!(jit.run_at(blk.start, [3, 3, 0]), 222);
    assert_eq!(jit.run_at(blk.start, [3, 4, 0]), 5);
}

#[test]
fn two_targets_branch_like_the_jit_emits() {
    // The JIT's two-way branch: jcc far0; jmp far1, both stubs at first.
    let mut jit = Jit::new();
    let stub0 = leave_block(&mut jit, 10);
    let stub1 = leave_block(&mut jit, 11);
    let mut a = Assembler::new();
    a.cmp(P0, Opnd::Imm(0));
    let t0 = a.patchable(stub0);
    let t1 = a.patchable(stub1);
    a.jcc(Cond::Lt, t0);
    a.jmp(t1);
    let blk = jit.compile(&a);
    assert_eq!(blk.patch_sites.len(), 2);
    let site_of = |id| {
        *blk.patch_sites
            .iter()
            .find(|s| Target::Patchable(s.id) == id)
            .unwrap()
    };
    let (s0, s1) = (site_of(t0), site_of(t1));
    assert_eq!(jit.run_at(blk.start, [(-1i64) as u64, 0, 0]), 10);
    assert_eq!(jit.run_at(blk.start, [1, 0, 0]), 11);
    let b0 = leave_block(&mut jit, 20);
    jit.cm.patch_jump(&s0, b0).unwrap();
    assert_eq!(jit.run_at(blk.start, [(-1i64) as u64, 0, 0]), 20);
    assert_eq!(jit.run_at(blk.start, [1, 0, 0]), 11);
    let b1 = leave_block(&mut jit, 21);
    jit.cm.patch_jump(&s1, b1).unwrap();
    assert_eq!(jit.run_at(blk.start, [(-1i64) as u64, 0, 0]), 20);
    assert_eq!(jit.run_at(blk.start, [1, 0, 0]), 21);
}

#[test]
fn float_conditions_to_patchable_targets() {
    let mut jit = Jit::new();
    let stub = leave_block(&mut jit, 1);
    let real = leave_block(&mut jit, 2);
    for cond in [Cond::FEq, Cond::FNe, Cond::FLt, Cond::FGe] {
        let mut a = Assembler::new();
        a.fcmp(P0, P1);
        let t = a.patchable(stub);
        a.jcc(cond, t);
        a.leave(Opnd::Imm(0));
        let blk = jit.compile(&a);
        assert_eq!(blk.patch_sites.len(), 1, "{cond:?}: one site");
        let cases = [
            (1.0, 1.0),
            (1.0, 2.0),
            (2.0, 1.0),
            (f64::NAN, 1.0),
            (1.0, f64::NAN),
        ];
        let check = |jit: &Jit, hit: u64| {
            for (x, y) in cases {
                let want = match cond {
                    Cond::FEq => x == y,
                    Cond::FNe => x != y,
                    Cond::FLt => x < y,
                    _ => x >= y,
                };
                let got = jit.run_at(blk.start, [f64::to_bits(x), f64::to_bits(y), 0]);
                assert_eq!(got, if want { hit } else { 0 }, "{cond:?} {x} {y}");
            }
        };
        check(&jit, 1);
        jit.cm.patch_jump(&blk.patch_sites[0], real).unwrap();
        check(&jit, 2);
    }
}

#[test]
fn side_exits_are_outlined_and_shared() {
    let mut jit = Jit::new();
    let mut a = Assembler::new();
    let r = a.add(P0, P1);
    let exit = a.side_exit(|a| {
        a.store(Mem::new(Opnd::Pinned(2), 0), r, Width::W64);
        a.leave(Opnd::Imm(-7));
    });
    let exit2 = a.side_exit(|a| a.leave(Opnd::Imm(-8)));
    a.jcc(Cond::Overflow, exit);
    a.cmp(r, Opnd::Imm(1000));
    a.jcc(Cond::Gt, exit2);
    a.leave(r);
    let blk = jit.compile(&a);
    let (os, oe) = jit.cm.zone_range(Zone::Outlined);
    assert!(blk.outlined_len > 0);
    assert_eq!(blk.exits.len(), 2);
    for &e in &blk.exits {
        assert!(e >= os && e < oe, "exit code is in the outlined zone");
    }
    assert!(blk.start + (blk.inline_len as u64) <= os);
    let mut slot = 0u64;
    let p2 = &mut slot as *mut u64 as u64;
    assert_eq!(jit.run_at(blk.start, [1, 2, p2]), 3);
    assert_eq!(jit.run_at(blk.start, [i64::MAX as u64, 1, p2]) as i64, -7);
    assert_eq!(slot, i64::MIN as u64);
    assert_eq!(jit.run_at(blk.start, [999, 2, p2]) as i64, -8);

    // A later block reuses the first exit by address.
    let mut a = Assembler::new();
    a.cmp(P0, Opnd::Imm(0));
    a.jcc(Cond::Eq, Target::Addr(blk.exits[1]));
    a.leave(Opnd::Imm(1));
    let b2 = jit.compile(&a);
    assert!(b2.patch_sites.is_empty());
    assert_eq!(jit.run_at(b2.start, [0, 0, 0]) as i64, -8);
    assert_eq!(jit.run_at(b2.start, [5, 0, 0]), 1);
}

#[test]
fn truncating_the_last_jump_gives_fall_through() {
    let mut jit = Jit::new();
    let stub = leave_block(&mut jit, 111);
    let mut a = Assembler::new();
    let x = a.add(P0, Opnd::Imm(1));
    a.store(Mem::new(P1, 0), x, Width::W64);
    let t = a.patchable(stub);
    a.jmp(t);
    let blk = jit.compile(&a);
    let site = blk.patch_sites[0];
    assert_eq!(
        site.end,
        jit.cm.pos(Zone::Inline),
        "the jump is the last thing written"
    );
    let mut slot = 0u64;
    let p1 = &mut slot as *mut u64 as u64;
    assert_eq!(jit.run_at(blk.start, [4, p1, 0]), 111);
    // The target gets compiled right after: drop the jump and fall through.
    jit.cm.truncate(Zone::Inline, site.start).unwrap();
    let mut a = Assembler::new();
    let y = a.load(Mem::new(P1, 0), Width::W64);
    let z = a.mul(y, Opnd::Imm(10));
    a.leave(z);
    let next = jit.compile(&a);
    assert_eq!(next.start, site.start);
    assert_eq!(jit.run_at(blk.start, [4, p1, 0]), 50);
}

#[test]
fn patching_rejects_bad_sites_and_targets() {
    let mut jit = Jit::new();
    let stub = leave_block(&mut jit, 1);
    let mut a = Assembler::new();
    let t = a.patchable(stub);
    a.jmp(t);
    let blk = jit.compile(&a);
    let mut site = blk.patch_sites[0];
    // out of range for every encoding
    assert!(jit
        .cm
        .patch_jump(&site, site.addr.wrapping_add(1 << 40))
        .is_err());
    // an address that does not hold a jump
    site.addr = stub;
    assert!(jit.cm.patch_jump(&site, stub).is_err());
    // outside the written code
    site.addr = jit.cm.pos(Zone::Inline) + 64;
    assert!(jit.cm.patch_jump(&site, stub).is_err());
    // the code still runs
    assert_eq!(jit.run_at(blk.start, [0; 3]), 1);
}

#[test]
fn shared_exit_compiled_into_the_outlined_zone() {
    let mut jit = Jit::new();
    // One exit body, compiled once into the outlined zone...
    let mut exit = Assembler::new();
    exit.store(Mem::new(P1, 0), P0, Width::W64);
    exit.leave(Opnd::Imm(-1));
    let shared = basil_asm::compile_outlined(&exit, &mut jit.cm, jit.arch).unwrap();
    let (os, oe) = jit.cm.zone_range(Zone::Outlined);
    assert!(shared.start >= os && shared.start < oe);
    // ... reused by two blocks.
    let mut starts = Vec::new();
    for k in [10, 20] {
        let mut a = Assembler::new();
        a.cmp(P0, Opnd::Imm(k));
        a.jcc(Cond::Gt, Target::Addr(shared.start));
        a.leave(Opnd::Imm(k));
        starts.push(jit.compile(&a).start);
    }
    let mut slot = 0u64;
    let p1 = &mut slot as *mut u64 as u64;
    assert_eq!(jit.run_at(starts[0], [5, p1, 0]), 10);
    assert_eq!(jit.run_at(starts[1], [15, p1, 0]), 20);
    assert_eq!(jit.run_at(starts[0], [15, p1, 0]) as i64, -1);
    assert_eq!(slot, 15);
    assert_eq!(jit.run_at(starts[1], [25, p1, 0]) as i64, -1);
    assert_eq!(slot, 25);
    // Side exits inside outlined code are refused.
    let mut bad = Assembler::new();
    let e = bad.side_exit(|a| a.leave(Opnd::Imm(0)));
    bad.jmp(e);
    assert!(basil_asm::compile_outlined(&bad, &mut jit.cm, jit.arch).is_err());
}

#[test]
fn write_jump_redirects_a_block_entry() {
    // Invalidation: overwrite a block's first bytes with a jump elsewhere.
    let mut jit = Jit::new();
    let mut a = Assembler::new();
    let x = a.add(P0, Opnd::Imm(1));
    a.leave(x);
    let blk = jit.compile(&a);
    let other = leave_block(&mut jit, 99);
    assert_eq!(jit.run_at(blk.start, [1, 0, 0]), 2);
    let site = jit.cm.write_jump(blk.start, other, jit.arch).unwrap();
    assert_eq!(jit.run_at(blk.start, [1, 0, 0]), 99);
    // the new jump is itself patchable
    let third = leave_block(&mut jit, 7);
    jit.cm.patch_jump(&site, third).unwrap();
    assert_eq!(jit.run_at(blk.start, [1, 0, 0]), 7);
    // not over unwritten memory
    let end = jit.cm.pos(Zone::Inline);
    assert!(jit.cm.write_jump(end, other, jit.arch).is_err());
}
