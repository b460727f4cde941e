//! basil: a virtual machine for a subset of Python 3.11 with a lazy basic-block
//! versioning JIT. See `docs/ARCHITECTURE.md` for the map of the crate.

pub mod bytecode;
pub mod cli;
pub mod compiler;
pub mod embed;
pub mod fuzzgen;
pub mod intern;
pub mod interp;
pub mod jit;
pub mod runtime;
