//! Prints the program a differential-fuzzer seed names, or checks a range of
//! seeds:
//!
//!     cargo run --release --example fuzzgen -- print SEED [--cpython]
//!     cargo run --release --example fuzzgen -- check FIRST COUNT [--cpython]
//!     cargo run --release --example fuzzgen -- shrink SEED [--cpython]
//!     cargo run --release --example fuzzgen -- bytes FILE [--cpython]
//!
//! `shrink` prints the failing program of SEED minimised (ready for
//! `tests/programs/fuzz/`). `bytes` prints the program a cargo-fuzz input
//! (an artifact under `fuzz/artifacts/differential/`) describes.
//!
//! `--cpython` uses the CPython-oracle configuration (`Config::cpython`)
//! and, with `check`, compares with `python3` too.

use basil::fuzzgen::{self, oracle, Config};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cpython = args.iter().any(|a| a == "--cpython");
    let cfg = Config { cpython };
    let num = |i: usize| args.get(i).and_then(|s| s.parse::<u64>().ok()).unwrap_or(0);
    match args.first().map(String::as_str) {
        Some("print") => print!("{}", fuzzgen::from_seed(num(1), cfg).to_source()),
        Some("bytes") => match std::fs::read(args.get(1).map_or("", String::as_str)) {
            Ok(data) => print!("{}", fuzzgen::from_bytes(&data, cfg).to_source()),
            Err(e) => eprintln!("fuzzgen bytes: {e}"),
        },
        Some("check") => {
            let (first, count) = (num(1), num(2).max(1));
            let t = Instant::now();
            let mut failed = 0;
            for seed in first..first + count {
                let src = fuzzgen::from_seed(seed, cfg).to_source();
                let r = if cpython {
                    oracle::check_cpython(&src, "python3")
                } else {
                    oracle::check(&src).map(|_| ())
                };
                if let Err(f) = r {
                    failed += 1;
                    println!("seed {seed}: {}", f.kind());
                }
            }
            let s = t.elapsed().as_secs_f64();
            println!(
                "{count} programs, {failed} failed, {s:.1}s, {:.1} programs/s",
                count as f64 / s
            );
        }
        Some("shrink") => {
            let p = fuzzgen::from_seed(num(1), cfg);
            let check = |q: &fuzzgen::Program| {
                let src = q.to_source();
                if cpython {
                    oracle::check_cpython(&src, "python3")
                } else {
                    oracle::check(&src).map(|_| ())
                }
            };
            let Err(first) = check(&p) else {
                println!("seed {} passes", num(1));
                return;
            };
            let kind = first.kind();
            let fails = &mut |q: &fuzzgen::Program| check(q).err().map(|f| f.kind()) == Some(kind.clone());
            let small = fuzzgen::shrink::shrink(&p, fails, 2000);
            eprintln!("{}", check(&small).err().unwrap_or(first).describe());
            print!("{}", small.to_source());
        }
        _ => eprintln!("usage: fuzzgen print SEED | check FIRST COUNT | shrink SEED | bytes FILE  (each [--cpython])"),
    }
}
