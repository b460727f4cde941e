//! Code memory: one reserved region, bump-allocated, **never writable and
//! executable at the same time** (W^X).
//!
//! The region is mapped once (memmap2, anonymous) and starts inaccessible
//! (`PROT_NONE`). It is split into two zones, each with its own bump pointer:
//! the *inline* zone (block code, trampolines) and the *outlined* zone
//! (side-exit bodies), so hot code stays dense. Both zones live in one region
//! of at most [`MAX_REGION`] bytes, so every jump inside it fits an x86-64
//! rel32 and an AArch64 `B imm26`.
//!
//! Writing goes through a [`WritableRange`]: creating it flips the affected
//! pages to read+write (not executable); sealing it (explicitly with
//! [`WritableRange::seal`], or on drop) flips them to read+execute (not
//! writable) and flushes the instruction cache on AArch64. A page is thus
//! either `rw-` or `r-x` (or `---` while unused), never `rwx`. Because a
//! `WritableRange` borrows the `CodeMem` mutably, no other write or patch can
//! interleave with it.
//!
//! Patching a jump in code that has already run ([`CodeMem::patch_jump`]) uses
//! the same path: the page(s) holding the site become writable for the
//! duration of the write. The VM is single-threaded and the patch is done from
//! Rust code (e.g. a stub-hit helper), so no thread executes the page while it
//! is not executable.

use crate::AsmError;
use memmap2::{MmapOptions, MmapRaw};

/// Largest region accepted: 128 MiB, the reach of AArch64 `B`.
pub const MAX_REGION: usize = 128 << 20;

/// Which bump-allocated zone of the region.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Zone {
    /// Block code and trampolines.
    Inline,
    /// Side-exit bodies.
    Outlined,
}

/// How a patch site is encoded, i.e. what [`CodeMem::patch_jump`] rewrites.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PatchKind {
    /// x86-64 `jmp rel32` (`E9 rel32`, 5 bytes at `addr`); rel32 at `addr+1`,
    /// relative to `addr+5`.
    X86Jmp32,
    /// x86-64 `jcc rel32` (`0F 8x rel32`, 6 bytes at `addr`); rel32 at
    /// `addr+2`, relative to `addr+6`.
    X86Jcc32,
    /// AArch64 `B imm26` (4 bytes at `addr`), ±128 MiB. A conditional far
    /// jump is lowered as `b.<inverse cond> #8; b target` and its site is the
    /// `b` (so `start` is 4 bytes before `addr`).
    A64B,
    /// AArch64 veneer `ldr x16, #8; br x16; .quad target` (16 bytes at `addr`);
    /// patching rewrites the 8-byte literal at `addr+8`. (For a conditional
    /// veneer, `start` covers the preceding `b.<inverse cond>`.)
    A64Veneer,
}

/// A patchable jump in emitted code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PatchSite {
    /// Which `Target::Patchable` this site jumps to.
    pub id: crate::ir::PatchId,
    /// Address of the patchable instruction (see [`PatchKind`]).
    pub addr: u64,
    /// Encoding of the site.
    pub kind: PatchKind,
    /// Start of the whole branch sequence (≤ `addr`; e.g. the `b.cond` that
    /// skips an AArch64 far jump). The JIT may truncate code back to `start`.
    pub start: u64,
    /// One past the last byte of the branch sequence.
    pub end: u64,
}

/// Bump pointer state of one zone (absolute addresses).
#[derive(Clone, Copy, Debug)]
struct ZoneState {
    start: u64,
    pos: u64,
    end: u64,
}

/// The code memory region. See the module documentation.
pub struct CodeMem {
    /// Owns the mapping (unmapped on drop). All access goes through raw
    /// pointers while the protection allows it.
    map: MmapRaw,
    base: u64,
    size: usize,
    page: usize,
    inline: ZoneState,
    outlined: ZoneState,
}

impl std::fmt::Debug for CodeMem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CodeMem")
            .field("base", &format_args!("{:#x}", self.base))
            .field("size", &self.size)
            .field("inline", &self.inline)
            .field("outlined", &self.outlined)
            .finish()
    }
}

fn page_size() -> usize {
    // SAFETY: sysconf has no preconditions.
    let p = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if p <= 0 {
        4096
    } else {
        p as usize
    }
}

impl CodeMem {
    /// Reserve `size` bytes (rounded up to pages), a quarter of them (at
    /// least one page) for the outlined zone.
    pub fn new(size: usize) -> Result<CodeMem, AsmError> {
        let page = page_size();
        let size = size.max(2 * page).div_ceil(page) * page;
        let outlined = (size / 4).div_ceil(page) * page;
        Self::with_outlined(size, outlined)
    }

    /// Reserve `size` bytes of which the last `outlined` bytes form the
    /// outlined zone. Both are rounded up to whole pages; each zone gets at
    /// least one page.
    pub fn with_outlined(size: usize, outlined: usize) -> Result<CodeMem, AsmError> {
        let page = page_size();
        let size = size.div_ceil(page) * page;
        let outlined = outlined.max(page).div_ceil(page) * page;
        if size > MAX_REGION {
            return Err(AsmError::Invalid(format!(
                "code region of {size} bytes exceeds {MAX_REGION}"
            )));
        }
        if outlined >= size {
            return Err(AsmError::Invalid(
                "outlined zone leaves no room for inline code".into(),
            ));
        }
        let map: MmapRaw = MmapOptions::new()
            .len(size)
            .map_anon()
            .map_err(|e| AsmError::Os(format!("mmap: {e}")))?
            .into();
        let base = map.as_ptr() as u64;
        let cm = CodeMem {
            map,
            base,
            size,
            page,
            inline: ZoneState {
                start: base,
                pos: base,
                end: base + (size - outlined) as u64,
            },
            outlined: ZoneState {
                start: base + (size - outlined) as u64,
                pos: base + (size - outlined) as u64,
                end: base + size as u64,
            },
        };
        cm.protect(0, size, libc::PROT_NONE)?;
        Ok(cm)
    }

    /// `[start, end)` of the whole region.
    pub fn region(&self) -> (u64, u64) {
        (self.base, self.base + self.size as u64)
    }

    /// Whether `addr` lies in the region.
    pub fn contains(&self, addr: u64) -> bool {
        addr >= self.base && addr < self.base + self.size as u64
    }

    fn zone(&self, z: Zone) -> &ZoneState {
        match z {
            Zone::Inline => &self.inline,
            Zone::Outlined => &self.outlined,
        }
    }

    fn zone_mut(&mut self, z: Zone) -> &mut ZoneState {
        match z {
            Zone::Inline => &mut self.inline,
            Zone::Outlined => &mut self.outlined,
        }
    }

    /// The current write position (address of the next byte) in a zone.
    pub fn pos(&self, z: Zone) -> u64 {
        self.zone(z).pos
    }

    /// `[start, end)` of a zone.
    pub fn zone_range(&self, z: Zone) -> (u64, u64) {
        let s = self.zone(z);
        (s.start, s.end)
    }

    /// Bytes left in a zone.
    pub fn remaining(&self, z: Zone) -> usize {
        let s = self.zone(z);
        (s.end - s.pos) as usize
    }

    /// Bytes used in a zone.
    pub fn used(&self, z: Zone) -> usize {
        let s = self.zone(z);
        (s.pos - s.start) as usize
    }

    /// Move a zone's write position back to `pos` (between the zone start and
    /// the current position), so that the next code overwrites what followed.
    /// Only sound if no code after `pos` has been executed or is referenced
    /// (e.g. dropping a block's final jump so the next block falls through).
    pub fn truncate(&mut self, z: Zone, pos: u64) -> Result<(), AsmError> {
        let s = self.zone_mut(z);
        if pos < s.start || pos > s.pos {
            return Err(AsmError::Invalid(format!(
                "truncate to {pos:#x} outside [{:#x}, {:#x}]",
                s.start, s.pos
            )));
        }
        s.pos = pos;
        Ok(())
    }

    /// Append `bytes` to a zone; returns their address. Fails cleanly with
    /// [`AsmError::OutOfMemory`] if the zone is full.
    pub fn append(&mut self, z: Zone, bytes: &[u8]) -> Result<u64, AsmError> {
        if bytes.len() > self.remaining(z) {
            return Err(AsmError::OutOfMemory);
        }
        let addr = self.pos(z);
        if !bytes.is_empty() {
            let mut w = self.writable(addr, bytes.len())?;
            w.bytes().copy_from_slice(bytes);
            w.seal()?;
        }
        self.zone_mut(z).pos = addr + bytes.len() as u64;
        Ok(addr)
    }

    /// Whether `[addr, addr+len)` lies in the written part of a zone.
    fn is_written(&self, addr: u64, len: usize) -> bool {
        let end = addr.saturating_add(len as u64);
        [&self.inline, &self.outlined]
            .iter()
            .any(|s| addr >= s.start && end <= s.pos)
    }

    /// Read back emitted bytes (for disassembly and tests). `None` unless the
    /// whole range has been written.
    pub fn read(&self, addr: u64, len: usize) -> Option<Vec<u8>> {
        if !self.is_written(addr, len) {
            return None;
        }
        let mut out = vec![0u8; len];
        // SAFETY: the range lies in written pages of our live mapping, which
        // are readable (r-x) whenever no WritableRange exists (and none can:
        // that would need `&mut self`).
        unsafe {
            std::ptr::copy_nonoverlapping(addr as *const u8, out.as_mut_ptr(), len);
        }
        Some(out)
    }

    /// Make `[addr, addr+len)` (which must lie in the region) writable and
    /// not executable until the returned view is sealed.
    pub fn writable(&mut self, addr: u64, len: usize) -> Result<WritableRange<'_>, AsmError> {
        let end = addr.checked_add(len as u64).ok_or(AsmError::OutOfMemory)?;
        if addr < self.base || end > self.base + self.size as u64 {
            return Err(AsmError::Invalid(format!(
                "write of {len} bytes at {addr:#x} outside the code region"
            )));
        }
        let off = (addr - self.base) as usize;
        let (pstart, plen) = self.page_span(off, len);
        self.protect(pstart, plen, libc::PROT_READ | libc::PROT_WRITE)?;
        Ok(WritableRange {
            cm: self,
            off,
            len,
            sealed: false,
        })
    }

    /// Page-aligned `(offset, len)` covering `[off, off+len)`.
    fn page_span(&self, off: usize, len: usize) -> (usize, usize) {
        let start = off / self.page * self.page;
        let end = (off + len).div_ceil(self.page) * self.page;
        (start, end - start)
    }

    /// mprotect `[off, off+len)` (page-aligned offsets into the region).
    fn protect(&self, off: usize, len: usize, prot: libc::c_int) -> Result<(), AsmError> {
        debug_assert!(off.is_multiple_of(self.page) && len.is_multiple_of(self.page));
        debug_assert!(
            prot & (libc::PROT_WRITE | libc::PROT_EXEC) != libc::PROT_WRITE | libc::PROT_EXEC
        );
        if len == 0 {
            return Ok(());
        }
        // SAFETY: the range is page-aligned and inside our own live mapping;
        // changing its protection cannot invalidate Rust references because
        // we only ever access it through raw pointers at times when the
        // protection allows it.
        let rc = unsafe {
            libc::mprotect(
                self.map.as_mut_ptr().add(off) as *mut libc::c_void,
                len,
                prot,
            )
        };
        if rc != 0 {
            return Err(AsmError::Os(format!(
                "mprotect: {}",
                std::io::Error::last_os_error()
            )));
        }
        Ok(())
    }

    /// Rewrite the patchable jump at `site` to go to `target`, while the code
    /// stays W^X (the page is flipped to RW for the write and back to RX).
    /// Fails if the site is not in written code, does not hold the expected
    /// instruction, or `target` is out of the site's range.
    pub fn patch_jump(&mut self, site: &PatchSite, target: u64) -> Result<(), AsmError> {
        let (len, mut bytes) = encode_patch(site, target)?;
        let old = self
            .read(site.addr, len)
            .ok_or_else(|| AsmError::Invalid(format!("patch site {:#x} not in code", site.addr)))?;
        check_site(site, &old)?;
        if site.kind == PatchKind::X86Jcc32 {
            bytes[..2].copy_from_slice(&old[..2]);
        }
        let mut w = self.writable(site.addr, len)?;
        w.bytes().copy_from_slice(&bytes[..len]);
        w.seal()
    }
}

impl CodeMem {
    /// Overwrite the code at `at` (which must be written code) with a jump to
    /// `target` — e.g. to invalidate a block by sending its entry to an exit —
    /// and return the new jump as a patch site (with `PatchId(u32::MAX)`), so
    /// it can be re-patched. x86-64 writes `jmp rel32` (5 bytes), AArch64 a
    /// `B` (4 bytes; ±128 MiB). Code that was running inside the overwritten
    /// bytes must not resume there.
    pub fn write_jump(
        &mut self,
        at: u64,
        target: u64,
        arch: crate::Arch,
    ) -> Result<PatchSite, AsmError> {
        let (kind, len) = match arch {
            crate::Arch::X86_64 => (PatchKind::X86Jmp32, 5),
            crate::Arch::Aarch64 => (PatchKind::A64B, 4),
        };
        let site = PatchSite {
            id: crate::ir::PatchId(u32::MAX),
            addr: at,
            kind,
            start: at,
            end: at + len as u64,
        };
        let (n, bytes) = encode_patch(&site, target)?;
        if !self.is_written(at, len) {
            return Err(AsmError::Invalid(format!("{at:#x} is not written code")));
        }
        let mut w = self.writable(at, n)?;
        w.bytes().copy_from_slice(&bytes[..n]);
        w.seal()?;
        Ok(site)
    }
}

/// The new bytes for a patch site (length, buffer).
fn encode_patch(site: &PatchSite, target: u64) -> Result<(usize, [u8; 16]), AsmError> {
    let mut buf = [0u8; 16];
    let rel = |next: u64| -> Result<i32, AsmError> {
        let d = target.wrapping_sub(next) as i64;
        i32::try_from(d).map_err(|_| AsmError::OutOfRange(format!("rel32 jump to {target:#x}")))
    };
    match site.kind {
        PatchKind::X86Jmp32 => {
            buf[0] = 0xE9;
            buf[1..5].copy_from_slice(&rel(site.addr + 5)?.to_le_bytes());
            Ok((5, buf))
        }
        PatchKind::X86Jcc32 => {
            // The opcode bytes `0F 8x` are copied from the site by the caller;
            // only rel32 changes.
            buf[2..6].copy_from_slice(&rel(site.addr + 6)?.to_le_bytes());
            Ok((6, buf))
        }
        PatchKind::A64B => {
            let d = target.wrapping_sub(site.addr) as i64;
            if d % 4 != 0 || !(-(1 << 27)..(1 << 27)).contains(&d) {
                return Err(AsmError::OutOfRange(format!("B to {target:#x}")));
            }
            let insn = 0x1400_0000u32 | (((d >> 2) as u32) & 0x03ff_ffff);
            buf[..4].copy_from_slice(&insn.to_le_bytes());
            Ok((4, buf))
        }
        PatchKind::A64Veneer => {
            // ldr x16, #8 ; br x16 ; .quad target
            buf[..4].copy_from_slice(&0x5800_0050u32.to_le_bytes());
            buf[4..8].copy_from_slice(&0xd61f_0200u32.to_le_bytes());
            buf[8..16].copy_from_slice(&target.to_le_bytes());
            Ok((16, buf))
        }
    }
}

/// Check that `old` holds the kind of instruction the site claims, and for
/// `X86Jcc32` keep its opcode bytes in place.
fn check_site(site: &PatchSite, old: &[u8]) -> Result<(), AsmError> {
    let ok = match site.kind {
        PatchKind::X86Jmp32 => old[0] == 0xE9,
        PatchKind::X86Jcc32 => old[0] == 0x0F && (old[1] & 0xF0) == 0x80,
        PatchKind::A64B => {
            let w = u32::from_le_bytes([old[0], old[1], old[2], old[3]]);
            w & 0xfc00_0000 == 0x1400_0000
        }
        PatchKind::A64Veneer => {
            let w0 = u32::from_le_bytes([old[0], old[1], old[2], old[3]]);
            let w1 = u32::from_le_bytes([old[4], old[5], old[6], old[7]]);
            w0 == 0x5800_0050 && w1 == 0xd61f_0200
        }
    };
    if ok {
        Ok(())
    } else {
        Err(AsmError::Invalid(format!(
            "no {:?} at patch site {:#x}",
            site.kind, site.addr
        )))
    }
}

/// A writable (and not executable) view of part of the code memory. Seal it
/// to make the pages executable again; dropping it unsealed seals it too
/// (ignoring a failure, which leaves the pages writable but still not
/// executable).
pub struct WritableRange<'a> {
    cm: &'a mut CodeMem,
    off: usize,
    len: usize,
    sealed: bool,
}

impl WritableRange<'_> {
    /// The bytes of the range.
    pub fn bytes(&mut self) -> &mut [u8] {
        // SAFETY: `[off, off+len)` lies in the live mapping (checked in
        // `writable`), its pages are read+write for as long as this view
        // exists, and the view borrows the CodeMem mutably so no other
        // reference into the region exists.
        unsafe { std::slice::from_raw_parts_mut(self.cm.map.as_mut_ptr().add(self.off), self.len) }
    }

    /// Flip the pages back to read+execute and flush the instruction cache.
    pub fn seal(mut self) -> Result<(), AsmError> {
        self.sealed = true;
        self.seal_inner()
    }

    fn seal_inner(&self) -> Result<(), AsmError> {
        let (pstart, plen) = self.cm.page_span(self.off, self.len);
        self.cm
            .protect(pstart, plen, libc::PROT_READ | libc::PROT_EXEC)?;
        flush_icache(self.cm.base + self.off as u64, self.len);
        Ok(())
    }
}

impl Drop for WritableRange<'_> {
    fn drop(&mut self) {
        if !self.sealed {
            let _ = self.seal_inner();
        }
    }
}

/// Make freshly written instructions visible to instruction fetch.
#[cfg(target_arch = "aarch64")]
fn flush_icache(start: u64, len: usize) {
    use std::arch::asm;
    if len == 0 {
        return;
    }
    let end = start + len as u64;
    let ctr: u64;
    // SAFETY: reading CTR_EL0 is permitted at EL0 on Linux and has no side effects.
    unsafe { asm!("mrs {}, ctr_el0", out(reg) ctr, options(nomem, nostack)) };
    let dline = 4u64 << ((ctr >> 16) & 0xf);
    let iline = 4u64 << (ctr & 0xf);
    let mut a = start & !(dline - 1);
    while a < end {
        // SAFETY: cleaning a data-cache line of our own mapped memory to the
        // point of unification has no effect on program semantics.
        unsafe { asm!("dc cvau, {}", in(reg) a, options(nostack)) };
        a += dline;
    }
    // SAFETY: a barrier has no memory-safety implications.
    unsafe { asm!("dsb ish", options(nostack)) };
    let mut a = start & !(iline - 1);
    while a < end {
        // SAFETY: invalidating instruction-cache lines of our own mapping only
        // forces a refetch.
        unsafe { asm!("ic ivau, {}", in(reg) a, options(nostack)) };
        a += iline;
    }
    // SAFETY: barriers have no memory-safety implications.
    unsafe { asm!("dsb ish", "isb", options(nostack)) };
}

/// x86-64 keeps instruction fetch coherent with stores; nothing to do.
#[cfg(not(target_arch = "aarch64"))]
fn flush_icache(_start: u64, _len: usize) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn append_and_read_back() {
        let mut cm = CodeMem::new(1 << 16).unwrap();
        let a = cm.append(Zone::Inline, &[1, 2, 3]).unwrap();
        let b = cm.append(Zone::Inline, &[4]).unwrap();
        assert_eq!(b, a + 3);
        assert_eq!(cm.read(a, 4).unwrap(), vec![1, 2, 3, 4]);
        assert!(cm.read(a, 5).is_none());
        let o = cm.append(Zone::Outlined, &[9]).unwrap();
        assert_eq!(o, cm.zone_range(Zone::Outlined).0);
        cm.truncate(Zone::Inline, a + 1).unwrap();
        assert_eq!(cm.pos(Zone::Inline), a + 1);
        assert!(cm.truncate(Zone::Inline, a + 2).is_err());
    }

    #[test]
    fn full_zone_is_an_error() {
        let mut cm = CodeMem::with_outlined(2 * page_size(), page_size()).unwrap();
        let n = cm.remaining(Zone::Inline);
        assert_eq!(
            cm.append(Zone::Inline, &vec![0u8; n + 1]),
            Err(AsmError::OutOfMemory)
        );
        cm.append(Zone::Inline, &vec![0u8; n]).unwrap();
        assert_eq!(cm.append(Zone::Inline, &[0]), Err(AsmError::OutOfMemory));
    }

    #[test]
    fn patch_encodings() {
        let site = |kind, addr| PatchSite {
            id: crate::ir::PatchId(0),
            addr,
            kind,
            start: addr,
            end: addr,
        };
        let (n, b) = encode_patch(&site(PatchKind::X86Jmp32, 0x1000), 0x1005 + 0x10).unwrap();
        assert_eq!(&b[..n], &[0xE9, 0x10, 0, 0, 0]);
        let (n, b) = encode_patch(&site(PatchKind::A64B, 0x1000), 0x0ff8).unwrap();
        assert_eq!(u32::from_le_bytes(b[..4].try_into().unwrap()), 0x17ff_fffe);
        assert_eq!(n, 4);
        assert!(encode_patch(&site(PatchKind::A64B, 0), 1 << 28).is_err());
        assert!(encode_patch(&site(PatchKind::X86Jmp32, 0), 1 << 40).is_err());
    }
}
