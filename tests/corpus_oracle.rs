//! Proves the corpus expectations (`.out`, `.err`, `.code`) are CPython 3.11's own: reruns
//! `python3` on every program with the corpus convention (cwd = the program's folder,
//! argv = `NAME.py`) and compares. Skips (with a message) when `python3` is missing or is
//! not 3.11. `BASIL_CORPUS_FILTER` applies here too.
//!
//! If this fails after a program was edited, run `python3 tests/regen.py`.

mod common;

use common::*;

#[test]
fn corpus_expectations_match_cpython() {
    let Some(py) = python311() else {
        eprintln!("corpus_oracle: SKIPPED (python3 3.11 not found on PATH)");
        return;
    };
    let programs = corpus_programs();
    let n = programs.len();
    let results = parallel_map(programs, workers(), move |rel| {
        let outcome = match Expected::load(&rel) {
            Ok(exp) => {
                let run = run_corpus_program(&py, &[], &rel);
                // A stored .err must be there exactly when python3 writes to stderr.
                let got_err = last_nonempty_line(&run.stderr_str());
                let mut r = compare(&run, &exp);
                if r.is_ok() && exp.err.is_none() && !got_err.is_empty() {
                    r = Err(format!(
                        "  python3 wrote to stderr but there is no .err: {got_err}"
                    ));
                }
                r
            }
            Err(e) => Err(format!("  {e}")),
        };
        (rel, outcome)
    });
    let mut failed = 0;
    for (rel, outcome) in &results {
        if let Err(msg) = outcome {
            failed += 1;
            eprintln!("STALE {}\n{}\n", rel.display(), msg);
        }
    }
    let summary = format!(
        "corpus_oracle: {n} programs checked against python3: {} ok, {failed} stale \
         (fix with `python3 tests/regen.py`)",
        n - failed
    );
    eprintln!("{summary}");
    assert_eq!(failed, 0, "{summary}");
}
