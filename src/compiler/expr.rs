//! Expressions: literals and displays, operators (chained comparisons,
//! short-circuit `and`/`or`), conditional expressions, subscripts and slices,
//! calls (plain, keyword, method calls), f-strings, `lambda`, list and dict
//! comprehensions (nested code objects, as in CPython 3.11), `:=`, and
//! conditional jumps (`jump_if`) for `if`/`while`/`assert` tests.

use super::stmt::binop;
use super::unit::{Compiler, Ctx};
use super::CResult;
use crate::bytecode::{CmpOp, CodeKind, Const, Instr, UnOp};
use num_bigint::BigInt;
use ruff_python_ast::{
    self as ast, BoolOp, ConversionFlag, Expr, InterpolatedStringElement, Number, UnaryOp,
};
use ruff_text_size::Ranged;

impl<'a> Compiler<'a, '_> {
    /// Compiles an expression, leaving its value on the stack. Instructions
    /// get the line where the expression starts.
    pub fn expr(&mut self, e: &'a Expr) -> CResult<()> {
        let saved = self.u.line;
        self.u.line = self.line_of(e.start());
        let r = self.expr_inner(e);
        self.u.line = saved;
        r
    }

    /// The constant an expression denotes, if it is a literal (or a tuple of
    /// literals, or a negated number).
    pub fn const_value(&self, e: &Expr) -> Option<Const> {
        Some(match e {
            Expr::NoneLiteral(_) => Const::None,
            Expr::BooleanLiteral(b) => Const::Bool(b.value),
            Expr::StringLiteral(s) => Const::Str(s.value.to_str().to_string()),
            Expr::NumberLiteral(n) => match &n.value {
                Number::Int(i) => match i.as_i64() {
                    Some(v) => Const::Int(v),
                    None => Const::BigInt(self.big_literal(n)?),
                },
                Number::Float(f) => Const::Float(*f),
                Number::Complex { .. } => return None,
            },
            Expr::UnaryOp(u) if u.op == UnaryOp::USub => match self.const_value(&u.operand)? {
                Const::Int(i) => match i.checked_neg() {
                    Some(v) => Const::Int(v),
                    None => Const::BigInt(-BigInt::from(i)),
                },
                Const::BigInt(b) => {
                    let neg = -b;
                    match i64::try_from(&neg) {
                        Ok(v) => Const::Int(v),
                        Err(_) => Const::BigInt(neg),
                    }
                }
                Const::Float(f) => Const::Float(-f),
                _ => return None,
            },
            Expr::Tuple(t) => Const::Tuple(
                t.elts
                    .iter()
                    .map(|x| self.const_value(x))
                    .collect::<Option<Vec<_>>>()?,
            ),
            _ => return None,
        })
    }

    /// A big integer literal, parsed from its source text.
    fn big_literal(&self, n: &ast::ExprNumberLiteral) -> Option<BigInt> {
        let text = self
            .map
            .src
            .get(usize::from(n.start())..usize::from(n.end()))?;
        let digits: String = text.chars().filter(|c| *c != '_').collect();
        let lower = digits.to_ascii_lowercase();
        let (radix, body) = if let Some(r) = lower.strip_prefix("0x") {
            (16, r.to_string())
        } else if let Some(r) = lower.strip_prefix("0o") {
            (8, r.to_string())
        } else if let Some(r) = lower.strip_prefix("0b") {
            (2, r.to_string())
        } else {
            (10, lower)
        };
        BigInt::parse_bytes(body.as_bytes(), radix)
    }

    fn expr_inner(&mut self, e: &'a Expr) -> CResult<()> {
        match e {
            Expr::NoneLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::StringLiteral(_)
            | Expr::NumberLiteral(_) => {
                if let Expr::NumberLiteral(n) = e {
                    if matches!(n.value, Number::Complex { .. }) {
                        return self.err("complex numbers are not supported by basil", n.range);
                    }
                }
                match self.const_value(e) {
                    Some(c) => self.load_const(c),
                    None => return self.err("invalid number literal", e.range()),
                }
            }
            Expr::BytesLiteral(b) => {
                return self.err("bytes literals are not supported by basil", b.range)
            }
            Expr::EllipsisLiteral(x) => {
                return self.err("'...' (Ellipsis) is not supported by basil", x.range)
            }
            Expr::Name(n) => self.name_op(&n.id, Ctx::Load),
            Expr::BoolOp(b) => {
                let end = self.new_label();
                let n = b.values.len();
                for (i, v) in b.values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < n {
                        self.emit(match b.op {
                            BoolOp::And => Instr::JumpIfFalseOrPop(end),
                            BoolOp::Or => Instr::JumpIfTrueOrPop(end),
                        });
                    }
                }
                self.bind(end);
            }
            Expr::Named(n) => {
                self.expr(&n.value)?;
                self.emit(Instr::Dup);
                self.store_target(&n.target)?;
            }
            Expr::BinOp(b) => {
                let Some(op) = binop(b.op) else {
                    return self.err("the '@' operator is not supported by basil", b.range);
                };
                self.expr(&b.left)?;
                self.expr(&b.right)?;
                self.emit(Instr::Binary(op));
            }
            Expr::UnaryOp(u) => {
                if let Some(c) = self.const_value(e) {
                    self.load_const(c);
                    return Ok(());
                }
                self.expr(&u.operand)?;
                self.emit(Instr::Unary(match u.op {
                    UnaryOp::Invert => UnOp::Invert,
                    UnaryOp::Not => UnOp::Not,
                    UnaryOp::UAdd => UnOp::Pos,
                    UnaryOp::USub => UnOp::Neg,
                }));
            }
            Expr::Lambda(l) => self.lambda(l)?,
            Expr::If(i) => {
                let orelse = self.new_label();
                let end = self.new_label();
                self.jump_if(&i.test, false, orelse)?;
                self.expr(&i.body)?;
                self.emit(Instr::Jump(end));
                self.bind(orelse);
                self.expr(&i.orelse)?;
                self.bind(end);
            }
            Expr::Dict(d) => {
                for item in &d.items {
                    let Some(k) = &item.key else {
                        return self.err(
                            "'**' in dict displays is not supported by basil",
                            item.value.range(),
                        );
                    };
                    self.expr(k)?;
                    self.expr(&item.value)?;
                }
                self.emit(Instr::BuildMap(d.items.len() as u32));
            }
            Expr::Set(s) => return self.err("set displays are not supported by basil", s.range),
            Expr::ListComp(c) => {
                self.comprehension(e, "<listcomp>", &c.generators, &c.elt, None)?
            }
            Expr::DictComp(c) => {
                let Some(k) = &c.key else {
                    return self.err(
                        "'**' in dict comprehensions is not supported by basil",
                        c.range,
                    );
                };
                self.comprehension(e, "<dictcomp>", &c.generators, k, Some(&c.value))?
            }
            Expr::SetComp(s) => {
                return self.err("set comprehensions are not supported by basil", s.range)
            }
            Expr::Generator(g) => {
                return self.err("generator expressions are not supported by basil", g.range)
            }
            Expr::Await(a) => {
                return self.err(
                    match self.u.kind {
                        CodeKind::Module | CodeKind::Class => "'await' outside function",
                        _ => "'await' outside async function",
                    },
                    a.range,
                )
            }
            Expr::Yield(y) => {
                if matches!(self.u.kind, CodeKind::Module | CodeKind::Class) {
                    return self.err("'yield' outside function", y.range);
                }
                return self.err("'yield' expressions are not supported by basil", y.range);
            }
            Expr::YieldFrom(y) => {
                return self.err(
                    "'yield from' expressions are not supported by basil",
                    y.range,
                )
            }
            Expr::Compare(c) => self.compare(c)?,
            Expr::Call(c) => self.call(c)?,
            Expr::FString(f) => self.fstring(f)?,
            Expr::TString(t) => return self.err("t-strings are not supported by basil", t.range),
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let sym = self.intern(&a.attr);
                self.emit(Instr::LoadAttr(sym));
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_key(&s.slice)?;
                self.emit(Instr::Subscr);
            }
            Expr::Starred(s) => {
                return self.err("starred expressions are not supported by basil", s.range)
            }
            Expr::List(l) => {
                self.elements(&l.elts)?;
                self.emit(Instr::BuildList(l.elts.len() as u32));
            }
            Expr::Tuple(t) => {
                if let Some(c) = self.const_value(e) {
                    self.load_const(c);
                } else {
                    self.elements(&t.elts)?;
                    self.emit(Instr::BuildTuple(t.elts.len() as u32));
                }
            }
            Expr::Slice(s) => self.slice(s)?,
            Expr::IpyEscapeCommand(c) => return self.err("invalid syntax", c.range),
        }
        Ok(())
    }

    fn elements(&mut self, elts: &'a [Expr]) -> CResult<()> {
        for x in elts {
            if let Expr::Starred(s) = x {
                return self.err("starred expressions are not supported by basil", s.range);
            }
            self.expr(x)?;
        }
        Ok(())
    }

    /// The key of a subscript: a slice becomes `BuildSlice`.
    pub fn subscript_key(&mut self, k: &'a Expr) -> CResult<()> {
        self.expr(k)
    }

    fn slice(&mut self, s: &'a ast::ExprSlice) -> CResult<()> {
        for part in [&s.lower, &s.upper] {
            match part {
                Some(p) => self.expr(p)?,
                None => self.load_const(Const::None),
            }
        }
        if let Some(step) = &s.step {
            self.expr(step)?;
            self.emit(Instr::BuildSlice(3));
        } else {
            self.emit(Instr::BuildSlice(2));
        }
        Ok(())
    }

    /// Jumps to `target` when `e` is truthy (`cond`) or falsy (`!cond`),
    /// without materialising `not`/`and`/`or` results.
    pub fn jump_if(&mut self, e: &'a Expr, cond: bool, target: u32) -> CResult<()> {
        match e {
            Expr::UnaryOp(u) if u.op == UnaryOp::Not => {
                let saved = self.u.line;
                self.u.line = self.line_of(e.start());
                let r = self.jump_if(&u.operand, !cond, target);
                self.u.line = saved;
                r
            }
            Expr::BoolOp(b) => {
                let is_or = b.op == BoolOp::Or;
                let n = b.values.len();
                // `a or b` jumping when true: each operand jumps when true.
                // `a or b` jumping when false: the first ones skip ahead when true.
                let next = self.new_label();
                for (i, v) in b.values.iter().enumerate() {
                    if i + 1 == n || is_or == cond {
                        self.jump_if(v, cond, target)?;
                    } else {
                        self.jump_if(v, !cond, next)?;
                    }
                }
                self.bind(next);
                Ok(())
            }
            _ => {
                self.expr(e)?;
                let saved = self.u.line;
                self.u.line = self.line_of(e.start());
                self.emit(if cond {
                    Instr::PopJumpIfTrue(target)
                } else {
                    Instr::PopJumpIfFalse(target)
                });
                self.u.line = saved;
                Ok(())
            }
        }
    }

    fn cmp_instr(op: ast::CmpOp) -> Instr {
        match op {
            ast::CmpOp::Eq => Instr::Compare(CmpOp::Eq),
            ast::CmpOp::NotEq => Instr::Compare(CmpOp::Ne),
            ast::CmpOp::Lt => Instr::Compare(CmpOp::Lt),
            ast::CmpOp::LtE => Instr::Compare(CmpOp::Le),
            ast::CmpOp::Gt => Instr::Compare(CmpOp::Gt),
            ast::CmpOp::GtE => Instr::Compare(CmpOp::Ge),
            ast::CmpOp::Is => Instr::Is(false),
            ast::CmpOp::IsNot => Instr::Is(true),
            ast::CmpOp::In => Instr::Contains(false),
            ast::CmpOp::NotIn => Instr::Contains(true),
        }
    }

    /// `a < b < c`: `b` evaluated once, short-circuiting (CPython's pattern).
    fn compare(&mut self, c: &'a ast::ExprCompare) -> CResult<()> {
        self.expr(&c.left)?;
        let n = c.ops.len();
        if n == 1 {
            self.expr(&c.comparators[0])?;
            self.emit(Self::cmp_instr(c.ops[0]));
            return Ok(());
        }
        let cleanup = self.new_label();
        let end = self.new_label();
        for i in 0..n - 1 {
            self.expr(&c.comparators[i])?;
            self.emit(Instr::Dup);
            self.emit(Instr::Rot3);
            self.emit(Self::cmp_instr(c.ops[i]));
            self.emit(Instr::JumpIfFalseOrPop(cleanup));
        }
        self.expr(&c.comparators[n - 1])?;
        self.emit(Self::cmp_instr(c.ops[n - 1]));
        self.emit(Instr::Jump(end));
        self.bind(cleanup);
        self.emit(Instr::Rot2);
        self.emit(Instr::Pop);
        self.bind(end);
        Ok(())
    }

    fn call(&mut self, c: &'a ast::ExprCall) -> CResult<()> {
        let args = &c.arguments;
        for a in args.args.iter() {
            if let Expr::Starred(s) = a {
                return self.err(
                    "'*' argument unpacking in calls is not supported by basil",
                    s.range,
                );
            }
        }
        let mut seen: Vec<&str> = Vec::new();
        for k in args.keywords.iter() {
            match &k.arg {
                None => {
                    return self.err(
                        "'**' argument unpacking in calls is not supported by basil",
                        k.range,
                    )
                }
                Some(name) => {
                    if seen.contains(&name.as_str()) {
                        return self.err(format!("keyword argument repeated: {name}"), k.range);
                    }
                    seen.push(name.as_str());
                }
            }
        }
        let kwnames = if args.keywords.is_empty() {
            None
        } else {
            let names: Vec<Const> = args
                .keywords
                .iter()
                .map(|k| Const::Str(k.arg.as_ref().map(|a| a.to_string()).unwrap_or_default()))
                .collect();
            Some(self.const_index(Const::Tuple(names)))
        };
        let argc = args.args.len() as u32;
        if let Expr::Attribute(attr) = &*c.func {
            self.expr(&attr.value)?;
            let saved = self.u.line;
            self.u.line = self.line_of(attr.attr.start());
            let sym = self.intern(&attr.attr);
            self.emit(Instr::LoadMethod(sym));
            self.u.line = saved;
            for a in args.args.iter() {
                self.expr(a)?;
            }
            for k in args.keywords.iter() {
                self.expr(&k.value)?;
            }
            self.u.line = self.line_of(attr.attr.start());
            match kwnames {
                None => self.emit(Instr::CallMethod(argc)),
                Some(kwnames) => self.emit(Instr::CallMethodKw { argc, kwnames }),
            }
            self.u.line = saved;
        } else {
            self.expr(&c.func)?;
            for a in args.args.iter() {
                self.expr(a)?;
            }
            for k in args.keywords.iter() {
                self.expr(&k.value)?;
            }
            match kwnames {
                None => self.emit(Instr::Call(argc)),
                Some(kwnames) => self.emit(Instr::CallKw { argc, kwnames }),
            }
        }
        Ok(())
    }

    fn lambda(&mut self, l: &'a ast::ExprLambda) -> CResult<()> {
        let Some(scope) = self.st.scope_of(l) else {
            return self.err("internal error: lambda without a scope", l.range);
        };
        let mut flags = match &l.parameters {
            Some(p) => self.emit_defaults(p)?,
            None => 0,
        };
        let qualname = self.qualname("<lambda>");
        let line = self.line_of(l.start());
        self.enter_unit(CodeKind::Lambda, scope, "<lambda>", qualname, line);
        if let Some(p) = &l.parameters {
            self.set_arg_counts(p);
        }
        let r = self.expr(&l.body);
        if r.is_ok() {
            self.emit(Instr::Return);
        }
        let (code, free) = self.leave_unit_after(r)?;
        flags |= self.emit_closure(&free);
        self.emit(Instr::MakeFunction { code, flags });
        Ok(())
    }

    /// A list or dict comprehension: a nested function taking the iterator of
    /// the outermost iterable (evaluated here) as its parameter `.0`.
    fn comprehension(
        &mut self,
        node: &'a Expr,
        name: &str,
        gens: &'a [ast::Comprehension],
        elt: &'a Expr,
        value: Option<&'a Expr>,
    ) -> CResult<()> {
        let Some(first) = gens.first() else {
            return self.err("invalid syntax", node.range());
        };
        if let Some(g) = gens.iter().find(|g| g.is_async) {
            return self.err(
                "asynchronous comprehensions are not supported by basil",
                g.range,
            );
        }
        let Some(scope) = self.st.scope_of(node) else {
            return self.err(
                "internal error: comprehension without a scope",
                node.range(),
            );
        };
        let qualname = self.qualname(name);
        let line = self.line_of(node.start());
        self.enter_unit(CodeKind::Lambda, scope, name, qualname, line);
        self.u.argcount = 1;
        let r = (|| -> CResult<()> {
            self.emit(if value.is_some() {
                Instr::BuildMap(0)
            } else {
                Instr::BuildList(0)
            });
            self.comp_loop(gens, 0, elt, value)?;
            self.emit(Instr::Return);
            Ok(())
        })();
        let (code, free) = self.leave_unit_after(r)?;
        let flags = self.emit_closure(&free);
        self.emit(Instr::MakeFunction { code, flags });
        self.expr(&first.iter)?;
        self.emit(Instr::GetIter);
        self.emit(Instr::Call(1));
        Ok(())
    }

    fn comp_loop(
        &mut self,
        gens: &'a [ast::Comprehension],
        i: usize,
        elt: &'a Expr,
        value: Option<&'a Expr>,
    ) -> CResult<()> {
        let g = &gens[i];
        if i == 0 {
            self.emit(Instr::LoadFast(0));
        } else {
            self.expr(&g.iter)?;
            self.emit(Instr::GetIter);
        }
        let head = self.new_label();
        let anchor = self.new_label();
        self.bind(head);
        self.emit(Instr::ForIter(anchor));
        self.store_target(&g.target)?;
        for cond in &g.ifs {
            self.jump_if(cond, false, head)?;
        }
        if i + 1 < gens.len() {
            self.comp_loop(gens, i + 1, elt, value)?;
        } else {
            let depth = gens.len() as u32 + 1;
            self.expr(elt)?;
            match value {
                Some(v) => {
                    self.expr(v)?;
                    self.emit(Instr::MapAdd(depth));
                }
                None => self.emit(Instr::ListAppend(depth)),
            }
        }
        self.emit(Instr::Jump(head));
        self.bind(anchor);
        Ok(())
    }

    fn fstring(&mut self, f: &'a ast::ExprFString) -> CResult<()> {
        let mut pieces: u32 = 0;
        let mut lit = String::new();
        let mut has_lit = false;
        for part in f.value.iter() {
            match part {
                ast::FStringPart::Literal(s) => {
                    lit.push_str(&s.value);
                    has_lit = true;
                }
                ast::FStringPart::FString(fs) => {
                    self.fstring_elements(&fs.elements, &mut pieces, &mut lit, &mut has_lit)?;
                }
            }
        }
        if has_lit && !lit.is_empty() {
            self.load_const(Const::Str(std::mem::take(&mut lit)));
            pieces += 1;
        }
        match pieces {
            0 => self.load_const(Const::Str(String::new())),
            1 => {}
            n => self.emit(Instr::BuildString(n)),
        }
        Ok(())
    }

    /// Pushes the pieces of an f-string (literals merged, pending in `lit`).
    fn fstring_elements(
        &mut self,
        elements: &'a ast::InterpolatedStringElements,
        pieces: &mut u32,
        lit: &mut String,
        has_lit: &mut bool,
    ) -> CResult<()> {
        for el in elements.iter() {
            match el {
                InterpolatedStringElement::Literal(l) => {
                    lit.push_str(&l.value);
                    *has_lit = true;
                }
                InterpolatedStringElement::Interpolation(x) => {
                    let mut conv = x.conversion;
                    if let Some(dbg) = &x.debug_text {
                        lit.push_str(dbg.leading());
                        lit.push_str(dbg.expression());
                        lit.push_str(dbg.trailing());
                        *has_lit = true;
                        if conv == ConversionFlag::None && x.format_spec.is_none() {
                            conv = ConversionFlag::Repr;
                        }
                    }
                    if !lit.is_empty() {
                        self.load_const(Const::Str(std::mem::take(lit)));
                        *pieces += 1;
                    }
                    self.expr(&x.expression)?;
                    let has_spec = match &x.format_spec {
                        Some(spec) => {
                            let mut n = 0;
                            let mut l = String::new();
                            let mut hl = false;
                            self.fstring_elements(&spec.elements, &mut n, &mut l, &mut hl)?;
                            if !l.is_empty() || n == 0 {
                                self.load_const(Const::Str(l));
                                n += 1;
                            }
                            if n > 1 {
                                self.emit(Instr::BuildString(n));
                            }
                            true
                        }
                        None => false,
                    };
                    let conv = match conv {
                        ConversionFlag::None => 0,
                        ConversionFlag::Str => 1,
                        ConversionFlag::Repr => 2,
                        ConversionFlag::Ascii => 3,
                    };
                    self.emit(Instr::FormatValue { conv, has_spec });
                    *pieces += 1;
                }
            }
        }
        Ok(())
    }
}
