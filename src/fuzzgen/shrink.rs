//! Minimisation of a failing program on its AST.
//!
//! The candidate edits of a program are numbered in a fixed walk of the tree
//! (remove a statement; replace a compound statement by one of its bodies;
//! replace an expression by one of its operands or by `0`; halve an integer
//! literal). [`shrink`] tries them in order, keeps every candidate that still
//! fails the same way, and starts over until no edit helps or its budget of
//! checks runs out. Candidates that no longer compile simply stop failing the
//! same way and are dropped.

use super::ast::{Expr, Program, Stmt};

/// Shrinks `p` while `fails` holds; at most `max_checks` calls of `fails`.
pub fn shrink(p: &Program, fails: &mut dyn FnMut(&Program) -> bool, max_checks: usize) -> Program {
    let mut best = p.clone();
    let mut best_src = best.to_source();
    let mut checks = 0;
    loop {
        let mut progress = false;
        let mut n = 0;
        while let Some(cand) = nth_edit(&best, n) {
            let src = cand.to_source();
            if src.len() < best_src.len() || (src != best_src && src.len() == best_src.len()) {
                if checks >= max_checks {
                    return best;
                }
                checks += 1;
                if fails(&cand) {
                    best = cand;
                    best_src = src;
                    progress = true;
                    continue;
                }
            }
            n += 1;
        }
        if !progress {
            return best;
        }
    }
}

/// `p` with its `n`-th candidate edit applied, or `None` past the last.
pub fn nth_edit(p: &Program, n: usize) -> Option<Program> {
    let mut q = p.clone();
    let mut n = n;
    edit_block(&mut q.body, &mut n).then_some(q)
}

/// Counts down `n` over the edits of a block; applies the one it reaches.
fn edit_block(v: &mut Vec<Stmt>, n: &mut usize) -> bool {
    let mut i = 0;
    while i < v.len() {
        if take(n) {
            v.remove(i);
            return true;
        }
        let bodies = bodies(&v[i]);
        for k in 0..bodies {
            if take(n) {
                let s = v.remove(i);
                let body = into_body(s, k);
                for (j, s) in body.into_iter().enumerate() {
                    v.insert(i + j, s);
                }
                return true;
            }
        }
        if edit_stmt(&mut v[i], n) {
            return true;
        }
        i += 1;
    }
    false
}

fn take(n: &mut usize) -> bool {
    if *n == 0 {
        return true;
    }
    *n -= 1;
    false
}

/// How many bodies a compound statement can be replaced by.
fn bodies(s: &Stmt) -> usize {
    match s {
        Stmt::If(..) => 2,
        Stmt::For(..) | Stmt::While(..) | Stmt::Try(..) => 1,
        _ => 0,
    }
}

fn into_body(s: Stmt, k: usize) -> Vec<Stmt> {
    match s {
        Stmt::If(_, a, b) => {
            if k == 0 {
                a
            } else {
                b
            }
        }
        Stmt::For(_, _, b) | Stmt::While(_, _, b) | Stmt::Try(b, _, _) => b,
        other => vec![other],
    }
}

fn edit_stmt(s: &mut Stmt, n: &mut usize) -> bool {
    match s {
        Stmt::Expr(e) | Stmt::Raise(e) | Stmt::Return(Some(e)) => edit_expr(e, n),
        Stmt::Assign(_, e) | Stmt::AugAssign(_, _, e) => edit_expr(e, n),
        Stmt::Print(items) => edit_exprs(items, n),
        Stmt::If(c, a, b) => edit_expr(c, n) || edit_block(a, n) || edit_block(b, n),
        Stmt::For(_, it, b) => edit_expr(it, n) || edit_block(b, n),
        Stmt::While(_, k, b) => {
            if *k > 1 && take(n) {
                *k /= 2;
                return true;
            }
            edit_block(b, n)
        }
        Stmt::Try(b, hs, f) => {
            edit_block(b, n)
                || hs.iter_mut().any(|h| edit_block(&mut h.body, n))
                || edit_block(f, n)
        }
        Stmt::Def(_, _, b) | Stmt::Class(_, _, b) => edit_block(b, n),
        _ => false,
    }
}

fn edit_exprs(v: &mut [Expr], n: &mut usize) -> bool {
    v.iter_mut().any(|e| edit_expr(e, n))
}

fn children(e: &mut Expr) -> Vec<&mut Expr> {
    match e {
        Expr::Lit(_) | Expr::Var(_) => vec![],
        Expr::Bin(_, a, b) => vec![a, b],
        Expr::Un(_, a) | Expr::Attr(a, _) | Expr::Lambda(_, a) => vec![a],
        Expr::Chain(_, items) | Expr::Tuple(items) | Expr::List(items) => {
            items.iter_mut().collect()
        }
        Expr::IfExp(c, a, b) => vec![c, a, b],
        Expr::Call(f, args) => std::iter::once(&mut **f).chain(args.iter_mut()).collect(),
        Expr::Index(a, i) => vec![a, i],
        Expr::Slice(a, lo, hi) => std::iter::once(&mut **a)
            .chain(lo.iter_mut().map(|b| &mut **b))
            .chain(hi.iter_mut().map(|b| &mut **b))
            .collect(),
        Expr::Dict(pairs) => pairs.iter_mut().flat_map(|(k, v)| [k, v]).collect(),
        Expr::FStr(parts) => parts.iter_mut().map(|(_, e, _)| e).collect(),
    }
}

fn edit_expr(e: &mut Expr, n: &mut usize) -> bool {
    // Replace by an operand.
    let kids: Vec<Expr> = children(e).into_iter().map(|c| c.clone()).collect();
    for k in kids {
        if take(n) {
            *e = k;
            return true;
        }
    }
    match e {
        Expr::Lit(t) => {
            if let Ok(v) = t.parse::<u64>() {
                if v > 1 && take(n) {
                    *t = (v / 2).to_string();
                    return true;
                }
            }
            false
        }
        Expr::Var(_) => false,
        _ => {
            if take(n) {
                *e = Expr::Lit("0".into());
                return true;
            }
            children(e).into_iter().any(|c| edit_expr(c, n))
        }
    }
}
