//! The JIT's mechanisms, observed through `--stats=json`: the version cap
//! and its generic fallback, lazy stubs patched into jumps, type tests
//! removed by versioning, side exits, a full code memory, `--dump-disasm`.
//! (Output correctness in every mode is the corpus's job, `tests/corpus.rs`.)
//! The binary runs through `BASIL_RUNNER` when set (qemu for AArch64).

mod common;

use std::collections::BTreeMap;

/// Runs the interpreter alone on `code`: the reference for JIT output.
fn interp(code: &str) -> String {
    let out = common::basil_command()
        .arg("-c")
        .arg(code)
        .output()
        .expect("run basil");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs `basil args... -c code` and returns (stdout, the stats JSON fields).
fn run(args: &[&str], code: &str) -> (String, BTreeMap<String, String>) {
    let out = common::basil_command()
        .args(args)
        .arg("--stats=json")
        .arg("-c")
        .arg(code)
        .output()
        .expect("run basil");
    assert!(
        out.status.success(),
        "basil failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let json = stderr.lines().last().unwrap_or("").to_string();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        flat_json(&json),
    )
}

/// The stats object's scalar fields as `key -> raw value text`, nested
/// objects flattened as `outer.inner` (arrays are left out).
fn flat_json(s: &str) -> BTreeMap<String, String> {
    fn walk(prefix: &str, v: &serde_json::Value, out: &mut BTreeMap<String, String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    let key = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    walk(&key, x, out);
                }
            }
            serde_json::Value::Array(_) => {}
            x => {
                out.insert(prefix.to_string(), x.to_string());
            }
        }
    }
    let v: serde_json::Value = serde_json::from_str(s).expect("stats JSON");
    let mut map = BTreeMap::new();
    walk("", &v, &mut map);
    map
}

fn num(m: &BTreeMap<String, String>, k: &str) -> f64 {
    m.get(k)
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no stats field {k} in {m:?}"))
}

/// A hot site that sees a new type every 200 iterations.
const POLY: &str = r#"
vals = [1, 2.5, "s", [1], None, (1, 2), True, 3]
def f(x):
    return x
out = []
for i in range(1600):
    v = vals[i // 200]
    out.append(f(v) == v)
print(all(out), len(out))
"#;

const FLOAT_LOOP: &str = r#"
def run(n):
    x = 0.5
    s = 0.0
    i = 0
    while i < n:
        s = s + x * 1.0001
        x = x * 0.999
        i = i + 1
    return s
print(round(run(20000), 6))
"#;

#[test]
fn version_cap_is_respected_and_generic_versions_serve_past_it() {
    for cap in [2, 4] {
        let (out, s) = run(
            &[
                "--lbbv",
                "--lbbv-threshold=0",
                &format!("--lbbv-max-versions={cap}"),
            ],
            POLY,
        );
        assert_eq!(out, interp(POLY));
        let hist: Vec<(usize, f64)> = s
            .iter()
            .filter_map(|(k, v)| {
                let n = k.strip_prefix("versions_per_block.")?.parse().ok()?;
                Some((n, v.parse().ok()?))
            })
            .collect();
        assert!(!hist.is_empty());
        assert!(hist.iter().all(|&(n, _)| n <= cap), "cap {cap}: {hist:?}");
        if cap == 2 {
            assert!(num(&s, "blocks_at_cap") >= 1.0, "cap {cap}: {s:?}");
        }
    }
    let (_, s) = run(
        &["--lbbv", "--lbbv-threshold=0", "--lbbv-max-versions=1"],
        POLY,
    );
    let versions = num(&s, "versions");
    let blocks = num(&s, "blocks");
    assert_eq!(
        versions, blocks,
        "with a cap of 1 every block has one (generic) version"
    );
}

#[test]
fn stubs_are_hit_and_branches_patched_or_fallen_through() {
    let (out, s) = run(&["--lbbv", "--lbbv-threshold=0"], FLOAT_LOOP);
    assert_eq!(out, interp(FLOAT_LOOP));
    assert!(num(&s, "stubs_hit") > 0.0);
    assert!(num(&s, "branches_patched") + num(&s, "fallthroughs") > 0.0);
    // Everything after warm-up runs in JIT code.
    let jit = num(&s, "jit_instructions");
    let interp = num(&s, "interp_instructions");
    assert!(jit / (jit + interp) > 0.95, "{s:?}");
}

#[test]
fn versioning_removes_most_type_tests() {
    let (a, versioned) = run(&["--lbbv"], FLOAT_LOOP);
    let (b, generic) = run(&["--lbbv", "--lbbv-max-versions=1"], FLOAT_LOOP);
    assert_eq!(a, b);
    let v = num(&versioned, "type_tests_executed");
    let g = num(&generic, "type_tests_executed");
    assert!(g > 0.0);
    assert!(v <= 0.3 * g, "versioned {v} vs generic {g}");
}

#[test]
fn int_overflow_in_jit_code_exits_and_gives_big_ints() {
    let code = "x = 1\nfor i in range(200):\n    x = x * 3\nprint(x % 1000003, x > 2**300)\n";
    let (out, s) = run(&["--lbbv", "--lbbv-threshold=0"], code);
    assert_eq!(out, interp(code));
    assert!(num(&s, "side_exits.int_overflow") >= 1.0, "{s:?}");
}

#[test]
fn a_full_code_memory_leaves_the_rest_to_the_interpreter() {
    // Over a thousand hot functions need far more than 1 MiB of code.
    let mut code = String::new();
    for i in 0..1200 {
        code.push_str(&format!(
            "def f{i}(n):\n    s = 0\n    for k in range(n):\n        s += k * {i} % 7\n    return s\n"
        ));
    }
    code.push_str("t = 0\n");
    for i in 0..1200 {
        code.push_str(&format!("t += f{i}(30)\n"));
    }
    code.push_str("print(t)\n");
    let (small, s) = run(
        &["--lbbv", "--lbbv-threshold=0", "--lbbv-exec-mem=1"],
        &code,
    );
    assert_eq!(small, interp(&code));
    assert!(num(&s, "side_exits.code_mem_full") >= 1.0, "{s:?}");
}

#[test]
fn dump_disasm_shows_each_version_with_its_context() {
    let out = common::basil_command()
        .args([
            "--lbbv",
            "--lbbv-threshold=0",
            "--dump-disasm",
            "-c",
            FLOAT_LOOP,
        ])
        .output()
        .expect("run basil");
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("== version 0: "), "{err}");
    assert!(err.contains("run <string>:"), "{err}");
    assert!(
        err.contains("l1:float"),
        "a version specialised for x: float: {err}"
    );
    assert!(
        err.contains("; ") && (err.contains("mov") || err.contains("ldr")),
        "{err}"
    );
}

#[test]
fn perf_map_names_every_version() {
    let child = common::basil_command()
        .args([
            "--lbbv",
            "--lbbv-threshold=0",
            "--perf-map",
            "-c",
            FLOAT_LOOP,
        ])
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("run basil");
    let pid = child.id();
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success());
    let path = format!("/tmp/perf-{pid}.map");
    let map = std::fs::read_to_string(&path).expect("perf map written");
    let _ = std::fs::remove_file(&path);
    let lines: Vec<&str> = map.lines().collect();
    assert!(!lines.is_empty());
    let mut spans = Vec::new();
    for l in &lines {
        let mut parts = l.splitn(3, ' ');
        let start = u64::from_str_radix(parts.next().unwrap(), 16).expect("hex start");
        let size = u64::from_str_radix(parts.next().unwrap(), 16).expect("hex size");
        let name = parts.next().unwrap();
        assert!(size > 0 && name.starts_with("basil:"), "{l}");
        if !name.contains("trampoline") && !name.contains("generic_exit") {
            assert!(name.contains("<string>:"), "{l}");
        }
        spans.push((start, start + size));
    }
    spans.sort();
    assert!(
        spans.windows(2).all(|w| w[0].1 <= w[1].0),
        "versions do not overlap: {spans:?}"
    );
}

/// An attribute site the interpreter saw with three shapes before the JIT
/// compiled it.
const POLY_ATTR: &str = r#"
class A:
    def __init__(self):
        self.x = 1
class B:
    def __init__(self):
        self.y = 0
        self.x = 2
class C:
    def __init__(self):
        self.z = 0
        self.x = 3
objs = [A(), B(), C()]
def get(o):
    return o.x
def run():
    s = 0
    for i in range(30000):
        s += get(objs[i % 3])
    return s
print(run())
"#;

#[test]
fn a_site_profiled_polymorphic_gets_no_shape_guard_chain() {
    let out = common::basil_command()
        .args(["--lbbv", "--stats=json", "-c", POLY_ATTR])
        .output()
        .expect("run basil");
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), interp(POLY_ATTR));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let v: serde_json::Value =
        serde_json::from_str(stderr.lines().last().unwrap_or("")).expect("stats JSON");
    // No version of `get` is a guard chain's next step (a context `#1`,
    // where a guard on one shape failed).
    let contexts: Vec<&str> = v["hot_blocks"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|b| b["function"] == "get")
        .flat_map(|b| b["versions"].as_array().into_iter().flatten())
        .filter_map(|x| x["context"].as_str())
        .collect();
    assert!(!contexts.is_empty(), "{v}");
    assert!(contexts.iter().all(|c| !c.contains('#')), "{contexts:?}");
    // Its tests: the object's type and the cache's shape, once per call
    // (a guard chain would add a failed shape guard to two calls in three).
    let site = v["top_type_test_sites"]
        .as_array()
        .and_then(|a| {
            a.iter()
                .find(|t| t["function"] == "get" && t["op"] == "LoadAttr x")
        })
        .unwrap_or_else(|| panic!("no test site for o.x: {v}"));
    let tests = site["count"].as_u64().unwrap_or(0);
    assert!(tests <= 2 * 30000, "{tests} tests at o.x");
}

/// Nested loops whose outer variables are dead inside the inner loops.
const DEAD_LOCALS: &str = r#"
def grid(w, h):
    t = 0
    for py in range(h):
        for px in range(w):
            i = 0
            while i < 20:
                i += 1
            t += i
    return t
print(grid(30, 20))
"#;

#[test]
fn versions_do_not_differ_in_dead_locals() {
    let (out, s) = run(&["--lbbv"], DEAD_LOCALS);
    assert_eq!(out, interp(DEAD_LOCALS));
    // Every block has one version: the types of `py` and `px` (dead in
    // the inner loops) reach no context, whichever way a block is entered.
    assert_eq!(num(&s, "versions"), num(&s, "blocks"), "{s:?}");
}
