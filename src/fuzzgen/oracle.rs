//! The oracle: runs one program in every mode and compares.
//!
//! [`check`] runs it in-process in the interpreter and under `--lbbv` with
//! thresholds 0 and the default and version caps 1, 2 and the default (plus
//! a code memory of 24 KiB that fills up), some of them with the GC collecting every 32 KiB
//! (`embed::GC_STRESS_BYTES`); any difference in stdout, stderr or exit status from
//! the interpreter's run is a [`Failure`]. [`check_cpython`] also runs
//! `python3` on it and compares stdout, exit status and the whole of stderr:
//! the traceback too, once CPython's is normalised (script path as given,
//! no `^^^^` marker lines, which basil does not print) — except for a
//! program that reaches the recursion limit, where CPython's accounting of
//! C-level calls is a known difference. A program basil rejects at
//! compile time is a generator bug, reported as [`Failure::Rejected`].

use crate::embed::{self, Outcome, RunOptions};
use crate::jit::JitOptions;
use std::time::Duration;

/// Name under which programs run (in tracebacks).
pub const FILENAME: &str = "prog.py";

/// Code memory of the mode that runs out of it.
pub const TINY_CODE_MEM: usize = 24 << 10;

/// One way to run a program.
#[derive(Clone, Debug)]
pub struct Mode {
    pub name: String,
    pub opts: RunOptions,
}

/// The interpreter first, then the interpreter collecting every 32 KiB, then
/// the JIT modes (GC stress in two of them).
pub fn modes() -> Vec<Mode> {
    let timeout = Some(Duration::from_secs(20));
    let mode = |name: String, jit: Option<JitOptions>, gc_stress: bool| Mode {
        name: if gc_stress {
            format!("{name} (GC every 32 KiB)")
        } else {
            name
        },
        opts: RunOptions {
            jit,
            gc_stress,
            timeout,
        },
    };
    let mut out = vec![
        mode("interpreter".into(), None, false),
        mode("interpreter".into(), None, true),
    ];
    let default = JitOptions::default();
    let jit = |threshold: u32, cap: usize, mib: usize| JitOptions {
        threshold,
        max_versions: cap,
        exec_mem_mib: mib,
        ..JitOptions::default()
    };
    for threshold in [0, default.threshold] {
        for cap in [1, 2, default.max_versions] {
            let name = format!("--lbbv --lbbv-threshold={threshold} --lbbv-max-versions={cap}");
            let stress = (threshold, cap) == (0, default.max_versions)
                || (threshold, cap) == (default.threshold, 2);
            out.push(mode(
                name,
                Some(jit(threshold, cap, default.exec_mem_mib)),
                stress,
            ));
        }
    }
    // Code memory that fills up midway (`--lbbv-exec-mem` counts MiB, which
    // generated programs never fill).
    let name = format!("--lbbv --lbbv-threshold=0 (code memory {TINY_CODE_MEM} bytes)");
    let tiny = JitOptions {
        exec_mem_bytes: TINY_CODE_MEM,
        ..jit(0, default.max_versions, 1)
    };
    out.push(mode(name, Some(tiny), false));
    out
}

/// Why a program failed.
#[derive(Clone, Debug)]
pub enum Failure {
    /// basil rejected the program at compile time (a generator bug).
    Rejected(Box<Outcome>),
    /// A basil mode differs from the interpreter (or the interpreter itself
    /// panicked or hung: then `mode` is the interpreter).
    Mismatch {
        mode: String,
        interp: Box<Outcome>,
        got: Box<Outcome>,
    },
    /// The interpreter differs from CPython.
    Cpython {
        basil: Box<Outcome>,
        python: Box<Outcome>,
    },
}

impl Failure {
    /// What kind of failure, for the shrinker: it keeps a smaller program
    /// only if it fails the same way.
    pub fn kind(&self) -> String {
        match self {
            Failure::Rejected(_) => "rejected".into(),
            Failure::Mismatch { mode, .. } => format!("mismatch {mode}"),
            Failure::Cpython { .. } => "cpython".into(),
        }
    }

    /// A readable report of the difference.
    pub fn describe(&self) -> String {
        match self {
            Failure::Rejected(o) => format!("basil rejects the program:\n{}", o.stderr),
            Failure::Mismatch { mode, interp, got } => {
                format!(
                    "{mode} differs from the interpreter:\n{}",
                    diff(interp, got)
                )
            }
            Failure::Cpython { basil, python } => {
                format!(
                    "the interpreter differs from python3:\n{}",
                    diff(python, basil)
                )
            }
        }
    }
}

fn diff(want: &Outcome, got: &Outcome) -> String {
    let mut s = String::new();
    if want.status != got.status {
        s += &format!("status: expected {}, got {}\n", want.status, got.status);
    }
    let (wo, go) = (
        String::from_utf8_lossy(&want.stdout),
        String::from_utf8_lossy(&got.stdout),
    );
    let (wl, gl): (Vec<&str>, Vec<&str>) = (wo.lines().collect(), go.lines().collect());
    if let Some(i) = (0..wl.len().max(gl.len())).find(|&i| wl.get(i) != gl.get(i)) {
        s += &format!(
            "stdout line {}: expected {:?}, got {:?}\n",
            i + 1,
            wl.get(i).unwrap_or(&"<end>"),
            gl.get(i).unwrap_or(&"<end>")
        );
    }
    if want.stderr != got.stderr {
        s += &format!(
            "stderr expected:\n{}\nstderr got:\n{}\n",
            want.stderr, got.stderr
        );
    }
    s
}

fn rejected(o: &Outcome) -> bool {
    o.status == 1 && o.stderr.contains("SyntaxError") && o.stdout.is_empty()
}

/// Runs `src` in every basil mode; `Ok` with the interpreter's outcome when
/// they all agree.
pub fn check(src: &str) -> Result<Outcome, Failure> {
    let all = modes();
    let interp = embed::run(src, FILENAME, &all[0].opts);
    if rejected(&interp) {
        return Err(Failure::Rejected(Box::new(interp)));
    }
    if interp.status == Outcome::PANIC || interp.status == Outcome::TIMEOUT {
        return Err(Failure::Mismatch {
            mode: all[0].name.clone(),
            interp: Box::new(interp.clone()),
            got: Box::new(interp),
        });
    }
    for m in &all[1..] {
        let got = embed::run(src, FILENAME, &m.opts);
        if got != interp {
            return Err(Failure::Mismatch {
                mode: m.name.clone(),
                interp: Box::new(interp),
                got: Box::new(got),
            });
        }
    }
    Ok(interp)
}

/// [`check`], then the interpreter against `python` (e.g. `python3`).
pub fn check_cpython(src: &str, python: &str) -> Result<(), Failure> {
    let basil = check(src)?;
    let python = run_python(src, python);
    if reached_recursion_limit(&python) {
        // Past the limit CPython counts C-level calls too, depending on
        // which of its instructions are specialized (a quickened `len(x)`
        // or `lst.append(v)` makes no call): a known difference, so such a
        // program is compared between basil's modes only (done above).
        return Ok(());
    }
    let same = python.stdout == basil.stdout
        && python.status == basil.status
        && (python.stderr == basil.stderr || unbound_local_quirk(&python.stderr, &basil.stderr));
    if same {
        Ok(())
    } else {
        Err(Failure::Cpython {
            basil: Box::new(basil),
            python: Box::new(python),
        })
    }
}

/// Whether CPython's run hit the recursion limit.
fn reached_recursion_limit(python: &Outcome) -> bool {
    let msg = "maximum recursion depth exceeded";
    python.stderr.contains(msg) || String::from_utf8_lossy(&python.stdout).contains(msg)
}

/// CPython 3.11 quirk the oracle tolerates: once a function is quickened
/// (after eight calls or loop back-edges), a `LOAD_FAST` paired with the
/// `STORE_FAST`/`LOAD_FAST`/`LOAD_CONST` before it runs as one
/// superinstruction, and an `UnboundLocalError` it raises is reported at the
/// *first* instruction's line. basil reports the load's own line, as CPython
/// does before quickening. Accepts tracebacks that differ only in the last
/// frame's line of an `UnboundLocalError`.
fn unbound_local_quirk(python: &str, basil: &str) -> bool {
    /// The traceback without its last `File` line and the source line after it.
    fn strip_last_frame(tb: &str) -> Option<(String, &str)> {
        let lines: Vec<&str> = tb.lines().collect();
        let last = lines.last()?;
        if !last.starts_with("UnboundLocalError: ") {
            return None;
        }
        let at = lines.iter().rposition(|l| l.starts_with("  File "))?;
        let file = lines[at].split(", line ").next()?;
        let rest: Vec<&str> = lines[..at].to_vec();
        // The frame's own file and function stay compared.
        let func = lines[at].rsplit(", in ").next()?;
        Some((format!("{}\n{file}\n{func}", rest.join("\n")), last))
    }
    match (strip_last_frame(python), strip_last_frame(basil)) {
        (Some(p), Some(b)) => p == b,
        _ => false,
    }
}

/// CPython's traceback as basil prints it: the script named as given on the
/// command line (3.11 makes it absolute) and no `^^^^` marker lines.
fn normalise_traceback(stderr: &str, dir: &std::path::Path) -> String {
    let abs = format!("File \"{}\"", dir.join(FILENAME).display());
    let rel = format!("File \"{FILENAME}\"");
    stderr
        .split_inclusive('\n')
        .filter(|l| {
            let t = l.trim();
            t.is_empty() || !t.chars().all(|c| c == '^' || c == '~')
        })
        .map(|l| l.replace(&abs, &rel))
        .collect()
}

/// Runs `python` on `src` as `prog.py` in a scratch directory, with the
/// corpus's environment (`PYTHONHASHSEED=0`, UTF-8 output).
pub fn run_python(src: &str, python: &str) -> Outcome {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "basil-diff-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let fail = |e: std::io::Error| Outcome {
        stdout: Vec::new(),
        stderr: format!("cannot run {python}: {e}"),
        status: Outcome::PANIC,
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        return fail(e);
    }
    let out = std::fs::write(dir.join(FILENAME), src).and_then(|_| {
        std::process::Command::new(python)
            // CPython warns at compile time about e.g. subscripting a
            // constant; basil has no warnings.
            .args(["-W", "ignore::SyntaxWarning", FILENAME])
            .current_dir(&dir)
            .env("PYTHONHASHSEED", "0")
            .env("PYTHONIOENCODING", "utf-8")
            .stdin(std::process::Stdio::null())
            .output()
    });
    let _ = std::fs::remove_dir_all(&dir);
    match out {
        Ok(o) => Outcome {
            stdout: o.stdout,
            stderr: normalise_traceback(&String::from_utf8_lossy(&o.stderr), &dir),
            status: o.status.code().unwrap_or(-1),
        },
        Err(e) => fail(e),
    }
}

#[cfg(test)]
mod tests {
    use super::{reached_recursion_limit, unbound_local_quirk};
    use crate::embed::Outcome;

    #[test]
    fn runs_reaching_the_recursion_limit_are_recognised() {
        let run = |out: &str, err: &str| Outcome {
            stdout: out.as_bytes().to_vec(),
            stderr: err.to_string(),
            status: 0,
        };
        assert!(reached_recursion_limit(&run(
            "RecursionError maximum recursion depth exceeded\n",
            ""
        )));
        assert!(reached_recursion_limit(&run(
            "",
            "RecursionError: maximum recursion depth exceeded while calling a Python object\n"
        )));
        assert!(!reached_recursion_limit(&run("1\n", "ValueError: x\n")));
    }

    const PY: &str = "Traceback (most recent call last):\n  File \"prog.py\", line 16, in <module>\n    t0()\n  File \"prog.py\", line 9, in t0\n    for i8 in wl4:\nUnboundLocalError: cannot access local variable 'v6' where it is not associated with a value\n";

    #[test]
    fn unbound_local_line_may_differ_in_the_last_frame_only() {
        let basil = PY.replace(
            "line 9, in t0\n    for i8 in wl4:",
            "line 10, in t0\n    if v6:",
        );
        assert!(unbound_local_quirk(PY, &basil));
        // Another function, another outer line or another error: a failure.
        assert!(!unbound_local_quirk(PY, &basil.replace("in t0", "in t1")));
        assert!(!unbound_local_quirk(
            PY,
            &basil.replace("line 16", "line 15")
        ));
        let name_error = |s: &str| s.replace("UnboundLocalError", "NameError");
        assert!(!unbound_local_quirk(&name_error(PY), &name_error(&basil)));
    }
}
