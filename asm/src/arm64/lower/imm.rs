//! Materializing 64-bit immediates in a register without touching the flags:
//! a single `ORR Xd, XZR, #bitmask` when the value is a bitmask immediate and
//! MOVZ/MOVN would need more than one instruction, otherwise MOVZ (or MOVN,
//! whichever leaves fewer lanes to fix) followed by one MOVK per remaining lane.

use crate::arm64::arg::{EncodeError, Reg, Width};
use crate::arm64::inst::{LogicalImm, MovWide};

/// The instruction words that set `rd` to `value` (1 to 4 words).
pub fn mov_imm(rd: Reg, value: u64) -> Result<Vec<u32>, EncodeError> {
    let lanes: [u16; 4] = std::array::from_fn(|i| (value >> (16 * i)) as u16);
    let zeros = lanes.iter().filter(|&&l| l == 0).count();
    let ones = lanes.iter().filter(|&&l| l == 0xffff).count();
    let movn = ones > zeros;
    let fill: u16 = if movn { 0xffff } else { 0 };
    let needed = lanes.iter().filter(|&&l| l != fill).count().max(1);
    if needed > 1 {
        if let Ok(orr) = LogicalImm::mov(Width::X64, rd, value) {
            return Ok(vec![orr.into()]);
        }
    }
    // The first lane that differs from the fill (lane 0 if none does) gets the
    // MOVZ/MOVN; every other differing lane a MOVK.
    let first = lanes.iter().position(|&l| l != fill).unwrap_or(0);
    let mut out = Vec::with_capacity(needed);
    let head = if movn {
        MovWide::movn(Width::X64, rd, !lanes[first], 16 * first as u8)?
    } else {
        MovWide::movz(Width::X64, rd, lanes[first], 16 * first as u8)?
    };
    out.push(head.into());
    for (i, &lane) in lanes.iter().enumerate().skip(first + 1) {
        if lane != fill {
            out.push(MovWide::movk(Width::X64, rd, lane, 16 * i as u8)?.into());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arm64::arg::X5;
    use crate::arm64::test_util::decode;
    use quickcheck::QuickCheck;
    use yaxpeax_arm::armv8::a64::{Opcode, Operand};

    /// Run the words on a one-register machine, using yaxpeax-arm's decoding.
    fn simulate(words: &[u32]) -> Option<u64> {
        let mut x: u64 = 0xdead_beef_dead_beef;
        for &w in words {
            let i = decode(w).ok()?;
            match (i.opcode, i.operands[1]) {
                (Opcode::MOVZ, Operand::ImmShift(v, s)) => x = (v as u64) << s,
                (Opcode::MOVN, Operand::ImmShift(v, s)) => x = !((v as u64) << s),
                (Opcode::MOVK, Operand::ImmShift(v, s)) => {
                    x = (x & !(0xffffu64 << s)) | ((v as u64) << s)
                }
                (Opcode::ORR, Operand::Register(_, 31)) => match i.operands[2] {
                    Operand::Imm64(v) => x = v,
                    _ => return None,
                },
                _ => return None,
            }
        }
        Some(x)
    }

    #[test]
    fn known_sequences() {
        assert_eq!(mov_imm(X5, 0).unwrap().len(), 1);
        assert_eq!(mov_imm(X5, u64::MAX).unwrap().len(), 1);
        assert_eq!(mov_imm(X5, 0xffff_0000).unwrap().len(), 1);
        assert_eq!(mov_imm(X5, 0x5555_5555_5555_5555).unwrap().len(), 1); // ORR
        assert_eq!(mov_imm(X5, 0x1234_5678_9abc_def0).unwrap().len(), 4);
        assert_eq!(mov_imm(X5, (-2i64) as u64).unwrap().len(), 1); // MOVN #1
        for v in [
            0u64,
            1,
            u64::MAX,
            0x8000_0000_0000_0000,
            0xffff,
            0x1_0000,
            0x1234_5678_9abc_def0,
            0xffff_ffff_0000_0000,
        ] {
            assert_eq!(simulate(&mov_imm(X5, v).unwrap()), Some(v), "{v:#x}");
        }
    }

    /// Quickcheck: 5000 random values (raw, and with lanes forced to 0/0xffff to
    /// reach every MOVZ/MOVN/MOVK/ORR path) produce sequences that compute the value.
    #[test]
    fn qc_mov_imm_computes_value() {
        fn prop(v: u64, mask: u8) -> bool {
            let mut v = v;
            for lane in 0..4 {
                match (mask >> (2 * lane)) & 3 {
                    0 => v &= !(0xffffu64 << (16 * lane)),
                    1 => v |= 0xffffu64 << (16 * lane),
                    _ => {}
                }
            }
            mov_imm(X5, v).is_ok_and(|w| w.len() <= 4 && simulate(&w) == Some(v))
        }
        QuickCheck::new()
            .tests(5000)
            .quickcheck(prop as fn(u64, u8) -> bool);
    }
}
