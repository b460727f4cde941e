//! The AArch64 backend: register conventions, the frame, the entry trampoline
//! and the [`Backend`] implementation. Emission is in [`emit`], immediate
//! materialization in [`imm`].
//!
//! # Registers
//!
//! | use                           | registers                              |
//! |-------------------------------|----------------------------------------|
//! | pinned (`Opnd::Pinned(0..3)`) | x19, x20, x21                          |
//! | allocatable, caller-saved     | x0–x14 (x0–x5 also carry call arguments)|
//! | allocatable, callee-saved     | x22–x28                                |
//! | emission scratch              | x15 (immediate operands), x16 (IP0: call target, veneers, `SMULH` high half, stores of immediates), x17 (IP1: address offsets, call-move cycles) |
//! | never used                    | x18 (platform register), x29 (frame pointer), x30 (link register), sp |
//! | float scratch                 | d0, d1 (floats live as bit patterns in general registers) |
//!
//! # Frame
//!
//! The entry trampoline `fn(p0, p1, p2, target)` stores x29/x30 and x19–x28 in
//! a 96-byte save area, then reserves [`SPILL_SLOTS`] × 8 bytes of spill area, so
//! block code runs with `sp` 16-byte aligned; spill slot `i` is `[sp + 8*i]`
//! (used to save `CCall::saves` around calls). It loads x19–x21 from x0–x2 and
//! branches to x3. `Leave` puts its value in x0 and undoes exactly this.
//!
//! # Branches
//!
//! * to a label (same stream): `B` / `B.cond` (±1 MiB for `B.cond`);
//! * to a side exit (outlined zone, address known because exit bodies are
//!   emitted first): `B.cond` if in range, else `B.!cond +8; B exit`, or a
//!   veneer beyond ±128 MiB;
//! * far (`Target::Patchable`, `Target::Addr`): `B target` ([`PatchKind::A64B`])
//!   or, out of range, `LDR x16, #8; BR x16; .quad target`
//!   ([`PatchKind::A64Veneer`]); conditional far jumps put `B.!cond` over either.
//!
//! Instruction-cache maintenance after writing or patching code is done by the
//! code memory when it flips pages back to executable (`CodeMem`'s
//! `flush_icache`, a `DC CVAU`/`DSB`/`IC IVAU`/`DSB`/`ISB` loop on AArch64).
//!
//! [`PatchKind::A64B`]: crate::PatchKind::A64B
//! [`PatchKind::A64Veneer`]: crate::PatchKind::A64Veneer

pub mod emit;
pub mod imm;

use crate::arm64::arg::{EncodeError, Reg, FP, LR, SP, X0, X1, X19, X2, X20, X21, X3};
use crate::arm64::arg::{ShiftedImm12, Width};
use crate::arm64::inst::{AddSubImm, BranchReg, LoadStorePair, LogicalReg};
use crate::ir::{Assembler, PReg};
use crate::regalloc::RegInfo;
use crate::{Arch, AsmError, Backend, Lowered};

/// Spill slots in the trampoline frame.
pub const SPILL_SLOTS: u32 = 16;
/// Bytes of the callee-saved area (x29, x30, x19–x28).
pub const SAVE_AREA: i64 = 96;
/// Bytes of the spill area below the save area (keeps `sp` 16-byte aligned).
pub const SPILL_AREA: u64 = 8 * SPILL_SLOTS as u64;

static CALLER_SAVED: [PReg; 15] = [
    PReg(0),
    PReg(1),
    PReg(2),
    PReg(3),
    PReg(4),
    PReg(5),
    PReg(6),
    PReg(7),
    PReg(8),
    PReg(9),
    PReg(10),
    PReg(11),
    PReg(12),
    PReg(13),
    PReg(14),
];
static CALLEE_SAVED: [PReg; 7] = [
    PReg(22),
    PReg(23),
    PReg(24),
    PReg(25),
    PReg(26),
    PReg(27),
    PReg(28),
];

static REG_INFO: RegInfo = RegInfo {
    pinned: [PReg(19), PReg(20), PReg(21)],
    caller_saved: &CALLER_SAVED,
    callee_saved: &CALLEE_SAVED,
    spill_slots: SPILL_SLOTS,
};

/// The AArch64 backend.
#[derive(Clone, Copy, Debug, Default)]
pub struct Arm64Backend;

impl From<EncodeError> for AsmError {
    fn from(e: EncodeError) -> Self {
        AsmError::Encode(format!("aarch64: {e}"))
    }
}

/// The callee-saved register pairs stored by the trampoline, at `[sp + 16*(i+1)]`.
const SAVED_PAIRS: [(u8, u8); 5] = [(19, 20), (21, 22), (23, 24), (25, 26), (27, 28)];

fn reg(n: u8) -> Reg {
    Reg::new(n).unwrap_or(Reg::ZR)
}

/// The words of the frame teardown and return (the tail of `Leave`).
pub(crate) fn epilogue() -> Result<Vec<u32>, EncodeError> {
    let spill = ShiftedImm12::new(SPILL_AREA).ok_or(EncodeError::OutOfRange)?;
    let mut w: Vec<u32> = vec![AddSubImm::add(Width::X64, SP, SP, spill)?.into()];
    for (i, (a, b)) in SAVED_PAIRS.iter().enumerate() {
        w.push(LoadStorePair::ldp(reg(*a), reg(*b), SP, 16 * (i as i64 + 1))?.into());
    }
    w.push(LoadStorePair::ldp_post(FP, LR, SP, SAVE_AREA)?.into());
    w.push(BranchReg::ret(LR)?.into());
    Ok(w)
}

/// The words of the entry trampoline.
pub(crate) fn trampoline() -> Result<Vec<u32>, EncodeError> {
    let spill = ShiftedImm12::new(SPILL_AREA).ok_or(EncodeError::OutOfRange)?;
    let mut w: Vec<u32> = vec![
        LoadStorePair::stp_pre(FP, LR, SP, -SAVE_AREA)?.into(),
        AddSubImm::mov_sp(Width::X64, FP, SP)?.into(),
    ];
    for (i, (a, b)) in SAVED_PAIRS.iter().enumerate() {
        w.push(LoadStorePair::stp(reg(*a), reg(*b), SP, 16 * (i as i64 + 1))?.into());
    }
    w.push(AddSubImm::sub(Width::X64, SP, SP, spill)?.into());
    for (d, s) in [(X19, X0), (X20, X1), (X21, X2)] {
        w.push(LogicalReg::mov(Width::X64, d, s)?.into());
    }
    w.push(BranchReg::br(X3)?.into());
    Ok(w)
}

/// Little-endian bytes of instruction words.
pub(crate) fn words_to_bytes(words: &[u32]) -> Vec<u8> {
    words.iter().flat_map(|w| w.to_le_bytes()).collect()
}

impl Backend for Arm64Backend {
    fn arch(&self) -> Arch {
        Arch::Aarch64
    }

    fn reg_info(&self) -> &'static RegInfo {
        &REG_INFO
    }

    /// Nothing to do before allocation: every immediate that does not fit an
    /// encoding is materialized at emission time in a reserved scratch register.
    fn split(&self, _asm: &mut Assembler) -> Result<(), AsmError> {
        Ok(())
    }

    fn emit(
        &self,
        asm: &Assembler,
        inline_base: u64,
        outlined_base: u64,
    ) -> Result<Lowered, AsmError> {
        emit::emit(asm, inline_base, outlined_base)
    }

    fn entry_trampoline(&self, _base: u64) -> Result<Vec<u8>, AsmError> {
        Ok(words_to_bytes(&trampoline()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arm64::test_util::text;

    fn listing(words: &[u32]) -> Vec<String> {
        words.iter().map(|&w| text(w)).collect()
    }

    #[test]
    fn trampoline_and_epilogue() {
        assert_eq!(
            listing(&trampoline().unwrap()),
            [
                "stp x29, x30, [sp, #-0x60]!",
                "mov x29, sp",
                "stp x19, x20, [sp, #0x10]",
                "stp x21, x22, [sp, #0x20]",
                "stp x23, x24, [sp, #0x30]",
                "stp x25, x26, [sp, #0x40]",
                "stp x27, x28, [sp, #0x50]",
                "sub sp, sp, #0x80",
                "mov x19, x0",
                "mov x20, x1",
                "mov x21, x2",
                "br x3",
            ]
        );
        assert_eq!(
            listing(&epilogue().unwrap()),
            [
                "add sp, sp, #0x80",
                "ldp x19, x20, [sp, #0x10]",
                "ldp x21, x22, [sp, #0x20]",
                "ldp x23, x24, [sp, #0x30]",
                "ldp x25, x26, [sp, #0x40]",
                "ldp x27, x28, [sp, #0x50]",
                "ldp x29, x30, [sp], #0x60",
                "ret",
            ]
        );
    }

    #[test]
    fn reg_info_avoids_scratch_and_reserved() {
        let info = Arm64Backend.reg_info();
        let all: Vec<u8> = info
            .pinned
            .iter()
            .chain(info.caller_saved)
            .chain(info.callee_saved)
            .map(|r| r.0)
            .collect();
        for r in [15, 16, 17, 18, 29, 30, 31] {
            assert!(!all.contains(&r), "x{r} must not be allocatable");
        }
        assert_eq!(SAVE_AREA + SPILL_AREA as i64, 224);
        assert_eq!((SAVE_AREA + SPILL_AREA as i64) % 16, 0);
    }
}

/// Far jumps through veneers, run for real (natively or under qemu-aarch64): the
/// target code lives in a second code memory placed more than 128 MiB away, out of
/// reach of `B`.
#[cfg(all(test, target_arch = "aarch64"))]
mod exec_tests {
    use crate::ir::{Assembler, Cond, Insn, Opnd, Target};
    use crate::{compile, gen_entry_trampoline, Arch, CodeMem, PatchKind};

    fn leave_block(cm: &mut CodeMem, v: i64) -> u64 {
        let mut a = Assembler::new();
        a.push(Insn::Leave(Opnd::Imm(v)));
        compile(&a, cm, Arch::Aarch64).unwrap().start
    }

    #[test]
    fn veneers_reach_far_code_and_patch() {
        let mut near = CodeMem::new(1 << 20).unwrap();
        let tramp = gen_entry_trampoline(&mut near, Arch::Aarch64).unwrap();
        // Keep 512 MiB of address space reserved between the two code memories
        // (mappings are placed next to each other, top down).
        let _gap = memmap2::MmapOptions::new()
            .len(512 << 20)
            .map_anon()
            .unwrap();
        let mut far = CodeMem::new(1 << 20).unwrap();
        let (t42, t43) = (leave_block(&mut far, 42), leave_block(&mut far, 43));
        let dist = t42.abs_diff(near.pos(crate::Zone::Inline));
        assert!(
            dist > 200 << 20,
            "code memories only {dist:#x} apart; the test needs > 128 MiB"
        );

        let mut a = Assembler::new();
        let p = a.patchable(t42);
        a.cmp(Opnd::Pinned(0), Opnd::Imm(0));
        a.jcc(Cond::Eq, p);
        a.jmp(Target::Addr(t43));
        let c = compile(&a, &mut near, Arch::Aarch64).unwrap();
        assert_eq!(c.patch_sites.len(), 1);
        assert_eq!(c.patch_sites[0].kind, PatchKind::A64Veneer);
        // SAFETY: both targets are blocks compiled above that end in `Leave`.
        let run = |p0: u64| unsafe { tramp.call(p0, 0, 0, c.start) };
        assert_eq!(run(0), 42);
        assert_eq!(run(1), 43);
        near.patch_jump(&c.patch_sites[0], t43).unwrap();
        assert_eq!(run(0), 43);
        let t44 = leave_block(&mut near, 44);
        near.patch_jump(&c.patch_sites[0], t44).unwrap();
        assert_eq!(run(0), 44);
        assert_eq!(run(1), 43);
    }
}
