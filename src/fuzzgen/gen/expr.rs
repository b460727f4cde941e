//! Expressions with a size estimate (`Sz`): leaves aimed at type changes
//! and int boundaries, operators whose growth is bounded, calls, attributes.

use super::*;

impl Gen<'_, '_> {
    /// A condition on a loop counter: `i == m` / `i < m` (type switches).
    pub(super) fn counter_cond(&mut self, sc: &Scope) -> (Expr, Sz) {
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

    pub(super) fn cond(&mut self, sc: &Scope) -> (Expr, Sz) {
        if !sc.counters.is_empty() && self.chance(1, 2) {
            return self.counter_cond(sc);
        }
        let (e, _) = self.expr(sc, 2);
        (e, 1)
    }

    pub(super) fn expr_max(&mut self, sc: &Scope, depth: u32, max: Sz) -> (Expr, Sz) {
        let (e, sz) = self.expr(sc, depth);
        if sz <= max {
            (e, sz)
        } else {
            (self.scalar_lit(), 1)
        }
    }

    pub(super) fn expr(&mut self, sc: &Scope, depth: u32) -> (Expr, Sz) {
        let (e, sz) = self.expr_inner(sc, depth);
        if sz > MAX_SZ {
            return self.leaf(sc);
        }
        (e, sz)
    }

    pub(super) fn expr_inner(&mut self, sc: &Scope, depth: u32) -> (Expr, Sz) {
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
                // Now and then more elements than the JIT's context tracks
                // temps (12).
                let n = if self.chance(1, 6) {
                    self.int(12, 16)
                } else {
                    self.int(0, 3)
                } as usize;
                let mut sz = 1;
                let items: Vec<Expr> = (0..n)
                    .map(|_| {
                        let (e, s) = self.expr(sc, d);
                        sz += s;
                        e
                    })
                    .collect();
                let kinds = if self.cfg.cpython { 1 } else { 2 };
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

    pub(super) fn call_expr(&mut self, sc: &Scope, d: u32) -> (Expr, Sz) {
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
                    // Past the recursion limit (1000) now and then: a
                    // RecursionError raised deep in JIT code.
                    // Only where it runs a few times (helper bodies run
                    // with a budget of 30).
                    let deep = !self.cfg.cpython && sc.mult <= 3 && self.budget > 1500;
                    let depth = if deep && self.chance(1, 3) {
                        self.budget -= 1100 * sc.mult as i64;
                        1100
                    } else {
                        self.int(0, 6)
                    };
                    args.insert(0, lit(depth.to_string()));
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
                if self.chance(1, 4) {
                    let t = self.pick(&["int", "float", "str", "bool", "(int, float)", "K0"]);
                    return (call("isinstance", vec![a, lit(t)]), 1);
                }
                let f = self.pick(&["abs", "int", "float", "str", "repr", "bool", "len", "round"]);
                (call(f, vec![a]), sa + 1)
            }
        }
    }

    pub(super) fn attr_expr(&mut self, sc: &Scope, d: u32) -> (Expr, Sz) {
        let recv = if !sc.objs.is_empty() && self.chance(2, 3) {
            var(sc.objs[self.index(sc.objs.len())].clone())
        } else {
            self.expr(sc, d).0
        };
        let a = self.pick(&["x", "y", "z", "n", "kind", "w"]);
        (Expr::Attr(Box::new(recv), a.into()), ATTR_SZ)
    }

    pub(super) fn leaf(&mut self, sc: &Scope) -> (Expr, Sz) {
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
    pub(super) fn scalar_lit(&mut self) -> Expr {
        let s = match self.int(0, 9) {
            0..=3 => self.pick(INTS),
            4 | 5 => self.pick(FLOATS),
            6 if !self.cfg.cpython => self.pick(SPECIAL_FLOATS),
            7 => self.pick(STRS),
            // basil has no dict union (`|`): no dicts for the CPython oracle.
            _ if self.cfg.cpython => self.pick(&OTHERS[..5]),
            _ => self.pick(OTHERS),
        };
        lit(s)
    }

    pub(super) fn pool_item(&mut self) -> Expr {
        if !self.classes.is_empty() && self.chance(1, 4) {
            let k = self.index(self.classes.len());
            let a = self.scalar_lit();
            return call(&self.classes[k].name.clone(), vec![a]);
        }
        self.scalar_lit()
    }
}
