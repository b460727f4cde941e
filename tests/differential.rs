//! The differential fuzzer's bounded runs (SPEC §4).
//!
//! `differential`: quickcheck draws program seeds from a fixed seed; each
//! seed names a generated program (`basil::fuzzgen::from_seed`) that runs
//! in-process in the interpreter and in seven JIT modes, three of the nine
//! runs with the GC collecting every 32 KiB (`fuzzgen::oracle::check`). A
//! failure is minimised on the AST and printed, ready to be saved under
//! `tests/programs/fuzz/`.
//!
//! `cpython_oracle`: the same, plus `python3` as the reference for the
//! interpreter; runs only when `BASIL_DIFF_CPYTHON=N` (N programs) is set
//! (`scripts/test.sh` sets it when `python3` exists) and `python3` is 3.11
//! (or `BASIL_PYTHON` names another interpreter).
//!
//! Environment: `BASIL_DIFF_N` (programs of the bounded run, default 300),
//! `BASIL_DIFF_SEED` (quickcheck's seed, default fixed), `BASIL_DIFF_JOBS`
//! (worker threads, default 2), `BASIL_DIFF_SECS` (stop starting programs
//! after this many seconds: a long run is
//! `BASIL_DIFF_CPYTHON=1000000 BASIL_DIFF_SECS=1800`).

mod common;

use basil::fuzzgen::{self, oracle, shrink, Config, Program};
use quickcheck::{Arbitrary, Gen};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// `n` program seeds drawn by quickcheck from the fixed `BASIL_DIFF_SEED`.
fn seeds(n: usize, salt: u64) -> Vec<u64> {
    let seed = env_num("BASIL_DIFF_SEED", 0x0ba5_11ed) ^ salt;
    let mut g = Gen::from_size_and_seed(100, seed);
    (0..n).map(|_| u64::arbitrary(&mut g)).collect()
}

/// Checks one program; on failure returns the minimised report.
fn check_one(p: &Program, cfg_python: Option<&str>) -> Result<(), String> {
    let check = |p: &Program| -> Result<(), oracle::Failure> {
        let src = p.to_source();
        match cfg_python {
            Some(py) => oracle::check_cpython(&src, py),
            None => oracle::check(&src).map(|_| ()),
        }
    };
    let Err(first) = check(p) else {
        return Ok(());
    };
    let kind = first.kind();
    let small = shrink::shrink(
        p,
        &mut |q| check(q).err().map(|f| f.kind()) == Some(kind.clone()),
        400,
    );
    let why = check(&small).err().unwrap_or(first);
    Err(format!(
        "{}\n--- minimised program ({} statements, from {}) ---\n{}---\n",
        why.describe(),
        small.size(),
        p.size(),
        small.to_source()
    ))
}

/// Runs the programs of `seeds` on `BASIL_DIFF_JOBS` threads; panics with
/// every failure's report.
fn run(label: &str, seeds: Vec<u64>, cfg: Config, python: Option<&str>) {
    let started = Instant::now();
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let jobs = env_num("BASIL_DIFF_JOBS", 2).max(1);
    let budget = std::time::Duration::from_secs(env_num("BASIL_DIFF_SECS", u64::MAX / 4));
    let ran = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..jobs {
            s.spawn(|| loop {
                if started.elapsed() > budget {
                    break;
                }
                ran.fetch_add(1, Ordering::Relaxed);
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(&seed) = seeds.get(i) else { break };
                let p = fuzzgen::from_seed(seed, cfg);
                if let Err(report) = check_one(&p, python) {
                    let msg = format!("FAIL seed {seed}: {report}");
                    eprintln!("{msg}");
                    failures.lock().unwrap_or_else(|e| e.into_inner()).push(msg);
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap_or_else(|e| e.into_inner());
    let secs = started.elapsed().as_secs_f64();
    let ran = ran.into_inner().min(seeds.len());
    eprintln!(
        "{label}: {ran} programs in {secs:.1}s ({:.1} programs/s), {} failed",
        ran as f64 / secs,
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{label}: {} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn differential() {
    let n = env_num("BASIL_DIFF_N", 300) as usize;
    run("differential", seeds(n, 0), Config::default(), None);
}

#[test]
fn cpython_oracle() {
    let Some(n) = std::env::var("BASIL_DIFF_CPYTHON")
        .ok()
        .and_then(|v| v.parse().ok())
    else {
        eprintln!("cpython_oracle: skipped (set BASIL_DIFF_CPYTHON=N to run N programs)");
        return;
    };
    let python = match std::env::var("BASIL_PYTHON") {
        Ok(p) => p,
        Err(_) => match common::python311() {
            Some(p) => p,
            None => {
                eprintln!("cpython_oracle: SKIPPED (python3 3.11 not found on PATH)");
                return;
            }
        },
    };
    let cfg = Config { cpython: true };
    run("cpython_oracle", seeds(n, 0xc0ffee), cfg, Some(&python));
}

/// The fuzzer's regression programs (`tests/programs/fuzz/`) against
/// python3 with the CPython oracle's full comparison, tracebacks included
/// (the corpus test compares only their last line).
#[test]
fn fuzz_regressions_match_cpython_tracebacks() {
    let Some(python) = common::python311() else {
        eprintln!("fuzz_regressions: SKIPPED (python3 3.11 not found on PATH)");
        return;
    };
    let dir = common::programs_root().join("fuzz");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/programs/fuzz")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for f in files {
        let src = std::fs::read_to_string(&f).expect("readable");
        if let Err(e) = oracle::check_cpython(&src, &python) {
            panic!("{}: {}", f.display(), e.describe());
        }
    }
}

/// The shrinker keeps what the predicate needs and drops the rest.
#[test]
fn shrinker_minimises() {
    let p = fuzzgen::from_seed(7, Config::default());
    let needle = "class Boom";
    assert!(p.to_source().contains(needle));
    let small = shrink::shrink(&p, &mut |q| q.to_source().contains(needle), 10_000);
    // `class Boom(Exception): pass` (its `pass` prints even when removed).
    assert!(small.size() <= 2, "{}", small.to_source());
}

/// Generated programs compile and mostly run to the end: a generator that
/// produced only early crashes would test little.
#[test]
fn generated_programs_run() {
    let mut clean = 0;
    let all = 40;
    for seed in seeds(all, 0x5eed) {
        let src = fuzzgen::from_seed(seed, Config::default()).to_source();
        let out = oracle::check(&src).unwrap_or_else(|f| panic!("{}\n{src}", f.describe()));
        clean += (out.status == 0) as usize;
    }
    assert!(
        clean * 2 > all,
        "only {clean} of {all} programs ran to the end"
    );
}

/// Any input gives a program basil compiles, of bounded size: constant
/// bytes (every choice the same) and the input that once nested conditional
/// expressions without bound.
#[test]
fn generator_handles_any_bytes() {
    let mut inputs: Vec<Vec<u8>> = (0..=255u8).map(|b| vec![b; 4096]).collect();
    let mut crash = vec![0x9e; 300];
    crash[0] = 0x24;
    inputs.push(crash);
    inputs.push(Vec::new());
    for data in inputs {
        let src = fuzzgen::from_bytes(&data, Config::default()).to_source();
        assert!(src.len() < 400_000, "program of {} bytes", src.len());
        let mut names = basil::intern::Interner::default();
        if let Err(e) = basil::compiler::compile_module(&src, "prog.py", "__main__", &mut names) {
            panic!("{}\n{src}", e.render("prog.py"));
        }
    }
}
