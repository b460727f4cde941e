//! The differential fuzzer's library half, shared by `tests/differential.rs`
//! and the `differential` cargo-fuzz target.
//!
//! - [`ast`]: a tiny program AST and its printer to Python source;
//! - [`gen`]: programs from fuzzer bytes, well-formed and terminating, aimed
//!   at what breaks JITs (type changes at one site, int overflow, float
//!   specials, polymorphic sites, rebinding, deep exceptions);
//! - [`oracle`]: runs a program in-process (`crate::embed`) in the
//!   interpreter and under the JIT with several thresholds and version caps,
//!   optionally against `python3` too, and reports any difference;
//! - [`shrink`]: minimises a failing program on its AST.
//!
//! [`from_bytes`] and [`from_seed`] are the two ways in: raw fuzzer input, or
//! a quickcheck-style seed expanded into bytes by a fixed PRNG (so a seed names
//! one program on every machine).

pub mod ast;
pub mod gen;
pub mod oracle;
pub mod shrink;

pub use ast::Program;
pub use gen::Config;

/// The program that `data` describes.
pub fn from_bytes(data: &[u8], cfg: Config) -> Program {
    let mut u = arbitrary::Unstructured::new(data);
    Program {
        body: gen::generate(&mut u, cfg),
    }
}

/// The program that `seed` names: 4 KiB of splitmix64 output fed to
/// [`from_bytes`].
pub fn from_seed(seed: u64, cfg: Config) -> Program {
    let mut state = seed;
    let mut bytes = Vec::with_capacity(4096);
    while bytes.len() < 4096 {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        bytes.extend_from_slice(&z.to_le_bytes());
    }
    from_bytes(&bytes, cfg)
}
