//! Statements: assignments (plain, augmented, annotated, unpacking), `del`,
//! control flow (`if`, `while`, `for`, `break`, `continue`, `return`),
//! definitions (`def`, `class`), imports, `assert`, `raise`, and the
//! refusal of statements outside basil's subset.

use super::unit::{Compiler, Ctx, FBlockKind};
use super::CResult;
use crate::bytecode::{BinOp, CodeKind, Const, Instr};
use ruff_python_ast::{self as ast, Expr, Operator, Stmt};
use ruff_text_size::Ranged;

/// The bytecode operator of an AST binary operator (None: `@`).
pub(crate) fn binop(op: Operator) -> Option<BinOp> {
    Some(match op {
        Operator::Add => BinOp::Add,
        Operator::Sub => BinOp::Sub,
        Operator::Mult => BinOp::Mul,
        Operator::Div => BinOp::TrueDiv,
        Operator::FloorDiv => BinOp::FloorDiv,
        Operator::Mod => BinOp::Mod,
        Operator::Pow => BinOp::Pow,
        Operator::LShift => BinOp::LShift,
        Operator::RShift => BinOp::RShift,
        Operator::BitAnd => BinOp::And,
        Operator::BitOr => BinOp::Or,
        Operator::BitXor => BinOp::Xor,
        Operator::MatMult => return None,
    })
}

/// True for a statement that is only a constant (a docstring, `...`): no code.
fn is_const_stmt(s: &Stmt) -> bool {
    match s {
        Stmt::Expr(e) => matches!(
            &*e.value,
            Expr::StringLiteral(_)
                | Expr::NumberLiteral(_)
                | Expr::EllipsisLiteral(_)
                | Expr::BooleanLiteral(_)
                | Expr::NoneLiteral(_)
        ),
        _ => false,
    }
}

impl<'a> Compiler<'a, '_> {
    /// Compiles a statement sequence.
    pub fn compile_body(&mut self, body: &'a [Stmt], _function: bool) -> CResult<()> {
        for s in body {
            self.compile_stmt(s)?;
        }
        Ok(())
    }

    pub fn compile_stmt(&mut self, s: &'a Stmt) -> CResult<()> {
        let saved_line = self.u.line;
        self.u.line = self.line_of(s.start());
        let depth0 = self.u.depth;
        self.stmt_inner(s)?;
        // Every statement leaves the stack as it found it; after a jump or a
        // return the nominal depth is restored for the (dead) code that follows.
        self.u.depth = depth0;
        self.u.line = saved_line;
        Ok(())
    }

    fn stmt_inner(&mut self, s: &'a Stmt) -> CResult<()> {
        match s {
            Stmt::FunctionDef(f) => self.function_def(f),
            Stmt::ClassDef(c) => self.class_def(c),
            Stmt::Return(r) => self.compile_return(r),
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.delete_target(t)?;
                }
                Ok(())
            }
            Stmt::Assign(a) => self.assign(a),
            Stmt::AugAssign(a) => self.aug_assign(a),
            Stmt::AnnAssign(a) => {
                if let Some(v) = &a.value {
                    self.expr(v)?;
                    self.store_target(&a.target)?;
                }
                Ok(())
            }
            Stmt::For(f) => self.for_stmt(f),
            Stmt::While(w) => self.while_stmt(w),
            Stmt::If(i) => self.if_stmt(i),
            Stmt::Raise(r) => {
                let mut n = 0;
                if let Some(e) = &r.exc {
                    self.expr(e)?;
                    n = 1;
                    if let Some(c) = &r.cause {
                        self.expr(c)?;
                        n = 2;
                    }
                }
                self.emit(Instr::Raise(n));
                Ok(())
            }
            Stmt::Try(t) => self.try_stmt(t),
            Stmt::Assert(a) => {
                let end = self.new_label();
                self.jump_if(&a.test, true, end)?;
                self.emit(Instr::LoadAssertionError);
                if let Some(m) = &a.msg {
                    self.expr(m)?;
                    self.emit(Instr::Call(1));
                }
                self.emit(Instr::Raise(1));
                self.bind(end);
                Ok(())
            }
            Stmt::Import(i) => {
                for alias in &i.names {
                    let name = alias.name.as_str();
                    if name.contains('.') || !module_supported(name) {
                        return self.err(
                            format!("'import {name}' is not supported by basil"),
                            alias.range,
                        );
                    }
                    let sym = self.intern(name);
                    self.emit(Instr::ImportName(sym));
                    let bound = alias.asname.as_ref().map(|a| a.as_str()).unwrap_or(name);
                    self.name_op(bound, Ctx::Store);
                }
                Ok(())
            }
            Stmt::ImportFrom(i) => {
                let Some(module) = &i.module else {
                    return self.err("relative imports are not supported by basil", i.range);
                };
                if i.level > 0 {
                    return self.err("relative imports are not supported by basil", i.range);
                }
                let m = module.as_str();
                if m.contains('.') || !module_supported(m) {
                    return self.err(
                        format!("'from {m} import ...' is not supported by basil"),
                        i.range,
                    );
                }
                if i.names.iter().any(|a| a.name.as_str() == "*") {
                    if self.u.kind != CodeKind::Module {
                        return self.err("import * only allowed at module level", i.range);
                    }
                    return self.err(
                        format!("'from {m} import *' is not supported by basil"),
                        i.range,
                    );
                }
                let sym = self.intern(m);
                self.emit(Instr::ImportName(sym));
                for alias in &i.names {
                    let name = alias.name.as_str();
                    let sym = self.intern(name);
                    self.emit(Instr::ImportFrom(sym));
                    let bound = alias.asname.as_ref().map(|a| a.as_str()).unwrap_or(name);
                    self.name_op(bound, Ctx::Store);
                }
                self.emit(Instr::Pop);
                Ok(())
            }
            Stmt::Global(_) | Stmt::Nonlocal(_) | Stmt::Pass(_) => Ok(()),
            Stmt::Expr(e) => {
                if is_const_stmt(s) {
                    return Ok(());
                }
                self.expr(&e.value)?;
                self.emit(Instr::Pop);
                Ok(())
            }
            Stmt::Break(b) => self.compile_break(b.range),
            Stmt::Continue(c) => self.compile_continue(c.range),
            Stmt::With(w) => {
                if w.is_async {
                    return self.err(
                        "'async with' statements are not supported by basil",
                        w.range,
                    );
                }
                self.err("'with' statements are not supported by basil", w.range)
            }
            Stmt::Match(m) => self.err("'match' statements are not supported by basil", m.range),
            Stmt::TypeAlias(t) => self.err("'type' statements are not supported by basil", t.range),
            Stmt::IpyEscapeCommand(c) => self.err("invalid syntax", c.range),
        }
    }

    // ------------------------------------------------------------ assignment

    fn assign(&mut self, a: &'a ast::StmtAssign) -> CResult<()> {
        // `a, b = x, y` (2 or 3 names): no tuple is built, as in CPython.
        if let [target] = a.targets.as_slice() {
            if let (Some(targets), Some(values)) = (seq_elts(target), seq_elts(&a.value)) {
                let n = targets.len();
                let plain = |es: &[Expr]| es.iter().all(|e| !matches!(e, Expr::Starred(_)));
                if (n == 2 || n == 3) && values.len() == n && plain(targets) && plain(values) {
                    for v in values {
                        self.expr(v)?;
                    }
                    if n == 2 {
                        self.emit(Instr::Rot2);
                    } else {
                        self.emit(Instr::Rot3);
                        self.emit(Instr::Rot2);
                    }
                    for t in targets {
                        self.store_target(t)?;
                    }
                    return Ok(());
                }
            }
        }
        self.expr(&a.value)?;
        let n = a.targets.len();
        for (i, t) in a.targets.iter().enumerate() {
            if i + 1 < n {
                self.emit(Instr::Dup);
            }
            self.store_target(t)?;
        }
        Ok(())
    }

    /// Stores the value on top of the stack into an assignment target.
    pub fn store_target(&mut self, t: &'a Expr) -> CResult<()> {
        let saved = self.u.line;
        self.u.line = self.line_of(t.start());
        let r = self.store_target_inner(t);
        self.u.line = saved;
        r
    }

    fn store_target_inner(&mut self, t: &'a Expr) -> CResult<()> {
        match t {
            Expr::Name(n) => {
                self.name_op(&n.id, Ctx::Store);
                Ok(())
            }
            Expr::Attribute(at) => {
                self.expr(&at.value)?;
                let sym = self.intern(&at.attr);
                self.emit(Instr::StoreAttr(sym));
                Ok(())
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_key(&s.slice)?;
                self.emit(Instr::StoreSubscr);
                Ok(())
            }
            Expr::Tuple(_) | Expr::List(_) => {
                let elts = seq_elts(t).unwrap_or(&[]);
                if let Some(st) = elts.iter().find(|e| matches!(e, Expr::Starred(_))) {
                    return self.err(
                        "starred assignment targets are not supported by basil",
                        st.range(),
                    );
                }
                self.emit(Instr::UnpackSequence(elts.len() as u32));
                for e in elts {
                    self.store_target(e)?;
                }
                Ok(())
            }
            Expr::Starred(s) => self.err(
                "starred assignment target must be in a list or tuple",
                s.range,
            ),
            other => self.err(
                format!(
                    "cannot assign to {}",
                    super::syntax_errors::expr_description(other)
                ),
                other.range(),
            ),
        }
    }

    fn aug_assign(&mut self, a: &'a ast::StmtAugAssign) -> CResult<()> {
        let Some(op) = binop(a.op) else {
            return self.err("the '@' operator is not supported by basil", a.range);
        };
        match &*a.target {
            Expr::Name(n) => {
                self.name_op(&n.id, Ctx::Load);
                self.expr(&a.value)?;
                self.emit(Instr::Inplace(op));
                self.name_op(&n.id, Ctx::Store);
            }
            Expr::Attribute(at) => {
                self.expr(&at.value)?;
                self.emit(Instr::Dup);
                let sym = self.intern(&at.attr);
                self.emit(Instr::LoadAttr(sym));
                self.expr(&a.value)?;
                self.emit(Instr::Inplace(op));
                self.emit(Instr::Rot2);
                self.emit(Instr::StoreAttr(sym));
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_key(&s.slice)?;
                self.emit(Instr::Dup2);
                self.emit(Instr::Subscr);
                self.expr(&a.value)?;
                self.emit(Instr::Inplace(op));
                self.emit(Instr::Rot3);
                self.emit(Instr::StoreSubscr);
            }
            other => {
                return self.err(
                    format!(
                        "'{}' is an illegal expression for augmented assignment",
                        super::syntax_errors::expr_kind_name(other)
                    ),
                    other.range(),
                )
            }
        }
        Ok(())
    }

    fn delete_target(&mut self, t: &'a Expr) -> CResult<()> {
        match t {
            Expr::Name(n) => {
                self.name_op(&n.id, Ctx::Del);
                Ok(())
            }
            Expr::Attribute(at) => {
                self.expr(&at.value)?;
                let sym = self.intern(&at.attr);
                self.emit(Instr::DeleteAttr(sym));
                Ok(())
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_key(&s.slice)?;
                self.emit(Instr::DeleteSubscr);
                Ok(())
            }
            Expr::Tuple(_) | Expr::List(_) => {
                for e in seq_elts(t).unwrap_or(&[]) {
                    self.delete_target(e)?;
                }
                Ok(())
            }
            other => self.err(
                format!(
                    "cannot delete {}",
                    super::syntax_errors::expr_description(other)
                ),
                other.range(),
            ),
        }
    }

    // ---------------------------------------------------------- control flow

    fn if_stmt(&mut self, s: &'a ast::StmtIf) -> CResult<()> {
        let end = self.new_label();
        let mut next = self.new_label();
        self.jump_if(&s.test, false, next)?;
        self.compile_body(&s.body, false)?;
        for clause in &s.elif_else_clauses {
            if self.u.reachable {
                self.emit(Instr::Jump(end));
            }
            self.bind(next);
            next = self.new_label();
            self.u.line = self.line_of(clause.start());
            if let Some(test) = &clause.test {
                self.jump_if(test, false, next)?;
            }
            self.compile_body(&clause.body, false)?;
        }
        self.bind(next);
        self.bind(end);
        Ok(())
    }

    fn while_stmt(&mut self, w: &'a ast::StmtWhile) -> CResult<()> {
        let head = self.new_label();
        let orelse = self.new_label();
        let exit = self.new_label();
        self.bind(head);
        let always = is_true_const(&w.test);
        if !always {
            self.jump_if(&w.test, false, orelse)?;
        }
        self.push_fblock(FBlockKind::WhileLoop { head, exit }, None);
        self.compile_body(&w.body, false)?;
        self.pop_fblock();
        if self.u.reachable {
            self.u.line = self.line_of(w.start());
            self.emit(Instr::Jump(head));
        }
        self.bind(orelse);
        if !always {
            self.compile_body(&w.orelse, false)?;
        }
        self.bind(exit);
        Ok(())
    }

    fn for_stmt(&mut self, f: &'a ast::StmtFor) -> CResult<()> {
        if f.is_async {
            return self.err("'async for' loops are not supported by basil", f.range);
        }
        let head = self.new_label();
        let cleanup = self.new_label();
        let exit = self.new_label();
        self.expr(&f.iter)?;
        self.emit(Instr::GetIter);
        self.bind(head);
        self.emit(Instr::ForIter(cleanup));
        self.store_target(&f.target)?;
        self.push_fblock(FBlockKind::ForLoop { head, exit }, None);
        self.compile_body(&f.body, false)?;
        self.pop_fblock();
        if self.u.reachable {
            self.u.line = self.line_of(f.start());
            self.emit(Instr::Jump(head));
        }
        self.bind(cleanup);
        self.compile_body(&f.orelse, false)?;
        self.bind(exit);
        Ok(())
    }

    // ------------------------------------------------------------ definitions

    fn function_def(&mut self, f: &'a ast::StmtFunctionDef) -> CResult<()> {
        if f.is_async {
            return self.err("'async' functions are not supported by basil", f.range);
        }
        if let Some(tp) = &f.type_params {
            return self.err("type parameter lists are not supported by basil", tp.range);
        }
        let first_line = match f.decorator_list.first() {
            Some(d) => self.line_of(d.start()),
            None => self.line_of(f.name.start()),
        };
        for d in &f.decorator_list {
            self.u.line = self.line_of(d.start());
            self.expr(&d.expression)?;
        }
        self.u.line = self.line_of(f.name.start());
        let Some(scope) = self.st.scope_of(f) else {
            return self.err("internal error: function without a scope", f.range);
        };
        let qualname = self.qualname(&f.name);
        let mut flags = self.emit_defaults(&f.parameters)?;
        self.enter_unit(CodeKind::Function, scope, &f.name, qualname, first_line);
        self.set_arg_counts(&f.parameters);
        let body: &'a [Stmt] = &f.body;
        let r = self.compile_body(body, true);
        if let Some(last) = body.last() {
            self.u.line = self.line_of(last.end());
        }
        if r.is_ok() && self.u.reachable {
            self.load_const(Const::None);
            self.emit(Instr::Return);
        }
        let (code, free) = self.leave_unit_after(r)?;
        flags |= self.emit_closure(&free);
        self.u.line = self.line_of(f.name.start());
        self.emit(Instr::MakeFunction { code, flags });
        for d in f.decorator_list.iter().rev() {
            self.u.line = self.line_of(d.start());
            self.emit(Instr::Call(1));
        }
        self.u.line = self.line_of(f.name.start());
        self.name_op(&f.name, Ctx::Store);
        Ok(())
    }

    /// Leaves the unit (also on error, to keep the unit stack balanced).
    pub fn leave_unit_after(&mut self, r: CResult<()>) -> CResult<(u32, Vec<String>)> {
        match r {
            Ok(()) => self.leave_unit(),
            Err(e) => {
                self.discard_unit();
                Err(e)
            }
        }
    }

    /// Sets the parameter counts of the unit just entered.
    pub fn set_arg_counts(&mut self, p: &ast::Parameters) {
        let npos = (p.posonlyargs.len() + p.args.len()) as u32;
        let nkw = p.kwonlyargs.len() as u32;
        self.u.argcount = npos;
        self.u.kwonlyargcount = nkw;
        let mut next = npos + nkw;
        if p.vararg.is_some() {
            self.u.varargs = Some(next);
            next += 1;
        }
        if p.kwarg.is_some() {
            self.u.varkw = Some(next);
        }
    }

    /// Pushes the defaults tuple and the keyword-only defaults dict; returns
    /// the `MakeFunction` flags for them.
    pub fn emit_defaults(&mut self, p: &'a ast::Parameters) -> CResult<u8> {
        let mut flags = 0;
        let defaults: Vec<&'a Expr> = p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .filter_map(|a| a.default.as_deref())
            .collect();
        if !defaults.is_empty() {
            if let Some(consts) = defaults
                .iter()
                .map(|d| self.const_value(d))
                .collect::<Option<Vec<_>>>()
            {
                self.load_const(Const::Tuple(consts));
            } else {
                for d in &defaults {
                    self.expr(d)?;
                }
                self.emit(Instr::BuildTuple(defaults.len() as u32));
            }
            flags |= 1;
        }
        let mut nkw = 0;
        for a in p.kwonlyargs.iter() {
            if let Some(d) = &a.default {
                self.load_const(Const::Str(a.parameter.name.to_string()));
                self.expr(d)?;
                nkw += 1;
            }
        }
        if nkw > 0 {
            self.emit(Instr::BuildMap(nkw));
            flags |= 2;
        }
        Ok(flags)
    }

    fn class_def(&mut self, c: &'a ast::StmtClassDef) -> CResult<()> {
        if let Some(tp) = &c.type_params {
            return self.err("type parameter lists are not supported by basil", tp.range);
        }
        let first_line = match c.decorator_list.first() {
            Some(d) => self.line_of(d.start()),
            None => self.line_of(c.name.start()),
        };
        for d in &c.decorator_list {
            self.u.line = self.line_of(d.start());
            self.expr(&d.expression)?;
        }
        self.u.line = self.line_of(c.name.start());
        let mut flags = 0u8;
        if let Some(args) = &c.arguments {
            if let Some(k) = args.keywords.first() {
                return self.err(
                    "class keyword arguments are not supported by basil",
                    k.range,
                );
            }
            if args.args.len() > 1 {
                return self.err("multiple inheritance is not supported by basil", args.range);
            }
            if let Some(base) = args.args.first() {
                if let Expr::Starred(s) = base {
                    return self.err("starred expressions are not supported by basil", s.range);
                }
                self.expr(base)?;
                flags |= 1;
            }
        }
        let Some(scope) = self.st.scope_of(c) else {
            return self.err("internal error: class without a scope", c.range);
        };
        let qualname = self.qualname(&c.name);
        self.enter_unit(
            CodeKind::Class,
            scope,
            &c.name,
            qualname.clone(),
            first_line,
        );
        // As CPython: `__module__ = __name__`, `__qualname__ = '...'` and the
        // docstring as `__doc__`, before the body.
        self.u.line = first_line;
        let g = self.global("__name__");
        self.emit(Instr::LoadName(g));
        let g = self.global("__module__");
        self.emit(Instr::StoreName(g));
        self.load_const(Const::Str(qualname));
        let g = self.global("__qualname__");
        self.emit(Instr::StoreName(g));
        if let Some(Stmt::Expr(e)) = c.body.first() {
            if let Expr::StringLiteral(doc) = &*e.value {
                self.u.line = self.line_of(e.start());
                self.load_const(Const::Str(doc.value.to_str().to_string()));
                let g = self.global("__doc__");
                self.emit(Instr::StoreName(g));
            }
        }
        let r = self.compile_body(&c.body, false);
        if r.is_ok() && self.u.reachable {
            self.load_const(Const::None);
            self.emit(Instr::Return);
        }
        let (code, free) = self.leave_unit_after(r)?;
        flags |= self.emit_closure(&free);
        let name = self.intern(&c.name);
        self.u.line = self.line_of(c.name.start());
        self.emit(Instr::BuildClass { code, name, flags });
        for d in c.decorator_list.iter().rev() {
            self.u.line = self.line_of(d.start());
            self.emit(Instr::Call(1));
        }
        self.u.line = self.line_of(c.name.start());
        self.name_op(&c.name, Ctx::Store);
        Ok(())
    }
}

/// The elements of a tuple or list display.
pub(crate) fn seq_elts(e: &Expr) -> Option<&[Expr]> {
    match e {
        Expr::Tuple(t) => Some(&t.elts),
        Expr::List(l) => Some(&l.elts),
        _ => None,
    }
}

fn is_true_const(e: &Expr) -> bool {
    match e {
        Expr::BooleanLiteral(b) => b.value,
        Expr::NumberLiteral(n) => match &n.value {
            ast::Number::Int(i) => i.as_i64() != Some(0),
            ast::Number::Float(f) => *f != 0.0,
            _ => false,
        },
        _ => false,
    }
}

/// Whether `import name` can succeed: only the native modules exist so far.
fn module_supported(name: &str) -> bool {
    crate::runtime::builtins::NATIVE_MODULES.contains(&name)
}
