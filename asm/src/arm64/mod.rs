//! AArch64 support: our own instruction encoder (`inst`, operands in `arg`) and the
//! lowering of the backend IR to AArch64 machine code (`lower`).
//!
//! Every instruction constructor cites the page of the Arm Architecture Reference
//! Manual for A-profile (DDI 0487) that defines it: chapter C6.2 ("Alphabetical list
//! of A64 base instructions") for integer instructions, C7.2 for floating point, by
//! page title. Encoding classes follow chapter C4.1 ("A64 instruction set encoding").

pub mod arg;
pub mod inst;
pub mod lower;

#[cfg(test)]
mod objdump_sweep;
#[cfg(test)]
mod test_util;
