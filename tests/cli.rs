//! Command-line behaviour of the `basil` binary (SPEC §2): `-c`, `-` (stdin), `--version`,
//! `--help`, `sys.argv`, bad usage, exit statuses, `--dump-bytecode`.
//! Where python3 3.11 is available, its answer is the expectation.

mod common;

use common::*;
use std::path::{Path, PathBuf};

fn temp_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("basil-cli-{}-{}", std::process::id(), tag));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d.canonicalize().unwrap()
}

fn basil(dir: &Path, args: &[&str], stdin: Option<&str>) -> RunResult {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    run_with_timeout(
        &basil_bin(),
        &args,
        dir,
        stdin.map(|s| s.as_bytes()),
        TIMEOUT,
    )
}

fn python(dir: &Path, args: &[&str], stdin: Option<&str>) -> Option<RunResult> {
    let py = python311()?;
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    Some(run_with_timeout(
        &py,
        &args,
        dir,
        stdin.map(|s| s.as_bytes()),
        TIMEOUT,
    ))
}

fn show(r: &RunResult) -> String {
    format!(
        "status: {}\n--- stdout:\n{}\n--- stderr:\n{}",
        r.describe_status(),
        r.stdout_str(),
        r.stderr_str()
    )
}

#[test]
fn dash_c_runs_code() {
    let dir = temp_dir("c");
    let r = basil(&dir, &["-c", "x = 20\nprint(x + 22, 'ok')"], None);
    assert_eq!(r.code, Some(0), "{}", show(&r));
    assert_eq!(r.stdout_str(), "42 ok\n", "{}", show(&r));

    // sys.argv under -c, as CPython: ['-c', 'a', 'b']
    let code = "import sys\nprint(sys.argv)";
    let r = basil(&dir, &["-c", code, "a", "b"], None);
    let expected = python(&dir, &["-c", code, "a", "b"], None)
        .map(|p| p.stdout_str())
        .unwrap_or_else(|| "['-c', 'a', 'b']\n".to_string());
    assert_eq!(r.stdout_str(), expected, "{}", show(&r));

    // exit statuses through -c
    let r = basil(&dir, &["-c", "print('before')\n1/0"], None);
    assert_eq!(r.code, Some(1), "{}", show(&r));
    assert_eq!(r.stdout_str(), "before\n");
    assert_eq!(
        last_nonempty_line(&r.stderr_str()),
        "ZeroDivisionError: division by zero"
    );
    let r = basil(&dir, &["-c", "import sys\nsys.exit(5)"], None);
    assert_eq!(r.code, Some(5), "{}", show(&r));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn dash_reads_program_from_stdin() {
    let dir = temp_dir("stdin");
    let prog = "import sys\nfor i in range(3):\n    print('line', i)\nprint(sys.argv)\n";
    let r = basil(&dir, &["-", "x", "y"], Some(prog));
    let expected = python(&dir, &["-", "x", "y"], Some(prog))
        .map(|p| p.stdout_str())
        .unwrap_or_else(|| "line 0\nline 1\nline 2\n['-', 'x', 'y']\n".to_string());
    assert_eq!(r.code, Some(0), "{}", show(&r));
    assert_eq!(r.stdout_str(), expected, "{}", show(&r));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn version_and_help() {
    let dir = temp_dir("version");
    let r = basil(&dir, &["--version"], None);
    assert_eq!(r.code, Some(0), "{}", show(&r));
    let out = r.stdout_str() + &r.stderr_str();
    assert!(
        out.chars().any(|c| c.is_ascii_digit()),
        "--version should print a version: {}",
        show(&r)
    );

    let r = basil(&dir, &["--help"], None);
    assert_eq!(r.code, Some(0), "{}", show(&r));
    let out = r.stdout_str() + &r.stderr_str();
    assert!(
        out.contains("--dump-bytecode"),
        "--help should mention --dump-bytecode: {}",
        show(&r)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sys_argv_for_a_file() {
    let dir = temp_dir("argv");
    std::fs::write(
        dir.join("prog.py"),
        "import sys\nprint(sys.argv)\nprint(len(sys.argv))\n",
    )
    .unwrap();
    let r = basil(&dir, &["prog.py", "a", "b"], None);
    let expected = python(&dir, &["prog.py", "a", "b"], None)
        .map(|p| p.stdout_str())
        .unwrap_or_else(|| "['prog.py', 'a', 'b']\n3\n".to_string());
    assert_eq!(expected, "['prog.py', 'a', 'b']\n3\n");
    assert_eq!(r.code, Some(0), "{}", show(&r));
    assert_eq!(r.stdout_str(), expected, "{}", show(&r));
    // options after the file name belong to the program, not to basil
    let r = basil(&dir, &["prog.py", "--lbbv", "-c"], None);
    assert_eq!(
        r.stdout_str(),
        "['prog.py', '--lbbv', '-c']\n3\n",
        "{}",
        show(&r)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unknown_option_is_bad_usage() {
    let dir = temp_dir("usage");
    std::fs::write(dir.join("p.py"), "print('ran')\n").unwrap();
    for args in [&["--no-such-option"][..], &["--no-such-option", "p.py"][..]] {
        let r = basil(&dir, args, None);
        assert_eq!(r.code, Some(2), "basil {args:?}: {}", show(&r));
        assert!(
            !r.stdout_str().contains("ran"),
            "program must not run: {}",
            show(&r)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn output_is_flushed_on_every_exit_path() {
    let dir = temp_dir("flush");
    let cases: &[(&str, i32)] = &[
        ("for i in range(20000):\n    print(i)\n", 0),
        ("for i in range(20000):\n    print(i)\n1/0\n", 1),
        (
            "import sys\nfor i in range(20000):\n    print(i)\nsys.exit(3)\n",
            3,
        ),
        ("for i in range(20000):\n    print(i, end=' ')\n", 0),
    ];
    for (i, (src, code)) in cases.iter().enumerate() {
        let name = format!("flush{i}.py");
        std::fs::write(dir.join(&name), src).unwrap();
        let r = basil(&dir, &[&name], None);
        assert_eq!(r.code, Some(*code), "case {i}: {}", r.describe_status());
        let out = r.stdout_str();
        let n = out.split_whitespace().count();
        assert_eq!(
            n, 20000,
            "case {i}: expected 20000 numbers on stdout, got {n}"
        );
        assert!(out.split_whitespace().last() == Some("19999"), "case {i}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn dump_bytecode_marks_blocks() {
    let dir = temp_dir("dump");
    std::fs::write(
        dir.join("small.py"),
        "def f(n):\n    s = 0\n    for i in range(n):\n        if i % 2:\n            s += i\n    return s\nprint(f(10))\n",
    )
    .unwrap();
    let r = basil(&dir, &["--dump-bytecode", "small.py"], None);
    assert!(
        r.code == Some(0),
        "--dump-bytecode should succeed: {}",
        show(&r)
    );
    let out = r.stdout_str() + &r.stderr_str();
    let lower = out.to_lowercase();
    let has_b0 = out
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w.len() >= 2 && w.starts_with('B') && w[1..].chars().all(|c| c.is_ascii_digit()));
    assert!(
        lower.contains("block") || has_b0,
        "--dump-bytecode output should mark basic blocks (\"block\" or B0-style labels): {}",
        show(&r)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
