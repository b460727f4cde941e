//! The collector keeps a long-running allocation loop in bounded memory, in
//! the interpreter and under the JIT: the peak resident size of a program
//! that allocates far more than it keeps must stay small.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

const PROGRAM: &str = r#"
total = 0
keep = []
for i in range(1500000):
    row = [i, i + 1, str(i)]
    d = {"a": row, "b": (i, i)}
    total += len(d["a"])
    if i % 100000 == 0:
        keep.append(i)
print(total, keep[-1], len(keep))
"#;

/// Resident set size of a running process, in KiB.
fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn peak_rss(args: &[&str]) -> (u64, String) {
    let dir = std::env::temp_dir().join(format!("basil-gc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("alloc_loop.py");
    std::fs::File::create(&file)
        .unwrap()
        .write_all(PROGRAM.as_bytes())
        .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_basil"))
        .args(args)
        .arg(&file)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut peak = 0;
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if let Some(r) = rss_kib(child.id()) {
            peak = peak.max(r);
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "allocation loop timed out"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "program failed: {:?}", out.status);
    (peak, String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn allocation_loop_stays_bounded() {
    // Without collection this program needs well over 1 GiB.
    for mode in [&[][..], &["--lbbv", "--lbbv-threshold=0"][..]] {
        let (peak, out) = peak_rss(mode);
        assert_eq!(out, "4500000 1400000 15\n", "mode {mode:?}");
        assert!(peak > 0, "could not read the child's memory use");
        assert!(
            peak < 256 * 1024,
            "peak RSS {peak} KiB in mode {mode:?}: memory is not reclaimed"
        );
    }
}
