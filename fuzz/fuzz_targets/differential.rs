//! Differential fuzzing of the JIT: the input bytes describe a program
//! (`basil::fuzzgen`), which runs in-process in the interpreter and under
//! `--lbbv` with thresholds 0 and 10 and version caps 1, 2 and 4, a code
//! memory that fills up, and GC stress (`fuzzgen::oracle::check`). Any
//! difference panics with the program minimised on its AST.
#![no_main]

use basil::fuzzgen::{self, oracle, shrink, Config};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let p = fuzzgen::from_bytes(data, Config::default());
    if let Err(first) = oracle::check(&p.to_source()) {
        let kind = first.kind();
        let fails = &mut |q: &fuzzgen::Program| {
            oracle::check(&q.to_source()).err().map(|f| f.kind()) == Some(kind.clone())
        };
        let small = shrink::shrink(&p, fails, 400);
        let why = oracle::check(&small.to_source()).err().unwrap_or(first);
        panic!(
            "{}\n--- minimised program ---\n{}---",
            why.describe(),
            small.to_source()
        );
    }
});
