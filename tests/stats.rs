//! The statistics outputs: the `--stats` text report, the `--stats=json` /
//! `--stats-file` object validated against `docs/stats.schema.json`, the
//! `--stats-graph` DOT graph (checked by Graphviz when `dot` is installed),
//! `--perf-map` covering every byte of generated code, and the annotated
//! `--dump-disasm`. The binary comes from `BASIL_BIN` and runs under
//! `BASIL_RUNNER` when set (qemu for the AArch64 build), as in the corpus.

mod common;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A program with hot int and float loops, objects, an int overflow (side
/// exits at a known line) and a polymorphic call site.
const PROGRAM: &str = r#"class P:
    def __init__(self, x):
        self.x = x
    def get(self):
        return self.x

def floats(n):
    x = 0.5
    s = 0.0
    i = 0
    while i < n:
        s = s + x * 1.0001
        x = x * 0.999
        i = i + 1
    return s

def grow(n):
    v = 1
    for i in range(n):
        v = v * 3
    return v % 1000003

def objs(n):
    ps = [P(i) for i in range(10)]
    t = 0
    for k in range(n):
        t = t + ps[k % 10].get()
    return t

def ident(x):
    return x

vals = [1, 2.5, "s", [1], None]
print(round(floats(3000), 6), grow(120), objs(2000))
print([ident(vals[i // 40]) == vals[i // 40] for i in range(200)].count(True))
"#;

/// A fresh scratch directory holding `prog.py`.
fn scratch(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("basil-stats-{tag}-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&d);
    std::fs::write(d.join("prog.py"), PROGRAM).expect("write program");
    d
}

/// A command running the binary under test (through `BASIL_RUNNER` if set).
fn basil(args: &[&str], dir: &Path) -> Command {
    let mut cmd = common::basil_command();
    cmd.args(args).current_dir(dir).stdin(Stdio::null());
    cmd
}

/// Runs basil; returns (stdout, stderr), asserting success.
fn run(args: &[&str], dir: &Path) -> (String, String) {
    let out = basil(args, dir).output().expect("run basil");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "basil {args:?} failed: {err}");
    (String::from_utf8_lossy(&out.stdout).into_owned(), err)
}

const JIT: &[&str] = &["--lbbv", "--lbbv-threshold=2"];

fn with(extra: &[&str]) -> Vec<String> {
    JIT.iter()
        .chain(extra)
        .map(|s| s.to_string())
        .chain(["prog.py".to_string()])
        .collect()
}

fn args(v: &[String]) -> Vec<&str> {
    v.iter().map(|s| s.as_str()).collect()
}

fn json_file(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).expect("stats file written");
    serde_json::from_str(&text).expect("stats file is JSON")
}

fn schema() -> Value {
    let p = common::manifest_dir()
        .join("docs")
        .join("stats.schema.json");
    serde_json::from_str(&std::fs::read_to_string(p).expect("schema")).expect("schema is JSON")
}

#[test]
fn text_report_shows_totals_tests_exits_and_hot_blocks() {
    let dir = scratch("text");
    let (out, err) = run(&args(&with(&["--stats"])), &dir);
    let (plain, _) = run(&["prog.py"], &dir);
    assert_eq!(out, plain, "--stats changes nothing in the output");
    for needle in [
        "***basil --lbbv statistics*** prog.py",
        "blocks compiled:",
        "versions compiled:",
        "per block  [1v:",
        "blocks at the version cap:",
        "stubs hit:",
        "still pending:",
        "branches patched:",
        "code bytes:",
        "inline ",
        "outlined ",
        "compile time:",
        "% of ",
        "ratio in JIT:",
        "compile time: emitted",
        "run time:     executed",
        "side exits",
        "int_overflow",
        "top exit locations",
        "hottest blocks",
    ] {
        assert!(err.contains(needle), "no {needle:?} in:\n{err}");
    }
    // The overflow exit is listed with its file:line, function and op.
    assert!(
        err.lines()
            .any(|l| l.contains("int_overflow") && l.contains("prog.py:20") && l.contains("grow")),
        "{err}"
    );
    // Hot blocks list versions with readable contexts.
    assert!(err.contains("[l0:int"), "{err}");
    assert!(err.contains("l1:float"), "{err}");
}

/// A small JSON Schema validator: the keywords `docs/stats.schema.json`
/// uses, and an error for any other (so the schema cannot claim more than
/// is checked).
fn validate(v: &Value, s: &Value, root: &Value, path: &str, errs: &mut Vec<String>) {
    let Value::Object(s) = s else {
        errs.push(format!("{path}: schema is not an object"));
        return;
    };
    for (k, kw) in s {
        match k.as_str() {
            "$schema" | "$id" | "title" | "description" | "$defs" => {}
            "$ref" => {
                let target = kw
                    .as_str()
                    .and_then(|r| r.strip_prefix("#/"))
                    .and_then(|r| r.split('/').try_fold(root, |n, part| n.get(part)));
                match target {
                    Some(t) => validate(v, t, root, path, errs),
                    None => errs.push(format!("{path}: bad $ref {kw}")),
                }
            }
            "type" => {
                let ok = match kw.as_str() {
                    Some("object") => v.is_object(),
                    Some("array") => v.is_array(),
                    Some("string") => v.is_string(),
                    Some("boolean") => v.is_boolean(),
                    Some("integer") => v.is_u64() || v.is_i64(),
                    Some("number") => v.is_number(),
                    _ => false,
                };
                if !ok {
                    errs.push(format!("{path}: {v} is not of type {kw}"));
                }
            }
            "const" => {
                if v != kw {
                    errs.push(format!("{path}: {v} != {kw}"));
                }
            }
            "enum" => {
                if !kw.as_array().is_some_and(|a| a.contains(v)) {
                    errs.push(format!("{path}: {v} not in {kw}"));
                }
            }
            "minimum" | "maximum" => {
                if let (Some(x), Some(b)) = (v.as_f64(), kw.as_f64()) {
                    if (k == "minimum" && x < b) || (k == "maximum" && x > b) {
                        errs.push(format!("{path}: {x} breaks {k} {b}"));
                    }
                }
            }
            "minItems" | "maxItems" => {
                if let (Some(a), Some(b)) = (v.as_array(), kw.as_u64()) {
                    let n = a.len() as u64;
                    if (k == "minItems" && n < b) || (k == "maxItems" && n > b) {
                        errs.push(format!("{path}: {n} items breaks {k} {b}"));
                    }
                }
            }
            "pattern" => {
                if let (Some(x), Some(p)) = (v.as_str(), kw.as_str()) {
                    if !matches_pattern(p, x) {
                        errs.push(format!("{path}: {x:?} does not match {p}"));
                    }
                }
            }
            "required" => {
                if let (Some(o), Some(req)) = (v.as_object(), kw.as_array()) {
                    for r in req.iter().filter_map(|r| r.as_str()) {
                        if !o.contains_key(r) {
                            errs.push(format!("{path}: missing {r}"));
                        }
                    }
                }
            }
            "properties" => {
                if let (Some(o), Some(props)) = (v.as_object(), kw.as_object()) {
                    for (name, ps) in props {
                        if let Some(x) = o.get(name) {
                            validate(x, ps, root, &format!("{path}.{name}"), errs);
                        }
                    }
                }
            }
            "additionalProperties" => {
                if let Some(o) = v.as_object() {
                    let props = s.get("properties").and_then(|p| p.as_object());
                    for (name, x) in o {
                        if props.is_some_and(|p| p.contains_key(name)) {
                            continue;
                        }
                        match kw {
                            Value::Bool(false) => {
                                errs.push(format!("{path}: undocumented field {name}"))
                            }
                            Value::Bool(true) => {}
                            sub => validate(x, sub, root, &format!("{path}.{name}"), errs),
                        }
                    }
                }
            }
            "propertyNames" => {
                if let Some(o) = v.as_object() {
                    for name in o.keys() {
                        let n = Value::String(name.clone());
                        validate(&n, kw, root, &format!("{path}[key {name}]"), errs);
                    }
                }
            }
            "items" => {
                if let Some(a) = v.as_array() {
                    for (i, x) in a.iter().enumerate() {
                        validate(x, kw, root, &format!("{path}[{i}]"), errs);
                    }
                }
            }
            other => errs.push(format!("{path}: unsupported schema keyword {other}")),
        }
    }
}

/// The patterns the schema uses: `^`, then literals and `[...]` classes
/// (with ranges), each optionally followed by `+`, then `$`.
fn matches_pattern(p: &str, s: &str) -> bool {
    let Some(body) = p.strip_prefix('^').and_then(|b| b.strip_suffix('$')) else {
        return false;
    };
    let mut atoms: Vec<(Vec<(char, char)>, bool)> = Vec::new();
    let mut it = body.chars().peekable();
    while let Some(c) = it.next() {
        let mut set = Vec::new();
        if c == '[' {
            let mut items: Vec<char> = Vec::new();
            for d in it.by_ref() {
                if d == ']' {
                    break;
                }
                items.push(d);
            }
            let mut i = 0;
            while i < items.len() {
                if i + 2 < items.len() && items[i + 1] == '-' {
                    set.push((items[i], items[i + 2]));
                    i += 3;
                } else {
                    set.push((items[i], items[i]));
                    i += 1;
                }
            }
        } else {
            set.push((c, c));
        }
        let plus = it.peek() == Some(&'+');
        if plus {
            it.next();
        }
        atoms.push((set, plus));
    }
    let chars: Vec<char> = s.chars().collect();
    let mut pos = 0;
    for (set, plus) in atoms {
        let ok = |c: char| set.iter().any(|&(a, b)| a <= c && c <= b);
        if pos >= chars.len() || !ok(chars[pos]) {
            return false;
        }
        pos += 1;
        while plus && pos < chars.len() && ok(chars[pos]) {
            pos += 1;
        }
    }
    pos == chars.len()
}

fn check(v: &Value) -> Vec<String> {
    let s = schema();
    let mut errs = Vec::new();
    validate(v, &s, &s, "$", &mut errs);
    errs
}

#[test]
fn json_report_follows_the_documented_schema() {
    let dir = scratch("json");
    let file = dir.join("stats.json");
    let f = format!("--stats-file={}", file.display());
    let (_, err) = run(&args(&with(&["--stats=json", &f])), &dir);
    let line = err.lines().last().unwrap_or("");
    let v: Value = serde_json::from_str(line).expect("--stats=json prints one JSON object");
    let errs = check(&v);
    assert!(errs.is_empty(), "{errs:#?}\n{v}");
    let from_file = json_file(&file);
    assert!(check(&from_file).is_empty());
    assert_eq!(from_file["schema"], "basil-stats/1");
    assert!(v["hot_blocks"].as_array().is_some_and(|a| !a.is_empty()));
    assert!(v["top_exits"].as_array().is_some_and(|a| a
        .iter()
        .any(|e| e["reason"] == "int_overflow" && e["line"] == 20)));
    assert!(v["type_tests_removed_executed"].as_u64() > Some(0));
    // The hot blocks' entries add up from their versions'.
    for b in v["hot_blocks"].as_array().into_iter().flatten() {
        let sum: u64 = b["versions"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|x| x["hits"].as_u64())
            .sum();
        assert_eq!(Some(sum), b["hits"].as_u64(), "{b}");
    }
    // The validator is not vacuous: broken objects fail.
    let mut bad = v.clone();
    bad.as_object_mut().map(|o| o.remove("blocks"));
    assert!(!check(&bad).is_empty(), "a missing field is caught");
    let mut bad = v.clone();
    bad["ratio_in_jit_pct"] = Value::String("high".into());
    assert!(!check(&bad).is_empty(), "a wrong type is caught");
    let mut bad = v.clone();
    bad["surprise"] = Value::Bool(true);
    assert!(!check(&bad).is_empty(), "an undocumented field is caught");
    let mut bad = v;
    bad["code_zones"]["inline"][0] = Value::String("12".into());
    assert!(!check(&bad).is_empty(), "a malformed address is caught");
    // Every field of the schema is documented in docs/STATS.md.
    let doc = std::fs::read_to_string(common::manifest_dir().join("docs").join("STATS.md"))
        .expect("docs/STATS.md");
    let s = schema();
    for k in s["properties"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|x| x.0)
    {
        assert!(doc.contains(&format!("`{k}`")), "docs/STATS.md lacks `{k}`");
    }
}

#[test]
fn versioning_moves_type_tests_from_executed_to_removed() {
    let dir = scratch("removed");
    let file = dir.join("v.json");
    let f = format!("--stats-file={}", file.display());
    run(&args(&with(&[&f])), &dir);
    let versioned = json_file(&file);
    run(&args(&with(&[&f, "--lbbv-max-versions=1"])), &dir);
    let generic = json_file(&file);
    let n = |v: &Value, k: &str| v[k].as_u64().unwrap_or(0);
    // Versioning moves tests from "executed" to "removed".
    assert!(
        n(&versioned, "type_tests_executed") < n(&generic, "type_tests_executed"),
        "{versioned}\n{generic}"
    );
    assert!(
        n(&versioned, "type_tests_removed_executed") > n(&generic, "type_tests_removed_executed")
    );
    assert!(versioned["type_tests_removed_executed_pct"].as_f64() > Some(30.0));
}

#[test]
fn version_graph_is_valid_dot() {
    let dir = scratch("dot");
    let path = dir.join("g.dot");
    let g = format!("--stats-graph={}", path.display());
    run(&args(&with(&[&g])), &dir);
    let dot = std::fs::read_to_string(&path).expect("graph written");
    assert!(dot.starts_with("digraph basil_versions {"), "{dot}");
    assert!(dot.contains("subgraph cluster_"), "functions are clusters");
    assert!(dot.contains("floats  prog.py:7"), "a cluster per function");
    assert!(dot.contains("hits "), "nodes carry hit counts");
    assert!(dot.contains("[l0:int"), "nodes carry contexts");
    assert!(dot.contains("style=dashed"), "pending stubs are dashed");
    assert!(dot.contains("exit: int_overflow"), "side exits are marked");
    assert!(dot.contains(" -> v"), "branches link versions");
    match Command::new("dot").arg("-V").output() {
        Ok(o) if o.status.success() => {
            let svg = dir.join("g.svg");
            let out = Command::new("dot")
                .arg("-Tsvg")
                .arg(&path)
                .arg("-o")
                .arg(&svg)
                .output()
                .expect("run dot");
            assert!(
                out.status.success() && out.stderr.is_empty(),
                "dot rejected the graph: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(std::fs::metadata(&svg).is_ok_and(|m| m.len() > 0));
        }
        _ => eprintln!(
            "SKIPPED: Graphviz `dot` is not installed; the DOT text was not checked by it"
        ),
    }
}

/// Parses `/tmp/perf-PID.map`: `(start, end, name)`.
fn perf_map(pid: u32) -> Vec<(u64, u64, String)> {
    let path = format!("/tmp/perf-{pid}.map");
    let text = std::fs::read_to_string(&path).expect("perf map written");
    let _ = std::fs::remove_file(&path);
    text.lines()
        .map(|l| {
            let mut p = l.splitn(3, ' ');
            let start = u64::from_str_radix(p.next().unwrap_or(""), 16).expect("hex start");
            let size = u64::from_str_radix(p.next().unwrap_or(""), 16).expect("hex size");
            (start, start + size, p.next().unwrap_or("").to_string())
        })
        .collect()
}

fn hex(v: &Value) -> u64 {
    let s = v.as_str().expect("address string");
    u64::from_str_radix(s.trim_start_matches("0x"), 16).expect("hex address")
}

#[test]
fn perf_map_covers_every_byte_of_generated_code() {
    let dir = scratch("perf");
    let file = dir.join("p.json");
    let f = format!("--stats-file={}", file.display());
    let child = basil(&args(&with(&["--perf-map", &f])), &dir)
        .stdout(Stdio::null())
        .spawn()
        .expect("run basil");
    let pid = child.id();
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success());
    let stats = json_file(&file);
    let mut map = perf_map(pid);
    map.sort();
    assert!(!map.is_empty());
    for (s, e, name) in &map {
        assert!(e > s && name.starts_with("basil:"), "{s:x} {e:x} {name}");
    }
    assert!(
        map.windows(2).all(|w| w[0].1 <= w[1].0),
        "entries do not overlap"
    );
    // Union of the entries, merged.
    let mut spans: Vec<(u64, u64)> = Vec::new();
    for &(s, e, _) in &map {
        match spans.last_mut() {
            Some(last) if last.1 == s => last.1 = e,
            _ => spans.push((s, e)),
        }
    }
    // Every byte of the used inline and outlined zones is named.
    for zone in ["inline", "outlined"] {
        let z = &stats["code_zones"][zone];
        let (start, end) = (hex(&z[0]), hex(&z[1]));
        assert!(end > start, "{zone} zone used");
        assert!(
            spans.iter().any(|&(s, e)| s <= start && end <= e),
            "{zone} zone {start:#x}..{end:#x} not covered by one run of entries: {spans:x?}"
        );
    }
    // Each hot version's inline code is one entry that names it.
    let mut checked = 0;
    for b in stats["hot_blocks"].as_array().into_iter().flatten() {
        for v in b["versions"].as_array().into_iter().flatten() {
            let start = hex(&v["start"]);
            let len = v["inline_bytes"].as_u64().unwrap_or(0);
            let want = format!("#{}{}", b["pc"], v["context"].as_str().unwrap_or(""));
            assert!(
                map.iter()
                    .any(|(s, e, n)| *s == start && *e == start + len && n.ends_with(&want)),
                "version at {start:#x}+{len} named ..{want}"
            );
            checked += 1;
        }
    }
    assert!(checked > 0);
}

#[test]
fn disasm_annotates_ops_with_source_lines_and_shows_outlined_code() {
    let dir = scratch("disasm");
    let (_, err) = run(&args(&with(&["--dump-disasm"])), &dir);
    assert!(err.contains("== version 0: "), "{err}");
    assert!(
        err.lines().any(|l| l.starts_with("== version")
            && l.contains("floats prog.py:")
            && l.contains("l1:float")),
        "headers name function, file:line and context"
    );
    assert!(
        err.lines()
            .any(|l| l.trim_start().starts_with("; ") && l.contains("LoadFast x  (line ")),
        "ops are annotated with operand and line"
    );
    assert!(
        err.contains("; outlined: side-exit bodies"),
        "outlined code shown"
    );
    assert!(err.contains("; shared exit 0x"), "shared exits listed");
    assert!(
        !err.contains("entry counter"),
        "no counters without --stats"
    );
    // With --stats the counters appear, and cost code only then.
    let (_, counted) = run(&args(&with(&["--dump-disasm", "--stats"])), &dir);
    assert!(counted.contains("; version entry counter (--stats)"));
    let bytes = |s: &str| -> u64 {
        s.lines()
            .filter(|l| l.starts_with("== version"))
            .filter_map(|l| {
                l.split(" bytes inline")
                    .next()?
                    .rsplit('(')
                    .next()?
                    .parse::<u64>()
                    .ok()
            })
            .sum()
    };
    assert!(bytes(&err) > 0 && bytes(&err) < bytes(&counted));
}
