//! Code memory behaviour seen from outside: W^X checked in /proc/self/maps
//! while writing, after the code is executable and after a patch; a full
//! region fails cleanly; disassembly of emitted x86-64 code.

mod common;

use basil_asm::disasm::{disasm_range, disasm_x86_64, format_lines};
use basil_asm::{
    compile, gen_entry_trampoline, lower, Arch, AsmError, Assembler, CodeMem, Cond, Mem, Opnd,
    Width, Zone,
};
use common::Jit;

const P0: Opnd = Opnd::Pinned(0);

/// Permissions of every mapping that overlaps `[start, end)`.
fn perms_in(start: u64, end: u64) -> Vec<String> {
    let maps = std::fs::read_to_string("/proc/self/maps").expect("/proc/self/maps");
    let mut out = Vec::new();
    for line in maps.lines() {
        let mut it = line.split_whitespace();
        let (Some(range), Some(perms)) = (it.next(), it.next()) else {
            continue;
        };
        let Some((s, e)) = range.split_once('-') else {
            continue;
        };
        let (s, e) = (
            u64::from_str_radix(s, 16).unwrap(),
            u64::from_str_radix(e, 16).unwrap(),
        );
        if s < end && e > start {
            out.push(perms.to_string());
        }
    }
    out
}

fn assert_wx(cm: &CodeMem, when: &str) -> Vec<String> {
    let (s, e) = cm.region();
    let perms = perms_in(s, e);
    assert!(
        !perms.is_empty(),
        "{when}: region {s:#x}-{e:#x} not found in /proc/self/maps"
    );
    for p in &perms {
        assert!(
            !(p.contains('w') && p.contains('x')),
            "{when}: mapping {p} is writable and executable"
        );
    }
    perms
}

#[test]
fn never_writable_and_executable() {
    let mut jit = Jit::new();
    let perms = assert_wx(&jit.cm, "after the trampoline");
    assert!(
        perms.iter().any(|p| p.contains('x')),
        "trampoline page is executable: {perms:?}"
    );

    let mut a = Assembler::new();
    a.leave(Opnd::Imm(1));
    let stub = jit.compile(&a);
    let mut a = Assembler::new();
    let t = a.patchable(stub.start);
    a.jmp(t);
    let blk = jit.compile(&a);
    assert_wx(&jit.cm, "after compile");
    assert_eq!(jit.run_at(blk.start, [0; 3]), 1);

    // While a range is being written, its page is rw- and not executable.
    {
        let at = jit.cm.pos(Zone::Inline);
        let mut w = jit.cm.writable(at, 8).unwrap();
        w.bytes().fill(0xcc);
        let page = at & !0xfff;
        let perms = perms_in(page, page + 1);
        assert_eq!(perms.len(), 1);
        assert!(
            perms[0].starts_with("rw-"),
            "page being written is {}",
            perms[0]
        );
        w.seal().unwrap();
        let perms = perms_in(page, page + 1);
        assert!(perms[0].starts_with("r-x"), "sealed page is {}", perms[0]);
    }
    assert_wx(&jit.cm, "after a manual write");

    let mut a = Assembler::new();
    a.leave(Opnd::Imm(2));
    let real = jit.compile(&a);
    jit.cm.patch_jump(&blk.patch_sites[0], real.start).unwrap();
    assert_wx(&jit.cm, "after a patch");
    assert_eq!(
        jit.run_at(blk.start, [0; 3]),
        2,
        "patched code still executes"
    );
}

fn big_block(n: usize) -> Assembler {
    let mut a = Assembler::new();
    let mut x = a.mov_new(P0);
    for i in 0..n {
        x = a.add(x, Opnd::Imm(i as i64));
    }
    a.leave(x);
    a
}

#[test]
fn full_region_fails_cleanly() {
    let arch = Arch::host().expect("supported host");
    let mut cm = CodeMem::with_outlined(2 * 4096, 4096).unwrap();
    let tramp = gen_entry_trampoline(&mut cm, arch).unwrap();
    let a = big_block(40);
    let mut blocks = Vec::new();
    let err = loop {
        let before = cm.pos(Zone::Inline);
        match compile(&a, &mut cm, arch) {
            Ok(c) => blocks.push(c),
            Err(e) => {
                assert_eq!(cm.pos(Zone::Inline), before, "nothing written on failure");
                break e;
            }
        }
        assert!(
            blocks.len() < 10_000,
            "a 4 KiB zone cannot hold this many blocks"
        );
    };
    assert_eq!(err, AsmError::OutOfMemory);
    assert!(!blocks.is_empty());
    // Everything compiled before still runs.
    let want = (0..40).sum::<u64>() + 5;
    for b in &blocks {
        // SAFETY: the block was compiled for the host into `cm`, which is alive.
        assert_eq!(unsafe { tramp.call(5, 0, 0, b.start) }, want);
    }
    // Small code may still fit; a trampoline or block that does not fit fails.
    assert_eq!(
        compile(&big_block(400), &mut cm, arch),
        Err(AsmError::OutOfMemory)
    );

    // The outlined zone fills up on its own.
    let mut cm = CodeMem::with_outlined(16 * 4096, 4096).unwrap();
    let mut with_exits = Assembler::new();
    for i in 0..40 {
        let e = with_exits.side_exit(|a| {
            a.store(Mem::new(P0, 8 * i), Opnd::Imm(0x1234_5678_9abc), Width::W64);
            a.leave(Opnd::Imm(i as i64));
        });
        with_exits.cmp(P0, Opnd::Imm(i as i64));
        with_exits.jcc(Cond::Eq, e);
    }
    with_exits.leave(Opnd::Imm(0));
    let err = loop {
        match compile(&with_exits, &mut cm, arch) {
            Ok(_) => {}
            Err(e) => break e,
        }
    };
    assert_eq!(err, AsmError::OutOfMemory);
    assert!(
        cm.remaining(Zone::Inline) > 4096,
        "inline zone still has room"
    );

    // A region that is too large is refused, not a panic.
    assert!(CodeMem::new(1 << 30).is_err());
}

#[test]
fn x86_64_disassembly() {
    // Lower for x86-64 regardless of the host (nothing runs).
    let mut a = Assembler::new();
    let x = a.load(Mem::new(P0, 8), Width::W64);
    let y = a.add(x, Opnd::Imm(3));
    let exit = a.side_exit(|a| a.leave(Opnd::Imm(0)));
    a.jcc(Cond::Overflow, exit);
    let z = a.mul_overflow(y, x);
    let f = a.fadd(z, y);
    a.fcmp(f, z);
    let s = a.set_cond(Cond::FLt);
    let r = a.ccall(0x1234_5678, vec![s, z]);
    let t = a.patchable(0x7000_0000);
    a.cmp(r, Opnd::Imm(0));
    a.jcc(Cond::Ne, t);
    a.leave(r);
    let low = lower(&a, Arch::X86_64, 0x7000_1000, 0x7100_0000).unwrap();
    let text = format_lines(&disasm_x86_64(&low.inline, 0x7000_1000));
    for m in [
        "mov ", "add ", "jo ", "imul ", "movq ", "addsd ", "ucomisd ", "cmov", "call ", "jne ",
        "ret",
    ] {
        assert!(text.contains(m), "expected {m:?} in\n{text}");
    }
    assert!(!text.contains("(bad)"), "{text}");
    // The patchable jcc is a rel32 `0F 85` at the reported site.
    let site = low.patch_sites[0];
    let off = (site.addr - 0x7000_1000) as usize;
    assert_eq!(&low.inline[off..off + 2], &[0x0F, 0x85]);
    assert!(text.contains("jne 0000000070000000h"), "{text}");
    let exit_text = format_lines(&disasm_x86_64(&low.outlined, 0x7100_0000));
    assert!(exit_text.contains("ret"), "{exit_text}");
}

#[test]
fn host_disassembly_of_emitted_range() {
    let mut jit = Jit::new();
    let mut a = Assembler::new();
    let x = a.add(P0, Opnd::Imm(1));
    a.leave(x);
    let c = jit.compile(&a);
    let lines = disasm_range(&jit.cm, jit.arch, c.start, c.inline_len).unwrap();
    assert!(!lines.is_empty());
    assert_eq!(lines[0].addr, c.start);
    assert!(
        lines.iter().any(|l| l.text.contains("ret")),
        "{}",
        format_lines(&lines)
    );
    assert!(disasm_range(&jit.cm, jit.arch, c.start, 1 << 20).is_none());
}
