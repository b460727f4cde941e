//! Definitions every program starts with: classes (attributes in varied
//! orders, inherited and own methods), functions, the depth-bounded `rec`
//! and the `nonlocal` closure factory `mk`.

use super::*;

impl Gen<'_, '_> {
    pub(super) fn class_def(&mut self) -> Stmt {
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
        if self.chance(1, 3) {
            // Comparison dunders: hot compares dispatch to Python code.
            let (m, e) = if self.chance(1, 2) {
                ("__eq__", "isinstance(o, K0) and self.x == o.x")
            } else {
                ("__lt__", "sv(self.x) < sv(o)")
            };
            let ret = vec![Stmt::Return(Some(lit(e)))];
            body.push(Stmt::Def(m.into(), vec!["self".into(), "o".into()], ret));
        }
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

    pub(super) fn func_def(&mut self) -> Stmt {
        let name = format!("f{}", self.funcs.len());
        // Up to 7 arguments: more than the ABI passes in registers.
        let arity = if self.chance(1, 4) {
            self.int(3, 7)
        } else {
            self.int(1, 2)
        } as usize;
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
    pub(super) fn rec_def(&mut self) -> Stmt {
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
    pub(super) fn closure_def(&mut self) -> Stmt {
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
}
