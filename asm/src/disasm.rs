//! Disassembly of emitted code: iced-x86's Intel formatter for x86-64 and
//! yaxpeax-arm for AArch64. Used by `--dump-disasm` and tests.

use crate::{Arch, CodeMem};
use iced_x86::{Decoder, DecoderOptions, Formatter, IntelFormatter};
use std::fmt::Write as _;
use yaxpeax_arch::{Decoder as _, U8Reader};
use yaxpeax_arm::armv8::a64::InstDecoder;

/// One disassembled instruction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// Address of the instruction.
    pub addr: u64,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// Its text (Intel syntax on x86-64).
    pub text: String,
}

/// Disassemble x86-64 `code` placed at `addr`. Undecodable bytes show as
/// `(bad)`.
pub fn disasm_x86_64(code: &[u8], addr: u64) -> Vec<Line> {
    let mut decoder = Decoder::with_ip(64, code, addr, DecoderOptions::NONE);
    let mut fmt = IntelFormatter::new();
    fmt.options_mut().set_first_operand_char_index(0);
    let mut out = Vec::new();
    let mut instr = iced_x86::Instruction::default();
    while decoder.can_decode() {
        let pos = decoder.position();
        decoder.decode_out(&mut instr);
        let mut text = String::new();
        if instr.is_invalid() {
            text.push_str("(bad)");
        } else {
            fmt.format(&instr, &mut text);
        }
        out.push(Line {
            addr: instr.ip(),
            bytes: code[pos..pos + instr.len()].to_vec(),
            text,
        });
    }
    out
}

/// Disassemble AArch64 `code` placed at `addr`, 4 bytes at a time.
/// Undecodable words show as `.word 0x...`; a trailing partial word as `.byte`s.
pub fn disasm_aarch64(code: &[u8], addr: u64) -> Vec<Line> {
    let decoder = InstDecoder::default();
    let mut out = Vec::new();
    for (i, chunk) in code.chunks(4).enumerate() {
        let a = addr + 4 * i as u64;
        let text = if chunk.len() < 4 {
            let bytes: Vec<String> = chunk.iter().map(|b| format!("{b:#04x}")).collect();
            format!(".byte {}", bytes.join(", "))
        } else {
            let mut reader = U8Reader::new(chunk);
            match decoder.decode(&mut reader) {
                Ok(inst) => inst.to_string(),
                Err(_) => format!(
                    ".word {:#010x}",
                    u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]])
                ),
            }
        };
        out.push(Line {
            addr: a,
            bytes: chunk.to_vec(),
            text,
        });
    }
    out
}

/// Disassemble `code` placed at `addr` for `arch`.
pub fn disasm(arch: Arch, code: &[u8], addr: u64) -> Vec<Line> {
    match arch {
        Arch::X86_64 => disasm_x86_64(code, addr),
        Arch::Aarch64 => disasm_aarch64(code, addr),
    }
}

/// Disassemble `len` bytes of emitted code at `addr` in `cm` (`None` if the
/// range was not written).
pub fn disasm_range(cm: &CodeMem, arch: Arch, addr: u64, len: usize) -> Option<Vec<Line>> {
    cm.read(addr, len).map(|code| disasm(arch, &code, addr))
}

/// Format lines as `  0x...: bytes   text`, one per line.
pub fn format_lines(lines: &[Line]) -> String {
    let mut s = String::new();
    for l in lines {
        let hex: String = l.bytes.iter().map(|b| format!("{b:02x}")).collect();
        let _ = writeln!(s, "  {:#x}: {:<24} {}", l.addr, hex, l.text);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn x86_text() {
        // mov rax, rbx ; ret
        let l = disasm_x86_64(&[0x48, 0x89, 0xd8, 0xc3], 0x1000);
        assert_eq!(l.len(), 2);
        assert_eq!(l[0].text, "mov rax,rbx");
        assert_eq!(l[1].addr, 0x1003);
        assert_eq!(l[1].text, "ret");
    }

    #[test]
    fn aarch64_text() {
        // add w1, w2, w3 ; ret ; garbage
        let code = [
            0x41, 0x00, 0x03, 0x0b, 0xc0, 0x03, 0x5f, 0xd6, 0x00, 0x00, 0x00, 0x00, 0xff,
        ];
        let l = disasm_aarch64(&code, 0);
        assert_eq!(l[0].text, "add w1, w2, w3");
        assert_eq!(l[1].text, "ret");
        assert!(l[2].text.starts_with(".word") || l[2].text.starts_with("udf"));
        assert!(l[3].text.starts_with(".byte"));
    }
}
