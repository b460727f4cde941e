//! Shared helpers for the corpus, oracle, unsupported, CLI, JIT and statistics
//! integration tests.
//! Only `std` is used.
//!
//! Convention (the same as `tests/regen.py`): a corpus program
//! `tests/programs/<dir>/NAME.py` runs with its own folder as the working directory and
//! is named by its bare file name: `basil [mode args...] NAME.py`, so `sys.argv ==
//! ['NAME.py']`; stdin is empty. Expected files beside it: `NAME.out` (exact stdout),
//! `NAME.err` (last non-empty stderr line; absent = no expectation), `NAME.code` (exit
//! status; absent = 0).
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Per-program timeout: a hang is a failure, not a frozen test run.
pub const TIMEOUT: Duration = Duration::from_secs(20);

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn programs_root() -> PathBuf {
    manifest_dir().join("tests").join("programs")
}

/// The binary under test: `$BASIL_BIN` if set (e.g. `BASIL_BIN=python3` to sanity-check
/// the runner itself), else the `basil` binary Cargo built for this test.
pub fn basil_bin() -> String {
    match std::env::var("BASIL_BIN") {
        Ok(s) if !s.is_empty() => s,
        _ => env!("CARGO_BIN_EXE_basil").to_string(),
    }
}

/// A command running the binary under test, through the emulator named by
/// `BASIL_RUNNER` when it is set (`"qemu-aarch64 -L /usr/aarch64-linux-gnu"`
/// runs a cross-built basil).
pub fn basil_command() -> Command {
    let bin = basil_bin();
    let runner = std::env::var("BASIL_RUNNER").unwrap_or_default();
    let mut words = runner.split_whitespace();
    match words.next() {
        Some(emulator) => {
            let mut c = Command::new(emulator);
            c.args(words).arg(&bin);
            c
        }
        None => Command::new(&bin),
    }
}

/// `python3` if it is on PATH and is CPython 3.11, else None.
pub fn python311() -> Option<String> {
    let py = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_string());
    let out = Command::new(&py)
        .args(["-c", "import sys; print(sys.version_info[:2])"])
        .stdin(Stdio::null())
        .output()
        .ok()?;
    if out.status.success() && String::from_utf8_lossy(&out.stdout).trim() == "(3, 11)" {
        Some(py)
    } else {
        None
    }
}

/// All corpus programs, as paths relative to `programs_root()`, sorted; filtered by the
/// substring in `$BASIL_CORPUS_FILTER` when set.
pub fn corpus_programs() -> Vec<PathBuf> {
    let root = programs_root();
    let mut out = Vec::new();
    walk(&root, &mut out);
    let filter = std::env::var("BASIL_CORPUS_FILTER").unwrap_or_default();
    let mut rel: Vec<PathBuf> = out
        .into_iter()
        .map(|p| p.strip_prefix(&root).unwrap().to_path_buf())
        .filter(|p| filter.is_empty() || p.to_string_lossy().contains(&filter))
        .collect();
    rel.sort();
    rel
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "py") {
            out.push(p);
        }
    }
}

pub fn last_nonempty_line(text: &str) -> String {
    text.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .to_string()
}

#[derive(Debug, Clone)]
pub struct RunResult {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// Exit status; None when killed by a signal or timed out.
    pub code: Option<i32>,
    pub signal: Option<i32>,
    pub timed_out: bool,
    pub spawn_error: Option<String>,
}

impl RunResult {
    pub fn stdout_str(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
    pub fn stderr_str(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }
    pub fn describe_status(&self) -> String {
        if let Some(e) = &self.spawn_error {
            format!("could not start: {e}")
        } else if self.timed_out {
            format!("TIMEOUT after {}s", TIMEOUT.as_secs())
        } else if let Some(c) = self.code {
            format!("exit {c}")
        } else if let Some(s) = self.signal {
            format!("killed by signal {s}")
        } else {
            "unknown status".to_string()
        }
    }
}

/// Run `program args...` in `cwd` with `stdin` fed in (empty if None), capturing stdout
/// and stderr, killing it after `timeout`.
pub fn run_with_timeout(
    program: &str,
    args: &[String],
    cwd: &Path,
    stdin: Option<&[u8]>,
    timeout: Duration,
) -> RunResult {
    let mut cmd = Command::new(program);
    cmd.args(args)
        .current_dir(cwd)
        .env("PYTHONIOENCODING", "utf-8")
        .env("PYTHONHASHSEED", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
    // Own process group, so that a timeout kills any children too (their open pipes
    // would otherwise keep the reader threads waiting).
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            return RunResult {
                stdout: vec![],
                stderr: vec![],
                code: None,
                signal: None,
                timed_out: false,
                spawn_error: Some(format!("{program}: {e}")),
            }
        }
    };
    if let Some(input) = stdin {
        let mut w = child.stdin.take().unwrap();
        let input = input.to_vec();
        std::thread::spawn(move || {
            let _ = w.write_all(&input);
        });
    }
    let mut so = child.stdout.take().unwrap();
    let mut se = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = so.read_to_end(&mut v);
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = se.read_to_end(&mut v);
        v
    });
    let start = Instant::now();
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(st)) => break Some(st),
            Ok(None) => {
                if start.elapsed() > timeout {
                    timed_out = true;
                    #[cfg(unix)]
                    let _ = Command::new("kill")
                        .args(["-s", "KILL", "--", &format!("-{}", child.id())])
                        .stderr(Stdio::null())
                        .status();
                    let _ = child.kill();
                    let _ = child.wait();
                    break None;
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(_) => break None,
        }
    };
    let stdout = t_out.join().unwrap_or_default();
    let stderr = t_err.join().unwrap_or_default();
    let (code, signal) = match status {
        Some(st) => {
            #[cfg(unix)]
            let sig = std::os::unix::process::ExitStatusExt::signal(&st);
            #[cfg(not(unix))]
            let sig = None;
            (st.code(), sig)
        }
        None => (None, None),
    };
    RunResult {
        stdout,
        stderr,
        code,
        signal,
        timed_out,
        spawn_error: None,
    }
}

/// Run corpus program `rel` (relative to `programs_root()`) with `prefix_args` before
/// its file name, following the corpus convention.
pub fn run_corpus_program(program: &str, prefix_args: &[String], rel: &Path) -> RunResult {
    let full = programs_root().join(rel);
    let dir = full.parent().unwrap().to_path_buf();
    let name = full.file_name().unwrap().to_string_lossy().into_owned();
    let mut args: Vec<String> = prefix_args.to_vec();
    args.push(name);
    // `BASIL_RUNNER="qemu-aarch64 -L /usr/aarch64-linux-gnu"` runs a
    // cross-built basil under an emulator.
    if let Ok(runner) = std::env::var("BASIL_RUNNER") {
        let mut words: Vec<String> = runner.split_whitespace().map(String::from).collect();
        if !words.is_empty() {
            let emulator = words.remove(0);
            words.push(program.to_string());
            words.extend(args);
            return run_with_timeout(&emulator, &words, &dir, None, TIMEOUT);
        }
    }
    run_with_timeout(program, &args, &dir, None, TIMEOUT)
}

#[derive(Debug, Clone)]
pub struct Expected {
    pub stdout: Vec<u8>,
    /// Last non-empty stderr line, or None (no expectation).
    pub err: Option<String>,
    pub code: i32,
}

impl Expected {
    pub fn load(rel: &Path) -> Result<Expected, String> {
        let full = programs_root().join(rel);
        let out = full.with_extension("out");
        let stdout = std::fs::read(&out).map_err(|e| {
            format!(
                "missing {}: {e} (run `python3 tests/regen.py`)",
                out.display()
            )
        })?;
        let err = std::fs::read_to_string(full.with_extension("err"))
            .ok()
            .map(|s| last_nonempty_line(&s))
            .filter(|s| !s.is_empty());
        let code = match std::fs::read_to_string(full.with_extension("code")) {
            Ok(s) => s
                .trim()
                .parse::<i32>()
                .map_err(|e| format!("bad .code file for {}: {e}", rel.display()))?,
            Err(_) => 0,
        };
        Ok(Expected { stdout, err, code })
    }
}

/// Compare a run against the expectation; Err holds a human-readable explanation
/// with a short diff.
pub fn compare(actual: &RunResult, exp: &Expected) -> Result<(), String> {
    let mut problems = Vec::new();
    if actual.spawn_error.is_some() || actual.timed_out || actual.code != Some(exp.code) {
        problems.push(format!(
            "  status: expected exit {}, got {}",
            exp.code,
            actual.describe_status()
        ));
    }
    if actual.stdout != exp.stdout {
        problems.push(format!(
            "  stdout differs:\n{}",
            short_diff(
                &String::from_utf8_lossy(&exp.stdout),
                &String::from_utf8_lossy(&actual.stdout)
            )
        ));
    }
    if let Some(e) = &exp.err {
        let got = last_nonempty_line(&actual.stderr_str());
        if &got != e {
            problems.push(format!(
                "  stderr last line:\n    expected: {e}\n    actual:   {got}"
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        let se = actual.stderr_str();
        let tail: Vec<&str> = se.lines().rev().take(6).collect();
        if !tail.is_empty() && (exp.err.is_none() || actual.code != Some(exp.code)) {
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            problems.push(format!("  stderr tail:\n    | {}", tail.join("\n    | ")));
        }
        Err(problems.join("\n"))
    }
}

/// First differing line with a little context, and the line counts.
pub fn short_diff(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.split('\n').collect();
    let a: Vec<&str> = actual.split('\n').collect();
    let first = (0..e.len().max(a.len()))
        .find(|&i| e.get(i) != a.get(i))
        .unwrap_or(0);
    let lo = first.saturating_sub(2);
    let mut s = format!(
        "    first difference at line {} (expected {} lines, got {})\n",
        first + 1,
        e.len().saturating_sub(1),
        a.len().saturating_sub(1)
    );
    for i in lo..(first + 3) {
        let ex = e.get(i);
        let ac = a.get(i);
        if ex.is_none() && ac.is_none() {
            break;
        }
        let mark = if ex == ac { ' ' } else { '!' };
        s.push_str(&format!(
            "    {mark} {:>4} expected: {}\n    {mark} {:>4} actual:   {}\n",
            i + 1,
            ex.map(|x| format!("{x:?}"))
                .unwrap_or_else(|| "<none>".into()),
            i + 1,
            ac.map(|x| format!("{x:?}"))
                .unwrap_or_else(|| "<none>".into()),
        ));
    }
    s.trim_end().to_string()
}

/// Run `f` over `items` with `workers` threads; results in the original order.
pub fn parallel_map<T, R, F>(items: Vec<T>, workers: usize, f: F) -> Vec<R>
where
    T: Send + 'static,
    R: Send + 'static,
    F: Fn(T) -> R + Send + Sync + 'static,
{
    let n = items.len();
    let queue: Arc<Mutex<Vec<(usize, T)>>> =
        Arc::new(Mutex::new(items.into_iter().enumerate().rev().collect()));
    let results: Arc<Mutex<Vec<Option<R>>>> = Arc::new(Mutex::new((0..n).map(|_| None).collect()));
    let f = Arc::new(f);
    let mut handles = Vec::new();
    for _ in 0..workers.max(1) {
        let queue = queue.clone();
        let results = results.clone();
        let f = f.clone();
        handles.push(std::thread::spawn(move || loop {
            let item = queue.lock().unwrap().pop();
            let Some((i, t)) = item else { break };
            let r = f(t);
            results.lock().unwrap()[i] = Some(r);
        }));
    }
    for h in handles {
        h.join().expect("worker thread panicked");
    }
    let v = std::mem::take(&mut *results.lock().unwrap());
    v.into_iter().map(|r| r.unwrap()).collect()
}

/// Number of worker threads: `$BASIL_CORPUS_JOBS`, else min(4, max(2, cores)).
pub fn workers() -> usize {
    if let Some(n) = std::env::var("BASIL_CORPUS_JOBS")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        return n;
    }
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2);
    cores.clamp(2, 4)
}
