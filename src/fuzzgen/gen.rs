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

use super::ast::*;
use arbitrary::Unstructured;

/// Generation switches.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    /// Emit NaN and infinity literals. CPython compares containers holding
    /// two different NaN objects by identity, basil's unboxed floats have
    /// none: off for the CPython oracle.
    pub nan_inf: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config { nan_inf: true }
    }
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

    fn int(&mut self, lo: u32, hi: u32) -> u32 {
        self.u.int_in_range(lo..=hi).unwrap_or(lo)
    }
    fn chance(&mut self, num: u32, den: u32) -> bool {
        self.int(1, den) <= num
    }
    fn pick<'s>(&mut self, xs: &[&'s str]) -> &'s str {
        xs[self.index(xs.len())]
    }
    fn index(&mut self, len: usize) -> usize {
        self.int(0, len.saturating_sub(1) as u32) as usize
    }
    fn fresh(&mut self, prefix: &str) -> String {
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

    // ---- definitions ----

    fn class_def(&mut self) -> Stmt {
        let name = format!("K{}", self.classes.len());
        let base = if !self.classes.is_empty() && self.chance(1, 2) {
            let k = self.index(self.classes.len());
            Some(k)
        } else {
            None
        };
        let mut attrs: Vec<String> = ["x", "y", "z"]
            .iter()
            .filter(|_| self.chance(2, 3))
            .map(|s| s.to_string())
            .collect();
        // Different attribute orders give different shapes.
        if self.chance(1, 2) {
            attrs.reverse();
        }
        let mut init = Vec::new();
        if let Some(b) = base {
            init.push(Stmt::Expr(Expr::Call(
                Box::new(lit("super().__init__")),
                vec![var("a")],
            )));
            attrs.extend(self.classes[b].attrs.clone());
        }
        init.push(Stmt::Assign(lit("self.x"), var("a")));
        for a in attrs.iter().filter(|a| *a != "x") {
            let v = self.scalar_lit();
            init.push(Stmt::Assign(lit(format!("self.{a}")), v));
        }
        init.push(Stmt::Assign(lit("self.n"), lit("0")));
        if !attrs.contains(&"x".to_string()) {
            attrs.push("x".into());
        }
        attrs.push("n".into());
        attrs.dedup();
        let mut body = vec![
            Stmt::Assign(var("kind"), self.scalar_lit()),
            Stmt::Def("__init__".into(), vec!["self".into(), "a".into()], init),
            Stmt::Def(
                "__repr__".into(),
                vec!["self".into()],
                vec![Stmt::Return(Some(lit(format!(
                    "'{name}(' + sv(self.x) + ', ' + sv(self.n) + ')'"
                ))))],
            ),
        ];
        let mut methods: Vec<String> = base
            .map(|b| self.classes[b].methods.clone())
            .unwrap_or_default();
        for m in 0..self.int(1, 2) {
            let mname = format!("m{m}");
            let mut sc = Scope {
                in_func: true,
                mult: 1,
                ..Scope::default()
            };
            sc.vars.push(("a".into(), 1));
            for a in &attrs {
                sc.vars.push((format!("self.{a}"), ATTR_SZ));
            }
            let mut mb = Vec::new();
            if self.chance(1, 2) {
                mb.push(Stmt::AugAssign(lit("self.n"), "+", lit("1")));
            }
            if self.chance(1, 3) {
                let (v, _) = self.expr_max(&sc, 1, ATTR_SZ);
                let a = attrs[self.index(attrs.len())].clone();
                mb.push(Stmt::Assign(lit(format!("self.{a}")), v));
            }
            let (r, _) = self.expr(&sc, 2);
            mb.push(Stmt::Return(Some(r)));
            body.push(Stmt::Def(
                mname.clone(),
                vec!["self".into(), "a".into()],
                mb,
            ));
            if !methods.contains(&mname) {
                methods.push(mname);
            }
        }
        let base_name = base.map(|b| self.classes[b].name.clone());
        self.classes.push(Class {
            name: name.clone(),
            attrs,
            methods,
        });
        Stmt::Class(name, base_name, body)
    }

    fn func_def(&mut self) -> Stmt {
        let name = format!("f{}", self.funcs.len());
        let arity = self.int(1, 2) as usize;
        let mut params: Vec<String> = (0..arity).map(|i| format!("p{i}")).collect();
        let mut sc = Scope {
            in_func: true,
            mult: 1,
            ..Scope::default()
        };
        for p in &params {
            sc.vars.push((p.clone(), 1));
        }
        if self.chance(1, 3) {
            let d = self.scalar_lit();
            params.push(format!("q={}", expr(&d)));
            sc.vars.push(("q".into(), 1));
        }
        let saved = self.budget;
        self.budget = 30;
        let n = self.int(0, 2);
        let mut body = self.block(&mut sc, n);
        let cost = (31 - self.budget.max(0)) as u64;
        self.budget = saved;
        let (r, sz) = self.expr(&sc, 2);
        body.push(Stmt::Return(Some(r)));
        if !sc.rebinds.is_empty() {
            body.insert(0, Stmt::Global(sc.rebinds.clone()));
        }
        self.funcs.push(Func {
            name: name.clone(),
            arity,
            sz: sz.max(1),
            cost,
        });
        Stmt::Def(name, params, body)
    }

    /// `rec(d, x)`: recursion with a depth bound, maybe raising at the bottom.
    fn rec_def(&mut self) -> Stmt {
        let sc = Scope {
            in_func: true,
            mult: 1,
            vars: vec![("x".into(), 1), ("d".into(), 1)],
            ..Scope::default()
        };
        let (base, bsz) = self.expr_max(&sc, 2, 4);
        let mut bottom = Vec::new();
        if self.chance(2, 3) {
            let (c, _) = self.cond(&sc);
            let exc = self.pick(&["Boom", "ValueError", "KeyError", "ZeroDivisionError"]);
            bottom.push(Stmt::If(
                c,
                vec![Stmt::Raise(call(
                    exc,
                    vec![bin("+", lit("'deep '"), call("sv", vec![var("x")]))],
                ))],
                vec![],
            ));
        }
        bottom.push(Stmt::Return(Some(base)));
        let step = self.pick(&["1", "-1", "0.5", "(2 ** 46)", "True"]);
        let (extra, esz) = self.expr_max(&sc, 1, 4);
        let rec = call(
            "rec",
            vec![bin("-", var("d"), lit("1")), bin("+", var("x"), lit(step))],
        );
        let ret = if self.chance(1, 2) {
            bin("+", rec, extra)
        } else {
            rec
        };
        self.funcs.push(Func {
            name: "rec".into(),
            arity: 2,
            sz: 8 * (bsz + esz).max(1),
            cost: 8,
        });
        Stmt::Def(
            "rec".into(),
            vec!["d".into(), "x".into()],
            vec![
                Stmt::If(lit("d <= 0"), bottom, vec![]),
                Stmt::Return(Some(ret)),
            ],
        )
    }

    /// `mk(k)` returns a closure that updates `k` through `nonlocal`.
    fn closure_def(&mut self) -> Stmt {
        let sc = Scope {
            in_func: true,
            mult: 1,
            vars: vec![("a".into(), 1), ("k".into(), 1)],
            ..Scope::default()
        };
        let step = self.pick(&["1", "0.5", "'s'", "(2 ** 47)"]);
        let (r, sz) = self.expr_max(&sc, 2, 8);
        let inner = Stmt::Def(
            "inner".into(),
            vec!["a".into()],
            vec![
                Stmt::Nonlocal(vec!["k".into()]),
                Stmt::Assign(var("k"), bin("+", var("k"), lit(step))),
                Stmt::Return(Some(r)),
            ],
        );
        self.funcs.push(Func {
            name: "mk(3)".into(),
            arity: 1,
            sz: sz + 2,
            cost: 2,
        });
        Stmt::Def(
            "mk".into(),
            vec!["k".into()],
            vec![inner, Stmt::Return(Some(var("inner")))],
        )
    }

    // ---- statements ----

    fn block(&mut self, sc: &mut Scope, n: u32) -> Vec<Stmt> {
        let mut out = Vec::new();
        for _ in 0..n {
            if self.budget <= 0 {
                break;
            }
            let s = self.stmt(sc);
            out.extend(s);
        }
        out
    }

    /// A conditionally run block: the names it binds stay local to it.
    fn sub_block(&mut self, sc: &mut Scope, n: u32) -> Vec<Stmt> {
        let mut inner = sc.clone();
        inner.nest += 2;
        let out = self.block(&mut inner, n);
        sc.rebinds = inner.rebinds;
        out
    }

    fn stmt(&mut self, sc: &mut Scope) -> Vec<Stmt> {
        self.budget -= sc.mult as i64;
        let nested = sc.loop_depth < 3 && self.budget > 40 && sc.nest < MAX_NEST;
        match self.int(0, 15) {
            0 | 1 if nested => vec![self.for_loop(sc)],
            2 if nested => vec![self.while_loop(sc)],
            3 if sc.nest < MAX_NEST => {
                let (c, _) = self.cond(sc);
                let n = self.int(1, 2);
                let a = self.sub_block(sc, n);
                let b = if self.chance(1, 2) {
                    let n = self.int(1, 2);
                    self.sub_block(sc, n)
                } else {
                    vec![]
                };
                vec![self.maybe_try(Stmt::If(c, a, b), sc)]
            }
            4 | 5 if sc.nest < MAX_NEST => {
                let n = self.int(1, 3);
                let body = self.sub_block(sc, n);
                vec![self.wrap_try(body, sc)]
            }
            6 if !sc.accs.is_empty() => {
                let (e, _) = self.expr(sc, 2);
                let acc = var(sc.accs[0].clone());
                let op = self.pick(&["+", "+", "-", "^", "|"]);
                vec![self.maybe_try(Stmt::AugAssign(acc, op, e), sc)]
            }
            7 if !sc.lists.is_empty() => {
                let (e, _) = self.expr(sc, 2);
                let l = var(sc.lists[0].clone());
                let s = Stmt::Expr(Expr::Call(
                    Box::new(Expr::Attr(Box::new(l), "append".into())),
                    vec![e],
                ));
                vec![self.maybe_try(s, sc)]
            }
            8 if !sc.dicts.is_empty() => {
                let k = match sc.counters.last() {
                    Some((c, _)) if self.chance(2, 3) => bin("%", var(c.clone()), lit("4")),
                    _ => self.scalar_lit(),
                };
                let (e, _) = self.expr(sc, 1);
                let d = var(sc.dicts[0].clone());
                vec![self.maybe_try(Stmt::Assign(Expr::Index(Box::new(d), Box::new(k)), e), sc)]
            }
            9 if !sc.objs.is_empty() => {
                let o = sc.objs[self.index(sc.objs.len())].clone();
                let a = self.pick(&["x", "y", "z", "n", "w"]);
                let (e, _) = self.expr_max(sc, 1, ATTR_SZ);
                let s = Stmt::Assign(Expr::Attr(Box::new(var(o)), a.into()), e);
                vec![self.maybe_try(s, sc)]
            }
            9 | 14 if !sc.works.is_empty() && !sc.counters.is_empty() => {
                let w = sc.works[0].clone();
                let (c, _) = sc.counters[self.index(sc.counters.len())].clone();
                let k = self.int(0, 3);
                let (e, _) = self.expr_max(sc, 2, ATTR_SZ);
                let t = lit(format!("{w}[({c} + {k}) % len({w})]"));
                vec![self.maybe_try(Stmt::Assign(t, e), sc)]
            }
            10 if sc.loop_depth > 0 => vec![self.rebind(sc)],
            11 if sc.loop_depth > 0 => {
                let (c, _) = self.counter_cond(sc);
                let s = if self.chance(1, 2) {
                    Stmt::Break
                } else {
                    Stmt::Continue
                };
                vec![Stmt::If(c, vec![s], vec![])]
            }
            12 | 13 if sc.mult <= 200 => {
                let n = self.int(1, 3);
                let items: Vec<Expr> = (0..n).map(|_| self.expr(sc, 3).0).collect();
                vec![self.maybe_try(Stmt::Print(items), sc)]
            }
            _ => {
                let (e, sz) = self.expr(sc, 3);
                let name = self.fresh("v");
                let s = self.maybe_try(Stmt::Assign(var(&name), e), sc);
                sc.vars.push((name, sz));
                vec![s]
            }
        }
    }

    fn maybe_try(&mut self, s: Stmt, sc: &Scope) -> Stmt {
        if sc.nest < MAX_NEST + 4 && self.chance(14, 15) {
            self.wrap_try(vec![s], sc)
        } else {
            s
        }
    }

    /// `try: body except ...: print(name, e)`.
    fn wrap_try(&mut self, body: Vec<Stmt>, sc: &Scope) -> Stmt {
        let report = Stmt::Print(vec![lit("type(e).__name__"), var("e")]);
        let report = if sc.mult <= 200 {
            report
        } else {
            Stmt::Expr(lit("pass"))
        };
        let mut handlers = Vec::new();
        if self.chance(1, 4) {
            handlers.push(Handler {
                types: vec!["ZeroDivisionError".into(), "OverflowError".into()],
                body: vec![Stmt::Print(vec![lit("'arith'"), var("e")])],
            });
        }
        handlers.push(Handler {
            types: vec![],
            body: vec![report],
        });
        let fin = if self.chance(1, 8) && sc.mult <= 200 {
            vec![Stmt::Print(vec![lit("'fin'")])]
        } else {
            vec![]
        };
        Stmt::Try(body, handlers, fin)
    }

    fn loop_scope(&mut self, sc: &Scope, k: u32, counter: &str) -> Scope {
        let mut inner = sc.clone();
        inner.mult = sc.mult * k.max(1) as u64;
        inner.loop_depth += 1;
        inner.nest += 1;
        inner.counters.push((counter.to_string(), k));
        inner.vars.push((counter.to_string(), 1));
        inner
    }

    fn trip_count(&mut self, sc: &Scope) -> u32 {
        let cap = (self.budget as u64 / (4 * sc.mult)).clamp(1, 60) as u32;
        let k = match self.int(0, 3) {
            0 => self.int(1, 5),
            1 => self.int(10, 25),
            _ => self.int(20, 60),
        };
        k.min(cap)
    }

    fn for_loop(&mut self, sc: &mut Scope) -> Stmt {
        let i = self.fresh("i");
        let k = self.trip_count(sc);
        let (iter, k) = match self.int(0, 5) {
            0 if self.has_pool => (lit("P"), 8),
            1 => (lit("'abc'"), 3),
            2 => (
                Expr::List(vec![
                    lit("1"),
                    lit("2.5"),
                    lit("'s'"),
                    lit("None"),
                    lit("2 ** 62"),
                ]),
                5,
            ),
            _ => (call("range", vec![lit(k.to_string())]), k),
        };
        let mut inner = self.loop_scope(sc, k, &i);
        if !matches!(iter, Expr::Call(..)) {
            inner.counters.pop();
        }
        let n = self.int(1, 5);
        let body = self.block(&mut inner, n);
        sc.rebinds = inner.rebinds;
        Stmt::For(i, iter, body)
    }

    fn while_loop(&mut self, sc: &mut Scope) -> Stmt {
        let w = self.fresh("w");
        let k = self.trip_count(sc);
        let mut inner = self.loop_scope(sc, k, &w);
        let n = self.int(1, 4);
        let body = self.block(&mut inner, n);
        sc.rebinds = inner.rebinds;
        Stmt::While(w, k, body)
    }

    /// Rebinds a global, function or method when a counter reaches a value.
    fn rebind(&mut self, sc: &mut Scope) -> Stmt {
        let (c, _) = self.counter_cond(sc);
        let s = match self.int(0, 3) {
            0 if !self.globals.is_empty() => {
                let gi = self.index(self.globals.len());
                let g = self.globals[gi].clone();
                let v = self.scalar_lit();
                if sc.in_func && !sc.rebinds.contains(&g) {
                    sc.rebinds.push(g.clone());
                }
                Stmt::Assign(var(g), v)
            }
            1 if self.classes.len() >= 2 => {
                let a = self.index(self.classes.len());
                let b = self.index(self.classes.len());
                let ma = self.classes[a].methods.clone();
                let mb = self.classes[b].methods.clone();
                let m1 = ma[self.index(ma.len())].clone();
                let m2 = mb[self.index(mb.len())].clone();
                Stmt::Assign(
                    lit(format!("{}.{m1}", self.classes[a].name)),
                    lit(format!("{}.{m2}", self.classes[b].name)),
                )
            }
            3 => {
                // A function global rebound to another of the same arity
                // (callers guard callees by identity).
                let fs: Vec<(String, usize)> = self
                    .funcs
                    .iter()
                    .filter(|f| f.name.starts_with('f'))
                    .map(|f| (f.name.clone(), f.arity))
                    .collect();
                if fs.is_empty() {
                    return Stmt::If(c, vec![Stmt::Expr(lit("pass"))], vec![]);
                }
                let (a, arity) = fs[self.index(fs.len())].clone();
                let same: Vec<&String> = fs.iter().filter(|f| f.1 == arity).map(|f| &f.0).collect();
                let b = same[self.index(same.len())].clone();
                let target = if self.chance(1, 3) {
                    let params: Vec<String> = (0..arity).map(|i| format!("p{i}")).collect();
                    format!("(lambda {}: p0)", params.join(", "))
                } else {
                    b
                };
                if sc.in_func && !sc.rebinds.contains(&a) {
                    sc.rebinds.push(a.clone());
                }
                Stmt::Assign(var(a), lit(target))
            }
            2 if !sc.objs.is_empty() && self.chance(1, 2) => {
                // Deleting an attribute rebuilds the instance's shape.
                let o = sc.objs[self.index(sc.objs.len())].clone();
                let a = self.pick(&["x", "y", "z", "w"]);
                let del = Stmt::Expr(lit(format!("del {o}.{a}")));
                return self.maybe_try(Stmt::If(c, vec![del], vec![]), sc);
            }
            _ if !self.classes.is_empty() => {
                let a = self.index(self.classes.len());
                let v = self.scalar_lit();
                Stmt::Assign(lit(format!("{}.kind", self.classes[a].name)), v)
            }
            _ => Stmt::Expr(lit("pass")),
        };
        Stmt::If(c, vec![s], vec![])
    }

    // ---- expressions ----

    /// A condition on a loop counter: `i == m` / `i < m` (type switches).
    fn counter_cond(&mut self, sc: &Scope) -> (Expr, Sz) {
        match sc.counters.last().cloned() {
            Some((c, k)) => {
                let m = self.int(0, k.max(1));
                let op = self.pick(&["==", "<", ">=", "=="]);
                (Expr::Chain(vec![op], vec![var(c), lit(m.to_string())]), 1)
            }
            // Leaves only: this is called from inside expressions.
            None => {
                let (a, _) = self.leaf(sc);
                let (b, _) = self.leaf(sc);
                (Expr::Chain(vec!["<"], vec![a, b]), 1)
            }
        }
    }

    fn cond(&mut self, sc: &Scope) -> (Expr, Sz) {
        if !sc.counters.is_empty() && self.chance(1, 2) {
            return self.counter_cond(sc);
        }
        let (e, _) = self.expr(sc, 2);
        (e, 1)
    }

    fn expr_max(&mut self, sc: &Scope, depth: u32, max: Sz) -> (Expr, Sz) {
        let (e, sz) = self.expr(sc, depth);
        if sz <= max {
            (e, sz)
        } else {
            (self.scalar_lit(), 1)
        }
    }

    fn expr(&mut self, sc: &Scope, depth: u32) -> (Expr, Sz) {
        let (e, sz) = self.expr_inner(sc, depth);
        if sz > MAX_SZ {
            return self.leaf(sc);
        }
        (e, sz)
    }

    fn expr_inner(&mut self, sc: &Scope, depth: u32) -> (Expr, Sz) {
        if depth == 0 {
            return self.leaf(sc);
        }
        let d = depth - 1;
        match self.int(0, 20) {
            0..=3 => self.leaf(sc),
            4..=6 => {
                let op = self.pick(&["+", "-", "+", "/", "//", "%", "&", "|", "^", "-"]);
                let (a, sa) = self.expr(sc, d);
                let (b, sb) = self.expr(sc, d);
                (bin(op, a, b), sa + sb)
            }
            7 => {
                // Repetition and multiplication: by a small leaf only.
                let (a, sa) = self.expr(sc, d);
                let b = match sc.counters.last() {
                    Some((c, _)) if self.chance(1, 3) && sa <= 2 => var(c.clone()),
                    _ => lit(self.pick(&["2", "3", "-1", "0", "True", "1.5", "-3", "-0.0"])),
                };
                (bin("*", a, b), sa * 4 + 1)
            }
            8 => {
                let (a, sa) = self.leaf(sc);
                let op = self.pick(&["**", "<<", ">>"]);
                let b = match op {
                    "**" => self.pick(&["0", "1", "2", "3", "-1", "-2"]),
                    _ => self.pick(&["0", "1", "3", "16", "17", "47", "63", "64", "70"]),
                };
                (bin(op, a, lit(b)), sa * 3 + 2)
            }
            9 | 10 => {
                let n = self.int(2, 3) as usize;
                let items: Vec<Expr> = (0..n).map(|_| self.expr(sc, d).0).collect();
                let ops = (1..n)
                    .map(|_| self.pick(&["<", "<=", ">", ">=", "==", "!="]))
                    .collect();
                (Expr::Chain(ops, items), 1)
            }
            11 => {
                let (c, _) = self.counter_cond(sc);
                let (a, sa) = self.expr(sc, d);
                let (b, sb) = self.expr(sc, d);
                (
                    Expr::IfExp(Box::new(c), Box::new(a), Box::new(b)),
                    sa.max(sb),
                )
            }
            12 => {
                let (a, sa) = self.expr(sc, d);
                let (b, sb) = self.expr(sc, d);
                let op = self.pick(&["and", "or"]);
                (Expr::Chain(vec![op], vec![a, b]), sa.max(sb))
            }
            13 => {
                let (a, sa) = self.expr(sc, d);
                let op = self.pick(&["-", "not ", "~", "-"]);
                (Expr::Un(op, Box::new(a)), sa)
            }
            14 | 15 => self.call_expr(sc, d),
            16 => self.attr_expr(sc, d),
            17 => {
                let (a, sa) = self.expr(sc, d);
                let i = match sc.counters.last() {
                    Some((c, _)) if self.chance(1, 2) => var(c.clone()),
                    _ => lit(self.pick(&["0", "1", "-1", "'a'", "2"])),
                };
                // Subscripting a literal draws a SyntaxWarning from CPython.
                let a = if matches!(a, Expr::Lit(_)) {
                    call("sv", vec![a])
                } else {
                    a
                };
                if self.chance(1, 3) {
                    let lo = Some(Box::new(lit(self.pick(&["0", "1", "-2"]))));
                    (Expr::Slice(Box::new(a), lo, None), sa)
                } else {
                    (Expr::Index(Box::new(a), Box::new(i)), sa)
                }
            }
            18 => {
                let n = self.int(0, 3) as usize;
                let mut sz = 1;
                let items: Vec<Expr> = (0..n)
                    .map(|_| {
                        let (e, s) = self.expr(sc, d);
                        sz += s;
                        e
                    })
                    .collect();
                let kinds = if self.cfg.nan_inf { 2 } else { 1 };
                match self.int(0, kinds) {
                    0 => (Expr::Tuple(items), sz),
                    1 => (Expr::List(items), sz),
                    _ => {
                        let pairs = items
                            .into_iter()
                            .enumerate()
                            .map(|(k, v)| (lit(format!("'k{k}'")), v))
                            .collect();
                        (Expr::Dict(pairs), sz)
                    }
                }
            }
            19 => {
                // A leaf: f-strings must not nest (3.11 cannot reuse the quote).
                let (a, sa) = self.leaf(sc);
                let suffix = self.pick(&["", "!r", ":>6", ":.3f", ":,", ":x", ":<4"]);
                (Expr::FStr(vec![("<".into(), a, suffix.into())]), sa + 1)
            }
            _ => {
                let (a, sa) = self.expr(sc, d);
                let (b, sb) = self.expr(sc, d);
                let op = self.pick(&["in", "not in", "is", "is not"]);
                if op.starts_with("is") {
                    // `LITERAL is None` draws a SyntaxWarning from CPython.
                    let a = if matches!(a, Expr::Lit(_)) {
                        call("sv", vec![a])
                    } else {
                        a
                    };
                    (Expr::Chain(vec![op], vec![a, lit("None")]), 1)
                } else {
                    let _ = (sa, sb);
                    (Expr::Chain(vec![op], vec![a, b]), 1)
                }
            }
        }
    }

    fn call_expr(&mut self, sc: &Scope, d: u32) -> (Expr, Sz) {
        let (a, sa) = self.expr(sc, d);
        match self.int(0, 7) {
            0 | 1 if !self.funcs.is_empty() => {
                let k = self.index(self.funcs.len());
                let (name, arity, fsz) = {
                    let f = &self.funcs[k];
                    (f.name.clone(), f.arity, f.sz)
                };
                let mut args = vec![a];
                let mut msz = sa;
                if name == "rec" {
                    args.insert(0, lit(self.int(0, 6).to_string()));
                } else {
                    for _ in 1..arity {
                        let (b, sb) = self.expr(sc, d);
                        msz = msz.max(sb);
                        args.push(b);
                    }
                }
                self.budget -= (self.funcs[k].cost * sc.mult) as i64;
                let callee = if name.contains('(') {
                    lit(name)
                } else {
                    var(name)
                };
                (
                    Expr::Call(Box::new(callee), args),
                    fsz.saturating_mul(msz.max(1)),
                )
            }
            2 if !self.classes.is_empty() => {
                // A method call on an instance (or whatever `a` is).
                let k = self.index(self.classes.len());
                let ms = self.classes[k].methods.clone();
                let m = ms[self.index(ms.len())].clone();
                let recv = match sc.objs.first() {
                    Some(o) if self.chance(2, 3) => var(o.clone()),
                    _ => a.clone(),
                };
                let e = Expr::Call(Box::new(Expr::Attr(Box::new(recv), m)), vec![a]);
                self.budget -= 3 * sc.mult as i64;
                (e, ATTR_SZ * 3 + sa)
            }
            3 => {
                let m = self.pick(&["upper", "strip", "isdigit", "lower"]);
                (
                    Expr::Call(Box::new(Expr::Attr(Box::new(a), m.into())), vec![]),
                    sa,
                )
            }
            4 => {
                let m = self.pick(&["find", "startswith", "split", "index", "get"]);
                let arg = lit(self.pick(&["'a'", "1", "' '"]));
                (
                    Expr::Call(Box::new(Expr::Attr(Box::new(a), m.into())), vec![arg]),
                    sa + 1,
                )
            }
            5 if !sc.counters.is_empty() => {
                // A polymorphic call site.
                let mut fs: Vec<String> = self
                    .funcs
                    .iter()
                    .filter(|f| f.arity == 1)
                    .map(|f| f.name.clone())
                    .collect();
                fs.extend(self.classes.iter().map(|c| c.name.clone()));
                fs.push("abs".into());
                fs.push("(lambda z: z + 1)".into());
                let n = fs.len();
                let (c, _) = sc.counters[self.index(sc.counters.len())].clone();
                let table = lit(format!("({})[{c} % {n}]", fs.join(", ")));
                self.budget -= 4 * sc.mult as i64;
                (Expr::Call(Box::new(table), vec![a]), ATTR_SZ * 4 + sa * 2)
            }
            6 => {
                let (b, sb) = self.expr(sc, d);
                let f = self.pick(&["min", "max", "divmod", "pow", "round"]);
                let args = if f == "pow" {
                    vec![a, lit(self.pick(&["2", "3", "-1"]))]
                } else if f == "round" {
                    vec![a, lit(self.pick(&["0", "1", "2"]))]
                } else {
                    vec![a, b]
                };
                (call(f, args), sa.max(sb) * 3 + 1)
            }
            _ => {
                let f = self.pick(&["abs", "int", "float", "str", "repr", "bool", "len", "round"]);
                (call(f, vec![a]), sa + 1)
            }
        }
    }

    fn attr_expr(&mut self, sc: &Scope, d: u32) -> (Expr, Sz) {
        let recv = if !sc.objs.is_empty() && self.chance(2, 3) {
            var(sc.objs[self.index(sc.objs.len())].clone())
        } else {
            self.expr(sc, d).0
        };
        let a = self.pick(&["x", "y", "z", "n", "kind", "w"]);
        (Expr::Attr(Box::new(recv), a.into()), ATTR_SZ)
    }

    fn leaf(&mut self, sc: &Scope) -> (Expr, Sz) {
        match self.int(0, 9) {
            0 | 1 if !sc.vars.is_empty() => {
                let (v, sz) = sc.vars[self.index(sc.vars.len())].clone();
                (lit(v), sz)
            }
            2 if !sc.counters.is_empty() && self.has_pool => {
                let (c, _) = sc.counters[self.index(sc.counters.len())].clone();
                let off = self.int(0, 3);
                (lit(format!("P[({c} + {off}) % len(P)]")), 2)
            }
            3 if !sc.counters.is_empty() => {
                let (c, _) = sc.counters[self.index(sc.counters.len())].clone();
                (var(c), 1)
            }
            8 if !sc.works.is_empty() && !sc.counters.is_empty() && self.chance(1, 2) => {
                let w = sc.works[0].clone();
                let (c, _) = sc.counters[self.index(sc.counters.len())].clone();
                (lit(format!("{w}[{c} % len({w})]")), ATTR_SZ)
            }
            4 if !self.globals.is_empty() => {
                let gi = self.index(self.globals.len());
                let g = self.globals[gi].clone();
                (var(g), ATTR_SZ)
            }
            5 if !sc.counters.is_empty() => {
                // Crosses basil's unboxed-int limit (2**47) or 2**63 mid-loop.
                let (c, _) = sc.counters[self.index(sc.counters.len())].clone();
                let t = match self.int(0, 4) {
                    0 => format!("({c} + 140737488355320)"),
                    1 => format!("(-140737488355320 - {c})"),
                    2 => format!("({c} * 4398046511104)"),
                    3 => format!("(9223372036854775800 + {c})"),
                    _ => format!("(140737488355300 + {c} * 2.0)"),
                };
                (lit(t), 2)
            }
            6 => (lit(self.pick(INTS)), 2),
            7 => (lit(self.pick(FLOATS)), 1),
            _ => (self.scalar_lit(), 2),
        }
    }

    /// A literal of any scalar kind, or a small container.
    fn scalar_lit(&mut self) -> Expr {
        let s = match self.int(0, 9) {
            0..=3 => self.pick(INTS),
            4 | 5 => self.pick(FLOATS),
            6 if self.cfg.nan_inf => self.pick(SPECIAL_FLOATS),
            7 => self.pick(STRS),
            // basil has no dict union (`|`): no dicts for the CPython oracle.
            _ if !self.cfg.nan_inf => self.pick(&OTHERS[..5]),
            _ => self.pick(OTHERS),
        };
        lit(s)
    }

    fn pool_item(&mut self) -> Expr {
        if !self.classes.is_empty() && self.chance(1, 4) {
            let k = self.index(self.classes.len());
            let a = self.scalar_lit();
            return call(&self.classes[k].name.clone(), vec![a]);
        }
        self.scalar_lit()
    }
}
