//! basil-asm
