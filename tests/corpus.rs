//! Runs every program of `tests/programs/**.py` through the real `basil` binary in every
//! mode of [`MODES`] and compares stdout, exit status and the last line of stderr with
//! what CPython 3.11 produced (`NAME.out`, `NAME.code`, `NAME.err`, written by
//! `tests/regen.py`).
//!
//! Environment:
//! - `BASIL_CORPUS_FILTER=substr` — only programs whose relative path contains `substr`
//!   (e.g. `BASIL_CORPUS_FILTER=bigint/`).
//! - `BASIL_CORPUS_MODE=N` — only the N-th entry (0-based) of `MODES`.
//! - `BASIL_BIN=path` — run another binary instead of basil (`BASIL_BIN=python3` checks
//!   the runner itself; then only mode 0 makes sense).
//! - `BASIL_CORPUS_JOBS=N` — worker threads (default 2-4).
//!
//! Convention: cwd = the program's folder, argv = `[mode args..., NAME.py]`.

mod common;

use common::*;
use std::path::PathBuf;

/// The modes every program runs in: extra command-line arguments placed before the file.
/// The JIT work adds `&["--lbbv"]`, `&["--lbbv", "--lbbv-threshold=0"]` and
/// `&["--lbbv", "--lbbv-threshold=0", "--lbbv-max-versions=1"]` here.
const MODES: &[&[&str]] = &[
    &[], // the interpreter
    &["--lbbv"],
    &["--lbbv", "--lbbv-threshold=0"],
    &["--lbbv", "--lbbv-threshold=0", "--lbbv-max-versions=1"],
    &["--lbbv", "--lbbv-threshold=0", "--lbbv-exec-mem=1"],
];

#[test]
fn corpus() {
    let programs = corpus_programs();
    assert!(
        !programs.is_empty() || std::env::var("BASIL_CORPUS_FILTER").is_ok(),
        "no programs found under {}",
        programs_root().display()
    );
    let modes: Vec<(usize, Vec<String>)> = MODES
        .iter()
        .enumerate()
        .filter(|(i, _)| match std::env::var("BASIL_CORPUS_MODE") {
            Ok(m) => m.parse::<usize>().ok() == Some(*i),
            Err(_) => true,
        })
        .map(|(i, m)| (i, m.iter().map(|s| s.to_string()).collect()))
        .collect();
    let bin = basil_bin();

    let mut jobs: Vec<(PathBuf, Vec<String>)> = Vec::new();
    for p in &programs {
        for (_, m) in &modes {
            jobs.push((p.clone(), m.clone()));
        }
    }
    let total = jobs.len();
    let bin2 = bin.clone();
    let results = parallel_map(jobs, workers(), move |(rel, mode)| {
        let outcome = match Expected::load(&rel) {
            Ok(exp) => compare(&run_corpus_program(&bin2, &mode, &rel), &exp),
            Err(e) => Err(format!("  {e}")),
        };
        (rel, mode, outcome)
    });

    let mut failures = Vec::new();
    for (rel, mode, outcome) in &results {
        if let Err(msg) = outcome {
            failures.push(format!("FAIL {} mode {:?}\n{}", rel.display(), mode, msg));
        }
    }
    for f in &failures {
        eprintln!("{f}\n");
    }
    if !failures.is_empty() {
        eprintln!("failed programs:");
        for (rel, mode, outcome) in &results {
            if outcome.is_err() {
                eprintln!("  {} {:?}", rel.display(), mode);
            }
        }
    }
    let summary = format!(
        "corpus: {} programs x {} modes: {} passed, {} failed (binary: {})",
        programs.len(),
        modes.len(),
        total - failures.len(),
        failures.len(),
        bin
    );
    eprintln!("{summary}");
    assert!(failures.is_empty(), "{summary}");
}
