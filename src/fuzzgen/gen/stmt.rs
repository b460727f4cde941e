//! Statements: blocks, loops with bounded trip counts, `try` wrappers,
//! accumulator updates and rebinding of globals, functions and methods.

use super::*;

impl Gen<'_, '_> {
    pub(super) fn block(&mut self, sc: &mut Scope, n: u32) -> Vec<Stmt> {
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
    pub(super) fn sub_block(&mut self, sc: &mut Scope, n: u32) -> Vec<Stmt> {
        let mut inner = sc.clone();
        inner.nest += 2;
        let out = self.block(&mut inner, n);
        sc.rebinds = inner.rebinds;
        out
    }

    pub(super) fn stmt(&mut self, sc: &mut Scope) -> Vec<Stmt> {
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
            13 if sc.vars.iter().any(|(v, _)| v.starts_with('v')) && self.chance(1, 3) => {
                // An unbound local (or global) where a value was.
                let vs: Vec<String> = sc
                    .vars
                    .iter()
                    .filter(|(v, _)| v.starts_with('v'))
                    .map(|(v, _)| v.clone())
                    .collect();
                let v = vs[self.index(vs.len())].clone();
                vec![self.maybe_try(Stmt::Expr(lit(format!("del {v}"))), sc)]
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

    pub(super) fn maybe_try(&mut self, s: Stmt, sc: &Scope) -> Stmt {
        if sc.nest < MAX_NEST + 4 && self.chance(14, 15) {
            self.wrap_try(vec![s], sc)
        } else {
            s
        }
    }

    /// `try: body except ...: print(name, e)`.
    pub(super) fn wrap_try(&mut self, body: Vec<Stmt>, sc: &Scope) -> Stmt {
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

    pub(super) fn loop_scope(&mut self, sc: &Scope, k: u32, counter: &str) -> Scope {
        let mut inner = sc.clone();
        inner.mult = sc.mult * k.max(1) as u64;
        inner.loop_depth += 1;
        inner.nest += 1;
        inner.counters.push((counter.to_string(), k));
        inner.vars.push((counter.to_string(), 1));
        inner
    }

    pub(super) fn trip_count(&mut self, sc: &Scope) -> u32 {
        let cap = (self.budget as u64 / (4 * sc.mult)).clamp(1, 60) as u32;
        let k = match self.int(0, 3) {
            0 => self.int(1, 5),
            1 => self.int(10, 25),
            _ => self.int(20, 60),
        };
        k.min(cap)
    }

    pub(super) fn for_loop(&mut self, sc: &mut Scope) -> Stmt {
        let i = self.fresh("i");
        let k = self.trip_count(sc);
        let (iter, k) = match self.int(0, 5) {
            0 if self.has_pool => (lit("P"), 8),
            // A list stored into (never resized) while it is iterated.
            1 if !sc.works.is_empty() && self.chance(1, 2) => (var(sc.works[0].clone()), 4),
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
        if matches!(iter, Expr::Var(_)) {
            // An element of a work list is as large as what is stored into
            // it; sized 1, `wl[j] = str(v * 2)` would double it per pass.
            if let Some(v) = inner.vars.iter_mut().find(|(n, _)| *n == i) {
                v.1 = ATTR_SZ;
            }
        }
        let n = self.int(1, 5);
        let body = self.block(&mut inner, n);
        sc.rebinds = inner.rebinds;
        Stmt::For(i, iter, body)
    }

    pub(super) fn while_loop(&mut self, sc: &mut Scope) -> Stmt {
        let w = self.fresh("w");
        let k = self.trip_count(sc);
        let mut inner = self.loop_scope(sc, k, &w);
        let n = self.int(1, 4);
        let body = self.block(&mut inner, n);
        sc.rebinds = inner.rebinds;
        Stmt::While(w, k, body)
    }

    /// Rebinds a global, function or method when a counter reaches a value.
    pub(super) fn rebind(&mut self, sc: &mut Scope) -> Stmt {
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
}
