//! Scope analysis (CPython's `symtable.c` in miniature): one `Scope` per
//! module, class body, function, lambda and comprehension, the names each one
//! binds, declares or uses, and then the resolution of every name to a local
//! slot, a cell, a free variable (captured from an enclosing function) or a
//! global. Functions nested in a class body skip the class scope.
//!
//! Also reports CPython's symtable errors (`global`/`nonlocal` misuse,
//! duplicate parameters).

use super::{CResult, SourceMap};
use indexmap::{IndexMap, IndexSet};
use ruff_python_ast::visitor::{walk_expr, walk_stmt, Visitor};
use ruff_python_ast::{
    self as ast, Comprehension, ExceptHandler, Expr, ExprContext, Parameters, Stmt,
};
use ruff_text_size::TextRange;
use std::collections::{HashMap, HashSet};

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum ScopeKind {
    Module,
    Function,
    Class,
    Lambda,
    Comprehension,
}

impl ScopeKind {
    /// Function-like scopes have fast locals and can own cells.
    pub fn is_function(self) -> bool {
        matches!(
            self,
            ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension
        )
    }
}

/// Where a name lives, seen from one scope.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum NameScope {
    /// A fast local (function) or a class-namespace name (class body).
    Local,
    /// A local captured by an inner scope.
    Cell,
    /// Captured from an enclosing function.
    Free,
    /// Declared `global`.
    GlobalExplicit,
    /// Not bound here nor in an enclosing function.
    GlobalImplicit,
}

const DEF_LOCAL: u8 = 1;
const DEF_PARAM: u8 = 2;
const DEF_GLOBAL: u8 = 4;
const DEF_NONLOCAL: u8 = 8;
const USE: u8 = 16;

#[derive(Debug)]
pub(crate) struct Scope {
    pub kind: ScopeKind,
    pub parent: Option<usize>,
    children: Vec<usize>,
    flags: IndexMap<String, u8>,
    /// Parameters in slot order.
    pub params: Vec<String>,
    /// The resolution of every name seen in this scope.
    resolved: HashMap<String, NameScope>,
    /// Free variables in closure order (own ones and those passed through to
    /// inner scopes).
    pub free: Vec<String>,
    /// Where each `nonlocal`/`global` declaration is (for error locations).
    decl_range: HashMap<String, TextRange>,
}

impl Scope {
    fn new(kind: ScopeKind, parent: Option<usize>) -> Self {
        Scope {
            kind,
            parent,
            children: Vec::new(),
            flags: IndexMap::new(),
            params: Vec::new(),
            resolved: HashMap::new(),
            free: Vec::new(),
            decl_range: HashMap::new(),
        }
    }

    /// The resolution of `name` in this scope.
    pub fn resolve(&self, name: &str) -> NameScope {
        match self.resolved.get(name) {
            Some(s) => *s,
            None => NameScope::GlobalImplicit,
        }
    }

    /// Non-parameter names that need a fast slot (locals and cells), in order
    /// of first appearance.
    pub fn slot_locals(&self) -> Vec<String> {
        self.flags
            .keys()
            .filter(|n| {
                !self.params.contains(n)
                    && matches!(
                        self.resolved.get(n.as_str()),
                        Some(NameScope::Local) | Some(NameScope::Cell)
                    )
            })
            .cloned()
            .collect()
    }
}

/// The scopes of one module.
#[derive(Debug)]
pub(crate) struct SymTable {
    pub scopes: Vec<Scope>,
    by_node: HashMap<usize, usize>,
}

/// The key of a scope-creating AST node: its address (the AST outlives the
/// compilation).
pub(crate) fn node_key<T>(node: &T) -> usize {
    node as *const T as usize
}

impl SymTable {
    /// Builds and resolves the scopes of a module body.
    pub fn build(map: &SourceMap, body: &[Stmt]) -> CResult<SymTable> {
        let mut b = Builder {
            map,
            st: SymTable {
                scopes: vec![Scope::new(ScopeKind::Module, None)],
                by_node: HashMap::new(),
            },
            cur: 0,
            err: None,
        };
        for s in body {
            b.visit_stmt(s);
        }
        if let Some(e) = b.err {
            return Err(e);
        }
        let mut st = b.st;
        st.analyze(map, 0, &HashSet::new())?;
        Ok(st)
    }

    /// The scope created by an AST node (function, class, lambda, comprehension).
    pub fn scope_of<T>(&self, node: &T) -> Option<usize> {
        self.by_node.get(&node_key(node)).copied()
    }

    fn analyze(
        &mut self,
        map: &SourceMap,
        id: usize,
        bound: &HashSet<String>,
    ) -> CResult<Vec<String>> {
        let kind = self.scopes[id].kind;
        let mut resolved = HashMap::new();
        let mut own_free = Vec::new();
        for (name, &fl) in &self.scopes[id].flags {
            let range = self.scopes[id].decl_range.get(name).copied();
            let s = if fl & DEF_GLOBAL != 0 {
                if fl & DEF_NONLOCAL != 0 {
                    return Err(map.syntax(
                        format!("name '{name}' is nonlocal and global"),
                        range.unwrap_or_default(),
                    ));
                }
                NameScope::GlobalExplicit
            } else if fl & DEF_NONLOCAL != 0 {
                if !bound.contains(name) {
                    return Err(map.syntax(
                        format!("no binding for nonlocal '{name}' found"),
                        range.unwrap_or_default(),
                    ));
                }
                own_free.push(name.clone());
                NameScope::Free
            } else if fl & (DEF_LOCAL | DEF_PARAM) != 0 {
                if kind == ScopeKind::Module {
                    NameScope::GlobalImplicit
                } else {
                    NameScope::Local
                }
            } else if kind != ScopeKind::Module && bound.contains(name) {
                own_free.push(name.clone());
                NameScope::Free
            } else {
                NameScope::GlobalImplicit
            };
            resolved.insert(name.clone(), s);
        }
        let newbound: HashSet<String> = match kind {
            ScopeKind::Module => HashSet::new(),
            ScopeKind::Class => bound
                .iter()
                .filter(|n| resolved.get(*n) != Some(&NameScope::GlobalExplicit))
                .cloned()
                .collect(),
            _ => {
                let mut nb: HashSet<String> = bound
                    .iter()
                    .filter(|n| resolved.get(*n) != Some(&NameScope::GlobalExplicit))
                    .cloned()
                    .collect();
                for (n, s) in &resolved {
                    if matches!(s, NameScope::Local | NameScope::Free) {
                        nb.insert(n.clone());
                    }
                }
                nb
            }
        };
        let children = self.scopes[id].children.clone();
        let mut free: IndexSet<String> = own_free.into_iter().collect();
        for child in children {
            let needed = self.analyze(map, child, &newbound)?;
            for name in needed {
                match resolved.get(&name) {
                    Some(NameScope::Local) if kind.is_function() => {
                        resolved.insert(name, NameScope::Cell);
                    }
                    Some(NameScope::Cell) | Some(NameScope::Free) => {}
                    _ => {
                        if kind != ScopeKind::Module {
                            if kind.is_function() {
                                resolved.insert(name.clone(), NameScope::Free);
                            }
                            free.insert(name);
                        }
                    }
                }
            }
        }
        let scope = &mut self.scopes[id];
        scope.resolved = resolved;
        scope.free = free.into_iter().collect();
        Ok(scope.free.clone())
    }
}

struct Builder<'m, 's> {
    map: &'m SourceMap<'s>,
    st: SymTable,
    cur: usize,
    err: Option<CompileError>,
}

use super::CompileError;

impl Builder<'_, '_> {
    fn fail(&mut self, msg: String, range: TextRange) {
        if self.err.is_none() {
            self.err = Some(self.map.syntax(msg, range));
        }
    }

    fn add(&mut self, name: &str, flag: u8) {
        let scope = &mut self.st.scopes[self.cur];
        *scope.flags.entry(name.to_string()).or_insert(0) |= flag;
    }

    fn push_scope<T>(&mut self, kind: ScopeKind, node: &T) -> usize {
        let id = self.st.scopes.len();
        self.st.scopes.push(Scope::new(kind, Some(self.cur)));
        self.st.scopes[self.cur].children.push(id);
        self.st.by_node.insert(node_key(node), id);
        let prev = self.cur;
        self.cur = id;
        prev
    }

    fn param(&mut self, name: &str, range: TextRange) {
        if self.st.scopes[self.cur].params.iter().any(|p| p == name) {
            self.fail(
                format!("duplicate argument '{name}' in function definition"),
                range,
            );
            return;
        }
        self.st.scopes[self.cur].params.push(name.to_string());
        self.add(name, DEF_PARAM);
    }

    /// Parameters in slot order: positional, keyword-only, `*args`, `**kwargs`.
    fn params(&mut self, p: &Parameters) {
        for a in p.posonlyargs.iter().chain(p.args.iter()) {
            self.param(&a.parameter.name, a.parameter.name.range);
        }
        for a in p.kwonlyargs.iter() {
            self.param(&a.parameter.name, a.parameter.name.range);
        }
        if let Some(v) = &p.vararg {
            self.param(&v.name, v.name.range);
        }
        if let Some(v) = &p.kwarg {
            self.param(&v.name, v.name.range);
        }
    }

    fn defaults(&mut self, p: &Parameters) {
        for a in p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .chain(p.kwonlyargs.iter())
        {
            if let Some(d) = &a.default {
                self.visit_expr(d);
            }
        }
    }

    fn declare(&mut self, names: &[ast::Identifier], stmt: TextRange, global: bool) {
        let what = if global { "global" } else { "nonlocal" };
        if !global && self.st.scopes[self.cur].kind == ScopeKind::Module {
            self.fail(
                "nonlocal declaration not allowed at module level".into(),
                stmt,
            );
            return;
        }
        for n in names {
            let cur = self.st.scopes[self.cur]
                .flags
                .get(n.as_str())
                .copied()
                .unwrap_or(0);
            if cur & (DEF_PARAM | DEF_LOCAL | USE) != 0 {
                let msg = if cur & DEF_PARAM != 0 {
                    format!("name '{n}' is parameter and {what}")
                } else if cur & USE != 0 {
                    format!("name '{n}' is used prior to {what} declaration")
                } else {
                    format!("name '{n}' is assigned to before {what} declaration")
                };
                self.fail(msg, stmt);
                return;
            }
            self.add(n, if global { DEF_GLOBAL } else { DEF_NONLOCAL });
            self.st.scopes[self.cur]
                .decl_range
                .entry(n.to_string())
                .or_insert(stmt);
        }
    }

    fn comprehension<'a>(&mut self, node: &Expr, gens: &'a [Comprehension], elts: &[&'a Expr]) {
        let Some(first) = gens.first() else { return };
        self.visit_expr(&first.iter);
        let prev = self.push_scope(ScopeKind::Comprehension, node);
        self.st.scopes[self.cur].params.push(".0".into());
        self.add(".0", DEF_PARAM);
        for (i, g) in gens.iter().enumerate() {
            if i > 0 {
                self.visit_expr(&g.iter);
            }
            self.visit_expr(&g.target);
            for cond in &g.ifs {
                self.visit_expr(cond);
            }
        }
        for e in elts {
            self.visit_expr(e);
        }
        self.cur = prev;
    }

    /// A walrus target inside comprehensions binds in the nearest enclosing
    /// non-comprehension scope.
    fn walrus_target(&mut self, name: &str, range: TextRange) {
        if self.st.scopes[self.cur].kind != ScopeKind::Comprehension {
            self.add(name, DEF_LOCAL);
            return;
        }
        let mut chain = vec![self.cur];
        let mut s = self.st.scopes[self.cur].parent;
        while let Some(id) = s {
            if self.st.scopes[id].kind != ScopeKind::Comprehension {
                break;
            }
            chain.push(id);
            s = self.st.scopes[id].parent;
        }
        let Some(target) = s else { return };
        let tkind = self.st.scopes[target].kind;
        if tkind == ScopeKind::Class {
            self.fail(
                "assignment expression within a comprehension cannot be used in a class body"
                    .into(),
                range,
            );
            return;
        }
        let flag = if tkind == ScopeKind::Module {
            DEF_GLOBAL
        } else {
            DEF_NONLOCAL
        };
        if tkind != ScopeKind::Module {
            *self.st.scopes[target]
                .flags
                .entry(name.to_string())
                .or_insert(0) |= DEF_LOCAL;
        }
        for id in chain {
            *self.st.scopes[id]
                .flags
                .entry(name.to_string())
                .or_insert(0) |= flag;
        }
    }
}

impl<'a> Visitor<'a> for Builder<'_, '_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.err.is_some() {
            return;
        }
        match stmt {
            Stmt::FunctionDef(f) => {
                for d in &f.decorator_list {
                    self.visit_expr(&d.expression);
                }
                self.defaults(&f.parameters);
                self.add(&f.name, DEF_LOCAL);
                let prev = self.push_scope(ScopeKind::Function, f);
                self.params(&f.parameters);
                for s in &f.body {
                    self.visit_stmt(s);
                }
                self.cur = prev;
            }
            Stmt::ClassDef(c) => {
                for d in &c.decorator_list {
                    self.visit_expr(&d.expression);
                }
                if let Some(args) = &c.arguments {
                    for a in args.args.iter() {
                        self.visit_expr(a);
                    }
                    for k in args.keywords.iter() {
                        self.visit_expr(&k.value);
                    }
                }
                self.add(&c.name, DEF_LOCAL);
                let prev = self.push_scope(ScopeKind::Class, c);
                for s in &c.body {
                    self.visit_stmt(s);
                }
                self.cur = prev;
            }
            Stmt::AnnAssign(a) => {
                if let Expr::Name(n) = &*a.target {
                    self.add(&n.id, DEF_LOCAL);
                } else {
                    self.visit_expr(&a.target);
                }
                if let Some(v) = &a.value {
                    self.visit_expr(v);
                }
            }
            Stmt::Import(i) => {
                for alias in &i.names {
                    let bound = match &alias.asname {
                        Some(a) => a.as_str(),
                        None => alias.name.as_str().split('.').next().unwrap_or(""),
                    };
                    self.add(bound, DEF_LOCAL);
                }
            }
            Stmt::ImportFrom(i) => {
                for alias in &i.names {
                    let bound = match &alias.asname {
                        Some(a) => a.as_str(),
                        None => alias.name.as_str(),
                    };
                    if bound != "*" {
                        self.add(bound, DEF_LOCAL);
                    }
                }
            }
            Stmt::Global(g) => self.declare(&g.names, g.range, true),
            Stmt::Nonlocal(g) => self.declare(&g.names, g.range, false),
            _ => walk_stmt(self, stmt),
        }
    }

    fn visit_except_handler(&mut self, h: &'a ExceptHandler) {
        let ExceptHandler::ExceptHandler(eh) = h;
        if let Some(t) = &eh.type_ {
            self.visit_expr(t);
        }
        if let Some(n) = &eh.name {
            self.add(n, DEF_LOCAL);
        }
        for s in &eh.body {
            self.visit_stmt(s);
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.err.is_some() {
            return;
        }
        match expr {
            Expr::Name(n) => match n.ctx {
                ExprContext::Load => self.add(&n.id, USE),
                _ => self.add(&n.id, DEF_LOCAL),
            },
            Expr::Named(n) => {
                self.visit_expr(&n.value);
                if let Expr::Name(t) = &*n.target {
                    self.walrus_target(&t.id, t.range);
                } else {
                    self.visit_expr(&n.target);
                }
            }
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    self.defaults(p);
                }
                let prev = self.push_scope(ScopeKind::Lambda, l);
                if let Some(p) = &l.parameters {
                    self.params(p);
                }
                self.visit_expr(&l.body);
                self.cur = prev;
            }
            Expr::ListComp(c) => self.comprehension(expr, &c.generators, &[&c.elt]),
            Expr::SetComp(c) => self.comprehension(expr, &c.generators, &[&c.elt]),
            Expr::Generator(c) => self.comprehension(expr, &c.generators, &[&c.elt]),
            Expr::DictComp(c) => match &c.key {
                Some(k) => self.comprehension(expr, &c.generators, &[k, &c.value]),
                None => self.comprehension(expr, &c.generators, &[&c.value]),
            },
            _ => walk_expr(self, expr),
        }
    }
}
