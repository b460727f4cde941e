//! Differential check against GNU binutils (ignored by default; needs
//! `aarch64-linux-gnu-as` and `aarch64-linux-gnu-objdump` on `PATH`):
//!
//! ```text
//! cargo test -p basil-asm --lib arm64::objdump_sweep -- --ignored
//! ```
//!
//! 40,000 pseudo-random instructions from every constructor family (fixed seed)
//! are written as `.inst` words, assembled and disassembled by objdump, and each
//! objdump line must equal yaxpeax-arm's text after [`normalize`]. Together with
//! the quickcheck properties (yaxpeax-arm decodes each word to the intended
//! operands) this shows objdump reads our words as intended too. Two printing
//! differences are allowed and nothing else: yaxpeax-arm drops the `#0` of a
//! non-LSL shift by zero (`x2, asr` for `x2, asr #0`), and prints every
//! `ORR Rd, ZR, #imm` as `MOV` where objdump keeps `ORR` when MOVZ/MOVN could
//! build the value.

use super::arg::*;
use super::inst::*;
use super::test_util::{normalize, text};
use std::process::Command;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn reg(&mut self) -> Reg {
        match self.next() % 33 {
            31 => Reg::ZR,
            32 => Reg::SP,
            n => Reg::new(n as u8).unwrap_or(Reg::ZR),
        }
    }
    fn w(&mut self) -> Width {
        if self.next() & 1 == 0 {
            Width::X64
        } else {
            Width::W32
        }
    }
    fn v(&mut self) -> VReg {
        VReg::new((self.next() % 32) as u8).unwrap_or(D0)
    }
    /// A random offset in `[-(1 << (bits-1)), 1 << (bits-1))` words, in bytes.
    fn pcrel(&mut self, bits: u32) -> i64 {
        ((self.next() % (1 << bits)) as i64 - (1 << (bits - 1))) * 4
    }
}

/// One random instruction word, or `None` if the constructor rejected the operands.
fn random_word(g: &mut Rng) -> Option<u32> {
    let k = g.next() % 24;
    let (a, b, c, e) = (g.reg(), g.reg(), g.reg(), g.reg());
    let w = g.w();
    let imm = g.next();
    let sh = [Shift::Lsl, Shift::Lsr, Shift::Asr, Shift::Ror][(g.next() % 4) as usize];
    let amount = (imm >> 8) as u8 % 64;
    let cond = Cond::from_bits(g.next() as u8);
    let load = (imm >> 3) & 1 == 1;
    let size = [AccessSize::B, AccessSize::W, AccessSize::X][(imm % 3) as usize];
    let r: Result<u32, EncodeError> = match k {
        0 => {
            let i = ShiftedImm12::new(imm % (1 << 24))?;
            let f = [
                AddSubImm::add,
                AddSubImm::adds,
                AddSubImm::sub,
                AddSubImm::subs,
            ][(imm % 4) as usize];
            f(w, a, b, i).map(Into::into)
        }
        1 => [
            AddSubReg::add,
            AddSubReg::adds,
            AddSubReg::sub,
            AddSubReg::subs,
        ][(imm % 4) as usize](w, a, b, c, sh, amount)
        .map(Into::into),
        2 => [
            LogicalReg::and,
            LogicalReg::orr,
            LogicalReg::eor,
            LogicalReg::ands,
            LogicalReg::bic,
            LogicalReg::orn,
        ][(imm % 6) as usize](w, a, b, c, sh, amount)
        .map(Into::into),
        3 => {
            let v = BitmaskImm::decode(
                (imm & 1) as u8,
                (imm >> 1) as u8 % 64,
                (imm >> 7) as u8 % 64,
                w,
            )?;
            [
                LogicalImm::and,
                LogicalImm::orr,
                LogicalImm::eor,
                LogicalImm::ands,
            ][(imm >> 20) as usize % 4](w, a, b, v)
            .map(Into::into)
        }
        4 => [
            DataProc2Src::lslv,
            DataProc2Src::lsrv,
            DataProc2Src::asrv,
            DataProc2Src::rorv,
            DataProc2Src::sdiv,
            DataProc2Src::udiv,
        ][(imm % 6) as usize](w, a, b, c)
        .map(Into::into),
        5 => [Bitfield::lsl, Bitfield::lsr, Bitfield::asr][(imm % 3) as usize](w, a, b, amount)
            .map(Into::into),
        6 => [MovWide::movz, MovWide::movn, MovWide::movk][(imm % 3) as usize](
            w,
            a,
            (imm >> 8) as u16,
            16 * ((imm >> 30) % 4) as u8,
        )
        .map(Into::into),
        7 => {
            let idx = [Index::Unsigned, Index::Unscaled, Index::Pre, Index::Post]
                [(imm >> 4) as usize % 4];
            let off = match idx {
                Index::Unsigned => ((imm >> 8) % 4096) as i64 * (1 << size.log2()),
                _ => ((imm >> 8) % 512) as i64 - 256,
            };
            LoadStore::new(size, load, idx, a, b, off).map(Into::into)
        }
        8 => LoadStoreReg::new(size, load, a, b, c, (imm >> 4) & 1 == 1).map(Into::into),
        9 => {
            let idx = [PairIndex::Offset, PairIndex::Pre, PairIndex::Post][(imm % 3) as usize];
            LoadStorePair::new(load, idx, a, b, c, ((imm >> 8) % 128) as i64 * 8 - 512)
                .map(Into::into)
        }
        10 => LoadLiteral::ldr(w, a, g.pcrel(19)).map(Into::into),
        11 => BranchImm::b(g.pcrel(26)).map(Into::into),
        12 => BranchImm::bl(g.pcrel(26)).map(Into::into),
        13 => BranchCond::bcond(cond, g.pcrel(19)).map(Into::into),
        14 => [CompareBranch::cbz, CompareBranch::cbnz][(imm % 2) as usize](w, a, g.pcrel(19))
            .map(Into::into),
        15 => [TestBranch::tbz, TestBranch::tbnz][(imm % 2) as usize](a, amount, g.pcrel(14))
            .map(Into::into),
        16 => {
            [BranchReg::br, BranchReg::blr, BranchReg::ret][(imm % 3) as usize](a).map(Into::into)
        }
        17 => [
            CondSelect::csel,
            CondSelect::csinc,
            CondSelect::csinv,
            CondSelect::csneg,
        ][(imm % 4) as usize](w, a, b, c, cond)
        .map(Into::into),
        18 => match imm % 4 {
            0 => DataProc3Src::madd(w, a, b, c, e),
            1 => DataProc3Src::msub(w, a, b, c, e),
            2 => DataProc3Src::smulh(a, b, c),
            _ => DataProc3Src::umulh(a, b, c),
        }
        .map(Into::into),
        19 => match imm % 4 {
            0 => FpInt::fmov_to_d(g.v(), a),
            1 => FpInt::fmov_from_d(a, g.v()),
            2 => FpInt::scvtf(w, g.v(), a),
            _ => FpInt::fcvtzs(w, a, g.v()),
        }
        .map(Into::into),
        20 => Ok(
            [FpDp2::fadd, FpDp2::fsub, FpDp2::fmul, FpDp2::fdiv][(imm % 4) as usize](
                g.v(),
                g.v(),
                g.v(),
            )
            .into(),
        ),
        21 => Ok(
            [FpDp1::fmov, FpDp1::fabs, FpDp1::fneg, FpDp1::fsqrt][(imm % 4) as usize](g.v(), g.v())
                .into(),
        ),
        22 => Ok(if imm & 1 == 0 {
            FpCmp::fcmp(g.v(), g.v())
        } else {
            FpCmp::fcmp_zero(g.v())
        }
        .into()),
        _ => Ok(if imm & 1 == 0 {
            System::nop()
        } else {
            System::brk(imm as u16)
        }
        .into()),
    };
    r.ok()
}

/// objdump's text for each word (PC-relative targets rewritten as `$±off`).
fn objdump(words: &[u32]) -> Vec<String> {
    let dir = std::env::temp_dir().join(format!("basil-objdump-sweep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let (s, o) = (dir.join("a.s"), dir.join("a.o"));
    let src: String = words.iter().map(|w| format!(".inst {w:#010x}\n")).collect();
    std::fs::write(&s, src).expect("write .s");
    let st = Command::new("aarch64-linux-gnu-as")
        .arg(&s)
        .arg("-o")
        .arg(&o)
        .status()
        .expect("aarch64-linux-gnu-as");
    assert!(st.success());
    let out = Command::new("aarch64-linux-gnu-objdump")
        .arg("-d")
        .arg(&o)
        .output()
        .expect("objdump");
    let _ = std::fs::remove_dir_all(&dir);
    let mut lines = Vec::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        // "   1c:\t9100003f \tmov\tsp, x1"
        let Some((addr, rest)) = line.trim_start().split_once(":\t") else {
            continue;
        };
        let Ok(addr) = u64::from_str_radix(addr, 16) else {
            continue;
        };
        let Some((_, asm)) = rest.split_once(" \t") else {
            continue;
        };
        let asm = asm.split("//").next().unwrap_or("").replace('\t', " ");
        let mut asm = asm.trim().to_string();
        // "b 14 <.text+0x14>" -> "b $+0x10" relative to this instruction.
        if let Some(lt) = asm.find(" <") {
            let head = &asm[..lt];
            if let Some(sp) = head.rfind(' ') {
                if let Ok(t) = u64::from_str_radix(&head[sp + 1..], 16) {
                    let off = t.wrapping_sub(addr) as i64;
                    asm = format!("{} ${off:+}", &head[..sp]);
                }
            }
        }
        lines.push(asm);
    }
    lines
}

/// The two known printing differences, applied to yaxpeax's text.
fn allowed(objdump: &str, yaxpeax: &str) -> bool {
    let (o, y) = (normalize(objdump), normalize(yaxpeax));
    let shift_zero = ["lsr", "asr", "ror"]
        .iter()
        .any(|s| o.ends_with(&format!(", {s} #0")) && y == o[..o.len() - 3]);
    let orr_mov = o.starts_with("orr ") && y.starts_with("mov ") && {
        // "orr x1, xzr, #imm" vs "mov x1, #imm"
        let parts: Vec<&str> = o.splitn(3, ", ").collect();
        parts.len() == 3
            && (parts[1] == "xzr" || parts[1] == "wzr")
            && y == format!("mov {}, {}", &parts[0][4..], parts[2])
    };
    shift_zero || orr_mov
}

#[test]
#[ignore = "needs aarch64-linux-gnu binutils; run with --ignored"]
fn objdump_agrees_with_yaxpeax_on_random_encodings() {
    let mut g = Rng(0x9e37_79b9_7f4a_7c15);
    let mut words = Vec::new();
    while words.len() < 40_000 {
        if let Some(w) = random_word(&mut g) {
            words.push(w);
        }
    }
    let od = objdump(&words);
    assert_eq!(
        od.len(),
        words.len(),
        "objdump listed a different number of instructions"
    );
    let mut bad = Vec::new();
    let mut tolerated = 0;
    for (w, o) in words.iter().zip(&od) {
        let y = text(*w);
        if normalize(&y) != normalize(o) {
            if allowed(o, &y) {
                tolerated += 1;
            } else {
                bad.push(format!("{w:08x}: objdump `{o}` yaxpeax `{y}`"));
            }
        }
    }
    eprintln!(
        "{} words, {tolerated} known printing differences",
        words.len()
    );
    assert!(
        bad.is_empty(),
        "{} mismatches:\n{}",
        bad.len(),
        bad[..bad.len().min(20)].join("\n")
    );
}
