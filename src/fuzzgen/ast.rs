//! The tiny program AST the generator builds and the shrinker edits, and its
//! printer to Python source. Binary and unary operations are printed fully
//! parenthesised, so the printer never needs precedences; literals and other
//! atoms the generator wants verbatim are `Expr::Lit` text.

use std::fmt::Write;

/// An expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// Printed verbatim (a literal, or any atom that needs no children).
    Lit(String),
    Var(String),
    /// `(a OP b)`.
    Bin(&'static str, Box<Expr>, Box<Expr>),
    /// `(OP a)`, OP one of `-`, `~`, `not `.
    Un(&'static str, Box<Expr>),
    /// `(a OP b OP c ...)`: comparisons, `and`/`or` chains.
    Chain(Vec<&'static str>, Vec<Expr>),
    /// `(a if c else b)`, stored as (c, a, b).
    IfExp(Box<Expr>, Box<Expr>, Box<Expr>),
    Call(Box<Expr>, Vec<Expr>),
    Attr(Box<Expr>, String),
    Index(Box<Expr>, Box<Expr>),
    /// `a[lo:hi]`.
    Slice(Box<Expr>, Option<Box<Expr>>, Option<Box<Expr>>),
    Tuple(Vec<Expr>),
    List(Vec<Expr>),
    Dict(Vec<(Expr, Expr)>),
    /// `f"..{e}.."` (string literals inside use single quotes): text pieces and (expression, suffix) pairs such
    /// as `!r` or `:>8`.
    FStr(Vec<(String, Expr, String)>),
    Lambda(Vec<String>, Box<Expr>),
}

/// An exception handler: `except TYPES as e:` (TYPES empty: `Exception`).
#[derive(Clone, Debug, PartialEq)]
pub struct Handler {
    pub types: Vec<String>,
    pub body: Vec<Stmt>,
}

/// A statement.
#[derive(Clone, Debug, PartialEq)]
pub enum Stmt {
    Expr(Expr),
    Assign(Expr, Expr),
    AugAssign(Expr, &'static str, Expr),
    Print(Vec<Expr>),
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    /// `for VAR in ITER:`.
    For(String, Expr, Vec<Stmt>),
    /// `VAR = 0` / `while VAR < N:` / `VAR += 1` then the body.
    While(String, u32, Vec<Stmt>),
    /// `try:` body, handlers (`as e`), `finally:` body (may be empty).
    Try(Vec<Stmt>, Vec<Handler>, Vec<Stmt>),
    /// `def NAME(PARAMS):` — params printed verbatim (`a`, `b=2`).
    Def(String, Vec<String>, Vec<Stmt>),
    /// `class NAME(BASE):`.
    Class(String, Option<String>, Vec<Stmt>),
    Return(Option<Expr>),
    Raise(Expr),
    Break,
    Continue,
    Global(Vec<String>),
    Nonlocal(Vec<String>),
}

/// A whole program.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Program {
    pub body: Vec<Stmt>,
}

impl Program {
    /// The program as Python source.
    pub fn to_source(&self) -> String {
        let mut out = String::new();
        block(&mut out, &self.body, 0);
        out
    }

    /// Number of statements (for reporting sizes).
    pub fn size(&self) -> usize {
        fn count(b: &[Stmt]) -> usize {
            b.iter()
                .map(|s| {
                    1 + match s {
                        Stmt::If(_, a, b) => count(a) + count(b),
                        Stmt::For(_, _, b) | Stmt::While(_, _, b) => count(b),
                        Stmt::Def(_, _, b) | Stmt::Class(_, _, b) => count(b),
                        Stmt::Try(b, hs, f) => {
                            count(b) + count(f) + hs.iter().map(|h| count(&h.body)).sum::<usize>()
                        }
                        _ => 0,
                    }
                })
                .sum()
        }
        count(&self.body)
    }
}

fn line(out: &mut String, ind: usize, text: &str) {
    for _ in 0..ind {
        out.push_str("    ");
    }
    out.push_str(text);
    out.push('\n');
}

fn block(out: &mut String, body: &[Stmt], ind: usize) {
    if body.is_empty() {
        line(out, ind, "pass");
    }
    for s in body {
        stmt(out, s, ind);
    }
}

fn stmt(out: &mut String, s: &Stmt, ind: usize) {
    match s {
        Stmt::Expr(e) => line(out, ind, &expr(e)),
        Stmt::Assign(t, e) => line(out, ind, &format!("{} = {}", expr(t), expr(e))),
        Stmt::AugAssign(t, op, e) => line(out, ind, &format!("{} {op}= {}", expr(t), expr(e))),
        Stmt::Print(args) => line(out, ind, &format!("print({})", list(args))),
        Stmt::If(c, a, b) => {
            line(out, ind, &format!("if {}:", expr(c)));
            block(out, a, ind + 1);
            if !b.is_empty() {
                line(out, ind, "else:");
                block(out, b, ind + 1);
            }
        }
        Stmt::For(v, it, body) => {
            line(out, ind, &format!("for {v} in {}:", expr(it)));
            block(out, body, ind + 1);
        }
        Stmt::While(v, n, body) => {
            line(out, ind, &format!("{v} = 0"));
            line(out, ind, &format!("while {v} < {n}:"));
            line(out, ind + 1, &format!("{v} += 1"));
            for s in body {
                stmt(out, s, ind + 1);
            }
        }
        Stmt::Try(body, handlers, fin) => {
            line(out, ind, "try:");
            block(out, body, ind + 1);
            for h in handlers {
                let types = match h.types.len() {
                    0 => "Exception".to_string(),
                    1 => h.types[0].clone(),
                    _ => format!("({})", h.types.join(", ")),
                };
                line(out, ind, &format!("except {types} as e:"));
                block(out, &h.body, ind + 1);
            }
            if !fin.is_empty() || handlers.is_empty() {
                line(out, ind, "finally:");
                block(out, fin, ind + 1);
            }
        }
        Stmt::Def(name, params, body) => {
            line(out, ind, &format!("def {name}({}):", params.join(", ")));
            block(out, body, ind + 1);
        }
        Stmt::Class(name, base, body) => {
            match base {
                Some(b) => line(out, ind, &format!("class {name}({b}):")),
                None => line(out, ind, &format!("class {name}:")),
            }
            block(out, body, ind + 1);
        }
        Stmt::Return(None) => line(out, ind, "return"),
        Stmt::Return(Some(e)) => line(out, ind, &format!("return {}", expr(e))),
        Stmt::Raise(e) => line(out, ind, &format!("raise {}", expr(e))),
        Stmt::Break => line(out, ind, "break"),
        Stmt::Continue => line(out, ind, "continue"),
        Stmt::Global(names) => line(out, ind, &format!("global {}", names.join(", "))),
        Stmt::Nonlocal(names) => line(out, ind, &format!("nonlocal {}", names.join(", "))),
    }
}

fn list(items: &[Expr]) -> String {
    items.iter().map(expr).collect::<Vec<_>>().join(", ")
}

/// An expression as the receiver of `.attr`, `(...)` or `[...]`: literals
/// other than plain names are parenthesised (`(1).x`, not `1.x`).
fn atom(e: &Expr) -> String {
    match e {
        Expr::Lit(t)
            if !t
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
                || t.starts_with(|c: char| c.is_ascii_digit()) =>
        {
            format!("({t})")
        }
        _ => expr(e),
    }
}

/// An expression as source text.
pub fn expr(e: &Expr) -> String {
    let mut s = String::new();
    match e {
        Expr::Lit(t) | Expr::Var(t) => s.push_str(t),
        Expr::Bin(op, a, b) => {
            let _ = write!(s, "({} {op} {})", expr(a), expr(b));
        }
        Expr::Un(op, a) => {
            let _ = write!(s, "({op}{})", expr(a));
        }
        Expr::Chain(ops, items) => {
            s.push('(');
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    let _ = write!(s, " {} ", ops.get(i - 1).copied().unwrap_or("and"));
                }
                s.push_str(&expr(it));
            }
            s.push(')');
        }
        Expr::IfExp(c, a, b) => {
            let _ = write!(s, "({} if {} else {})", expr(a), expr(c), expr(b));
        }
        Expr::Call(f, args) => {
            let _ = write!(s, "{}({})", atom(f), list(args));
        }
        Expr::Attr(a, name) => {
            let _ = write!(s, "{}.{name}", atom(a));
        }
        Expr::Index(a, i) => {
            let _ = write!(s, "{}[{}]", atom(a), expr(i));
        }
        Expr::Slice(a, lo, hi) => {
            let part = |p: &Option<Box<Expr>>| p.as_ref().map(|e| expr(e)).unwrap_or_default();
            let _ = write!(s, "{}[{}:{}]", atom(a), part(lo), part(hi));
        }
        Expr::Tuple(items) if items.len() == 1 => {
            let _ = write!(s, "({},)", expr(&items[0]));
        }
        Expr::Tuple(items) => {
            let _ = write!(s, "({})", list(items));
        }
        Expr::List(items) => {
            let _ = write!(s, "[{}]", list(items));
        }
        Expr::Dict(items) => {
            let parts: Vec<String> = items
                .iter()
                .map(|(k, v)| format!("{}: {}", expr(k), expr(v)))
                .collect();
            let _ = write!(s, "{{{}}}", parts.join(", "));
        }
        Expr::FStr(parts) => {
            s.push_str("f\"");
            for (text, e, suffix) in parts {
                let _ = write!(s, "{text}{{ {}{suffix}}}", expr(e));
            }
            s.push('"');
        }
        Expr::Lambda(params, body) => {
            let _ = write!(s, "(lambda {}: {})", params.join(", "), expr(body));
        }
    }
    s
}

/// Shorthands for building expressions.
pub fn lit(t: impl Into<String>) -> Expr {
    Expr::Lit(t.into())
}
pub fn var(t: impl Into<String>) -> Expr {
    Expr::Var(t.into())
}
pub fn call(f: &str, args: Vec<Expr>) -> Expr {
    Expr::Call(Box::new(var(f)), args)
}
pub fn bin(op: &'static str, a: Expr, b: Expr) -> Expr {
    Expr::Bin(op, Box::new(a), Box::new(b))
}
