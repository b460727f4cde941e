//! `try`/`except`/`else`/`finally` with a zero-cost exception table, and the
//! unwinding of `return`, `break` and `continue` through the frame blocks
//! (loops, `try` bodies, `except` clauses, `finally` bodies), modelled on
//! CPython 3.11's `compiler_try_except`, `compiler_try_finally` and
//! `compiler_unwind_fblock`.
//!
//! Protocol (see `bytecode::Handler`): a handler entry at depth `d` truncates
//! the temps to `d` and pushes the exception. Handler code starts with
//! `PushExcInfo` (`[exc] -> [prev, exc]`); leaving an `except` clause runs
//! `PopExcept` (`[prev] -> []`). A cleanup handler at depth `d + 1` covers
//! the handler code: `Rot2; PopExcept; Reraise` restores the previously
//! handled exception and propagates the new one.

use super::unit::{Compiler, Ctx, FBlock, FBlockKind, Label};
use super::CResult;
use crate::bytecode::{Const, Instr};
use ruff_python_ast::{self as ast, ExceptHandler};
use ruff_text_size::TextRange;

impl<'a> Compiler<'a, '_> {
    pub fn try_stmt(&mut self, t: &'a ast::StmtTry) -> CResult<()> {
        if t.is_star {
            return self.err("'except*' is not supported by basil", t.range);
        }
        if !t.finalbody.is_empty() {
            self.try_finally(t)
        } else {
            self.try_except(t)
        }
    }

    fn try_finally(&mut self, t: &'a ast::StmtTry) -> CResult<()> {
        let d = self.depth();
        let fexc = self.new_label();
        let end = self.new_label();
        let try_line = self.u.line;
        // Body (and the except clauses, if any) under the finally handler.
        self.push_fblock(
            FBlockKind::FinallyTry { body: &t.finalbody },
            Some((fexc, d)),
        );
        let r = if t.handlers.is_empty() {
            self.compile_body(&t.body, false)
        } else {
            self.try_except(t)
        };
        self.pop_fblock();
        r?;
        // Normal path: the finally body, covered by the outer handlers.
        if self.u.reachable {
            self.compile_body(&t.finalbody, false)?;
            if self.u.reachable {
                self.emit(Instr::Jump(end));
            }
        }
        // Exception path: [exc] -> [prev, exc]; the finally body; re-raise.
        self.bind_at(fexc, d as i64 + 1);
        self.u.line = try_line;
        let cleanup = self.new_label();
        self.emit(Instr::PushExcInfo);
        self.push_fblock(FBlockKind::FinallyEnd, Some((cleanup, d + 1)));
        let r = self.compile_body(&t.finalbody, false);
        self.pop_fblock();
        r?;
        self.u.line = try_line;
        // Falls into the cleanup: restore `prev` and re-raise.
        self.bind_at(cleanup, d as i64 + 2);
        self.pop_except_and_reraise();
        self.bind(end);
        self.u.depth = d as i64;
        Ok(())
    }

    /// `[prev, exc] -> raise exc` after restoring `prev`.
    fn pop_except_and_reraise(&mut self) {
        self.emit(Instr::Rot2);
        self.emit(Instr::PopExcept);
        self.emit(Instr::Reraise);
    }

    fn try_except(&mut self, t: &'a ast::StmtTry) -> CResult<()> {
        let d = self.depth();
        let handler = self.new_label();
        let end = self.new_label();
        let try_line = self.u.line;
        self.push_fblock(FBlockKind::TryExcept, Some((handler, d)));
        let r = self.compile_body(&t.body, false);
        self.pop_fblock();
        r?;
        if self.u.reachable {
            self.compile_body(&t.orelse, false)?;
            if self.u.reachable {
                self.emit(Instr::Jump(end));
            }
        }
        // Handler code: [exc] -> [prev, exc].
        self.bind_at(handler, d as i64 + 1);
        self.u.line = try_line;
        let cleanup = self.new_label();
        self.emit(Instr::PushExcInfo);
        self.push_fblock(FBlockKind::ExceptionHandler, Some((cleanup, d + 1)));
        let n = t.handlers.len();
        for (i, h) in t.handlers.iter().enumerate() {
            let ExceptHandler::ExceptHandler(h) = h;
            self.u.line = self.line_of(h.range.start());
            if h.type_.is_none() && i + 1 < n {
                return self.err("default 'except:' must be last", h.range);
            }
            let next = self.new_label();
            if let Some(ty) = &h.type_ {
                self.expr(ty)?;
                self.emit(Instr::CheckExcMatch);
                self.emit(Instr::PopJumpIfFalse(next));
            }
            match &h.name {
                Some(name) => self.name_op(name, Ctx::Store),
                None => self.emit(Instr::Pop),
            }
            // [prev]: the clause body, not under the dispatch's cleanup.
            let dispatch = self.pop_fblock();
            let name: Option<&'a str> = h.name.as_ref().map(|n| n.as_str());
            let body_cleanup = match name {
                Some(_) => self.new_label(),
                None => cleanup,
            };
            self.push_fblock(
                FBlockKind::HandlerCleanup { name },
                Some((body_cleanup, d + 1)),
            );
            let r = self.compile_body(&h.body, false);
            self.pop_fblock();
            r?;
            if self.u.reachable {
                self.emit(Instr::PopExcept);
                if let Some(name) = name {
                    self.clear_name(name);
                }
                self.emit(Instr::Jump(end));
            }
            if let Some(db) = dispatch {
                self.u.fblocks.push(db);
            }
            if let Some(name) = name {
                // The body raised: `name = None; del name`, then on to cleanup.
                self.bind_at(body_cleanup, d as i64 + 2);
                self.clear_name(name);
                self.emit(Instr::Reraise);
            }
            self.bind(next);
            self.u.depth = d as i64 + 2;
        }
        // No clause matched: [prev, exc], re-raise under the cleanup handler.
        self.u.line = try_line;
        if self.u.reachable {
            self.emit(Instr::Reraise);
        }
        self.pop_fblock();
        self.bind_at(cleanup, d as i64 + 2);
        self.pop_except_and_reraise();
        self.bind(end);
        self.u.depth = d as i64;
        Ok(())
    }

    /// `name = None; del name` (the end of `except E as name:`).
    fn clear_name(&mut self, name: &str) {
        self.load_const(Const::None);
        self.name_op(name, Ctx::Store);
        self.name_op(name, Ctx::Del);
    }

    // ------------------------------------------------------------- unwinding

    /// Emits the cleanup for leaving one frame block; with `preserve` the
    /// value on top of the stack is kept there.
    fn unwind_fblock(&mut self, fb: &FBlock<'a>, preserve: bool) -> CResult<()> {
        match fb.kind {
            FBlockKind::WhileLoop { .. } | FBlockKind::TryExcept | FBlockKind::ExceptionHandler => {
            }
            FBlockKind::ForLoop { .. } | FBlockKind::PopValue => {
                if preserve {
                    self.emit(Instr::Rot2);
                }
                self.emit(Instr::Pop);
            }
            FBlockKind::FinallyTry { body } => {
                if preserve {
                    self.push_fblock(FBlockKind::PopValue, None);
                }
                let depth = self.u.depth;
                let r = self.compile_body(body, false);
                if preserve {
                    self.pop_fblock();
                }
                r?;
                self.u.depth = depth;
            }
            FBlockKind::FinallyEnd => {
                if preserve {
                    self.emit(Instr::Rot2);
                }
                self.emit(Instr::Pop);
                if preserve {
                    self.emit(Instr::Rot2);
                }
                self.emit(Instr::PopExcept);
            }
            FBlockKind::HandlerCleanup { name } => {
                if preserve {
                    self.emit(Instr::Rot2);
                }
                self.emit(Instr::PopExcept);
                if let Some(name) = name {
                    self.clear_name(name);
                }
            }
        }
        Ok(())
    }

    /// Unwinds the frame blocks innermost first, up to the innermost loop when
    /// `to_loop` (returned, not unwound). The blocks stay popped (so the exit
    /// instructions that follow are covered only by the outer handlers); the
    /// caller restores the returned saved stack.
    #[allow(clippy::type_complexity)]
    fn unwind_stack(
        &mut self,
        preserve: bool,
        to_loop: bool,
    ) -> CResult<(Option<FBlock<'a>>, Vec<FBlock<'a>>)> {
        let saved = self.u.fblocks.clone();
        let mut found = None;
        let mut result = Ok(());
        while let Some(top) = self.u.fblocks.last().copied() {
            if to_loop
                && matches!(
                    top.kind,
                    FBlockKind::WhileLoop { .. } | FBlockKind::ForLoop { .. }
                )
            {
                found = Some(top);
                break;
            }
            self.u.fblocks.pop();
            result = self.unwind_fblock(&top, preserve);
            if result.is_err() {
                break;
            }
        }
        match result {
            Ok(()) => Ok((found, saved)),
            Err(e) => {
                self.u.fblocks = saved;
                Err(e)
            }
        }
    }

    fn has_loop(&self) -> bool {
        self.u.fblocks.iter().any(|f| {
            matches!(
                f.kind,
                FBlockKind::WhileLoop { .. } | FBlockKind::ForLoop { .. }
            )
        })
    }

    pub fn compile_return(&mut self, r: &'a ast::StmtReturn) -> CResult<()> {
        if !matches!(
            self.u.kind,
            crate::bytecode::CodeKind::Function | crate::bytecode::CodeKind::Lambda
        ) {
            return self.err("'return' outside function", r.range);
        }
        let constant: Option<Const> = match &r.value {
            None => Some(Const::None),
            Some(v) => self.const_value(v),
        };
        let saved = match (constant, &r.value) {
            (Some(c), _) => {
                let (_, saved) = self.unwind_stack(false, false)?;
                self.load_const(c);
                saved
            }
            (None, Some(v)) => {
                self.expr(v)?;
                self.unwind_stack(true, false)?.1
            }
            (None, None) => return self.err("'return' without a value", r.range),
        };
        self.emit(Instr::Return);
        self.u.fblocks = saved;
        Ok(())
    }

    pub fn compile_break(&mut self, range: TextRange) -> CResult<()> {
        if !self.has_loop() {
            return self.err("'break' outside loop", range);
        }
        let (found, saved) = self.unwind_stack(false, true)?;
        let r = match found {
            Some(lp) => self.unwind_fblock(&lp, false).map(|_| match lp.kind {
                FBlockKind::WhileLoop { exit, .. } | FBlockKind::ForLoop { exit, .. } => exit,
                _ => 0,
            }),
            None => self.err("'break' outside loop", range),
        };
        let exit: Label = match r {
            Ok(l) => l,
            Err(e) => {
                self.u.fblocks = saved;
                return Err(e);
            }
        };
        self.emit(Instr::Jump(exit));
        self.u.fblocks = saved;
        Ok(())
    }

    pub fn compile_continue(&mut self, range: TextRange) -> CResult<()> {
        if !self.has_loop() {
            return self.err("'continue' not properly in loop", range);
        }
        let (found, saved) = self.unwind_stack(false, true)?;
        let head: Option<Label> = found.and_then(|lp| match lp.kind {
            FBlockKind::WhileLoop { head, .. } | FBlockKind::ForLoop { head, .. } => Some(head),
            _ => None,
        });
        let Some(head) = head else {
            self.u.fblocks = saved;
            return self.err("'continue' not properly in loop", range);
        };
        self.emit(Instr::Jump(head));
        self.u.fblocks = saved;
        Ok(())
    }
}
