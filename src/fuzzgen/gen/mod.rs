//! Program generation from `arbitrary::Unstructured` bytes.
//!
//! Every program is well-formed (inside basil's subset) and terminates:
//! - loops are `for v in range(k)` / over literals and the pool, or `while`
//!   with a counter bound; trip counts multiply into a work budget;
//! - recursion carries a depth argument that decreases to 0;
//! - no value grows without bound: inside a loop, plain assignments only bind
//!   names fresh to that loop, whose right-hand sides read names bound before
//!   them, so every value is an expression of bounded depth over literals;
//!   growth across iterations happens only through accumulators (`acc += e`,
//!   `lst.append(e)`, `dct[k] = e`), which hot code never reads. A size
//!   estimate (`Sz`) bounds repetition (`*` only by small leaves), `**` and
//!   `<<` (literal exponents and shifts), so ints stay far below CPython's
//!   4300-digit str limit and lists stay small.
//!
//! What it aims at: values whose type changes at one site across iterations
//! (`(a if i < m else b)`, the polymorphic pool `P[i % n]`), ints at 2**47
//! (basil's unboxed limit), 2**62, 2**63, float specials, mixed int/float
//! comparisons, polymorphic attribute and call sites, globals, functions and
//! methods rebound mid-loop, exceptions raised deep in recursion.

mod defs;
mod expr;
mod stmt;

use super::ast::*;
use arbitrary::Unstructured;

/// Generation switches.
#[derive(Clone, Copy, Debug, Default)]
pub struct Config {
    /// Programs for the CPython oracle: leave out what basil knowingly does
    /// differently — NaN and infinity literals (CPython compares containers
    /// holding two different NaN objects by identity; basil's unboxed floats
    /// have none), dict displays (no dict union `|` in basil), recursion
    /// past the limit (CPython's RecursionError messages vary with the
    /// place it is detected).
    pub cpython: bool,
}

/// A size estimate: machine words of an int, elements of a container.
type Sz = u32;
/// Largest size an expression may have.
const MAX_SZ: Sz = 48;
/// Deepest block nesting that still opens new blocks (CPython rejects more
/// than 20 statically nested blocks).
const MAX_NEST: u32 = 10;
/// Largest size stored in an attribute or global.
const ATTR_SZ: Sz = 6;

const INTS: &[&str] = &[
    "0",
    "1",
    "-1",
    "2",
    "3",
    "7",
    "-5",
    "10",
    "140737488355327",
    "140737488355326",
    "-140737488355328",
    "140737488355328",
    "4611686018427387904",
    "4611686018427387903",
    "9223372036854775807",
    "-9223372036854775808",
    "9223372036854775808",
    "9007199254740993",
    "-9007199254740993",
    "18446744073709551617",
    "(10 ** 20)",
    "(2 ** 47 - 3)",
    "(-(2 ** 47) + 2)",
    "0x7fff_ffff_ffff",
];
const FLOATS: &[&str] = &[
    "0.5",
    "-0.0",
    "0.0",
    "1.5",
    "-2.5",
    "0.1",
    "1e16",
    "9007199254740993.0",
    "1e308",
    "5e-324",
    "1.7976931348623157e308",
    "4611686018427387904.0",
    "-9.25",
];
const SPECIAL_FLOATS: &[&str] = &["float('inf')", "float('-inf')", "float('nan')"];
const STRS: &[&str] = &["'a'", "'ab'", "''", "'xyz'", "'7'", "'a b'"];
const OTHERS: &[&str] = &[
    "True", "False", "None", "(1, 'a')", "[1, 2.5]", "()", "[]", "{'a': 1}",
];

struct Func {
    name: String,
    arity: usize,
    /// Result size per unit of argument size.
    sz: Sz,
    /// Work units of one call.
    cost: u64,
}

struct Class {
    name: String,
    attrs: Vec<String>,
    methods: Vec<String>,
}

/// What a block may read and do.
#[derive(Clone, Default)]
struct Scope {
    /// Readable names with their sizes.
    vars: Vec<(String, Sz)>,
    /// Loop counters in scope (small non-negative ints) with their bounds.
    counters: Vec<(String, u32)>,
    /// Accumulator names: never read in hot code.
    accs: Vec<String>,
    lists: Vec<String>,
    dicts: Vec<String>,
    /// Lists read and written at `i % len` in hot code (elements stay small).
    works: Vec<String>,
    /// Names known to hold instances of generated classes.
    objs: Vec<String>,
    /// Product of enclosing trip counts.
    mult: u64,
    loop_depth: u32,
    /// Statically nested blocks around this one (CPython allows 20; a
    /// `try` with handlers counts as two).
    nest: u32,
    in_func: bool,
    /// Globals this function assigns (a `global` statement heads it).
    rebinds: Vec<String>,
}

struct Gen<'a, 'b> {
    u: &'a mut Unstructured<'b>,
    cfg: Config,
    budget: i64,
    next: usize,
    funcs: Vec<Func>,
    classes: Vec<Class>,
    globals: Vec<String>,
    has_pool: bool,
}

/// Generates a program's statements; never fails (exhausted bytes give
/// defaults).
pub fn generate(u: &mut Unstructured, cfg: Config) -> Vec<Stmt> {
    let mut g = Gen {
        u,
        cfg,
        budget: 4000,
        next: 0,
        funcs: Vec::new(),
        classes: Vec::new(),
        globals: Vec::new(),
        has_pool: false,
    };
    g.program()
}

impl Gen<'_, '_> {
    // ---- choices ----

    pub(super) fn int(&mut self, lo: u32, hi: u32) -> u32 {
        self.u.int_in_range(lo..=hi).unwrap_or(lo)
    }
    pub(super) fn chance(&mut self, num: u32, den: u32) -> bool {
        self.int(1, den) <= num
    }
    pub(super) fn pick<'s>(&mut self, xs: &[&'s str]) -> &'s str {
        xs[self.index(xs.len())]
    }
    pub(super) fn index(&mut self, len: usize) -> usize {
        self.int(0, len.saturating_sub(1) as u32) as usize
    }
    pub(super) fn fresh(&mut self, prefix: &str) -> String {
        self.next += 1;
        format!("{prefix}{}", self.next)
    }

    // ---- the program ----

    fn program(&mut self) -> Vec<Stmt> {
        let mut body = vec![Stmt::Def(
            "sv".into(),
            vec!["v".into()],
            vec![
                // Long strings print as their length: an attribute set to a
                // string holding its object's repr must not grow a repr per
                // iteration.
                Stmt::If(
                    lit("isinstance(v, str) and len(v) > 40"),
                    vec![Stmt::Return(Some(lit("'str' + str(len(v))")))],
                    vec![],
                ),
                Stmt::If(
                    call(
                        "isinstance",
                        vec![var("v"), lit("(int, float, str, bool, type(None))")],
                    ),
                    vec![Stmt::Return(Some(call("repr", vec![var("v")])))],
                    vec![],
                ),
                Stmt::Return(Some(lit("type(v).__name__"))),
            ],
        )];
        body.push(Stmt::Class(
            "Boom".into(),
            Some("Exception".into()),
            vec![Stmt::Expr(lit("pass"))],
        ));
        for i in 0..self.int(1, 3) {
            let g = format!("g{i}");
            let v = self.scalar_lit();
            body.push(Stmt::Assign(var(&g), v));
            self.globals.push(g);
        }
        for _ in 0..self.int(1, 3) {
            body.push(self.class_def());
        }
        for _ in 0..self.int(1, 3) {
            body.push(self.func_def());
        }
        body.push(self.rec_def());
        body.push(self.closure_def());
        body.push(Stmt::Assign(var("cl"), call("mk", vec![lit("0")])));
        let f = Func {
            name: "cl".into(),
            arity: 1,
            sz: self.funcs.last().map_or(4, |f| f.sz),
            cost: 2,
        };
        self.funcs.push(f);
        // The polymorphic pool.
        let n = self.int(2, 8);
        let items: Vec<Expr> = (0..n).map(|_| self.pool_item()).collect();
        body.push(Stmt::Assign(var("P"), Expr::List(items)));
        self.has_pool = true;

        for t in 0..self.int(1, 3) {
            let name = format!("t{t}");
            let mut sc = Scope {
                in_func: true,
                mult: 1,
                ..Scope::default()
            };
            sc.vars.push(("P".into(), 1));
            let mut fb = self.prologue(&mut sc);
            fb.push(self.for_loop(&mut sc));
            let n = self.int(1, 5);
            fb.extend(self.block(&mut sc, n));
            fb.extend(self.epilogue(&sc));
            if !sc.rebinds.is_empty() {
                fb.insert(0, Stmt::Global(sc.rebinds.clone()));
            }
            body.push(Stmt::Def(name.clone(), vec![], fb));
            let calls = self.int(1, 2);
            let sc = Scope::default();
            for _ in 0..calls {
                let s = Stmt::Expr(call(&name, vec![]));
                body.push(self.maybe_try(s, &sc));
            }
        }
        // Some hot code at module level too (globals instead of fast locals).
        let mut sc = Scope {
            mult: 1,
            ..Scope::default()
        };
        sc.vars.push(("P".into(), 1));
        let mut tail = self.prologue(&mut sc);
        let n = self.int(1, 4);
        tail.extend(self.block(&mut sc, n));
        tail.extend(self.epilogue(&sc));
        body.extend(tail);
        body
    }

    /// Accumulators and objects a test body starts with.
    fn prologue(&mut self, sc: &mut Scope) -> Vec<Stmt> {
        let mut out = Vec::new();
        let acc = self.fresh("acc");
        let init = if self.chance(1, 2) {
            lit(self.pick(&[
                "140737488355300",
                "-140737488355300",
                "9223372036854775000",
                "0",
            ]))
        } else {
            self.scalar_lit()
        };
        out.push(Stmt::Assign(var(&acc), init));
        sc.accs.push(acc);
        let l = self.fresh("lst");
        out.push(Stmt::Assign(var(&l), Expr::List(vec![])));
        sc.lists.push(l);
        let d = self.fresh("dct");
        out.push(Stmt::Assign(var(&d), Expr::Dict(vec![])));
        sc.dicts.push(d);
        let w = self.fresh("wl");
        let items = (0..self.int(1, 4)).map(|_| self.scalar_lit()).collect();
        out.push(Stmt::Assign(var(&w), Expr::List(items)));
        sc.works.push(w);
        for _ in 0..self.int(0, 2) {
            if self.classes.is_empty() {
                break;
            }
            let o = self.fresh("o");
            let k = self.index(self.classes.len());
            let arg = self.scalar_lit();
            out.push(Stmt::Assign(
                var(&o),
                call(&self.classes[k].name.clone(), vec![arg]),
            ));
            sc.vars.push((o.clone(), 1));
            sc.objs.push(o);
        }
        out
    }

    /// Prints the accumulators.
    fn epilogue(&mut self, sc: &Scope) -> Vec<Stmt> {
        let mut items: Vec<Expr> = sc.accs.iter().map(var).collect();
        items.extend(sc.works.iter().map(var));
        items.extend(sc.lists.iter().map(var));
        items.extend(sc.dicts.iter().map(var));
        for o in &sc.objs {
            items.push(var(o));
        }
        vec![Stmt::Print(items)]
    }
}
