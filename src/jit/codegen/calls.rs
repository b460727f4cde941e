//! Calls, method loading, container building and membership: runtime
//! helpers that work on the frame's temps in place.

use super::{Flow, Gen, VM};
use crate::intern::Sym;
use crate::jit::context::Type;
use crate::jit::helpers;
use crate::runtime::value::Value;
use basil_asm::{AsmError, Cond, Opnd};

impl Gen<'_> {
    /// `f(a1 .. an)`.
    pub(super) fn gen_call(&mut self, n: u32) -> Result<Flow, AsmError> {
        let sp = self.sp_opnd();
        let r = self.call_checked(
            helpers::call as *const () as u64,
            vec![VM, sp, Opnd::Imm(n as i64)],
        );
        self.drop_temps(n + 1);
        self.push(r, Type::Unknown);
        // A call may rebind anything reachable; the locals' types stay valid
        // (only this frame writes its locals).
        Ok(Flow::Next)
    }

    /// `obj.name` for a call: the helper writes `[callable, self_or_null]`.
    pub(super) fn gen_load_method(&mut self, name: Sym) -> Result<Flow, AsmError> {
        let sp = self.sp_opnd();
        self.call_checked(
            helpers::load_method as *const () as u64,
            vec![VM, sp, Opnd::Imm(name.0 as i64)],
        );
        self.drop_temps(1);
        // The helper stored both values; record them as unknown.
        for _ in 0..2 {
            self.ctx.set_temp(self.depth as usize, Type::Unknown);
            if let Some(s) = self.temp_src.get_mut(self.depth as usize) {
                *s = None;
            }
            self.depth += 1;
        }
        Ok(Flow::Next)
    }

    /// `[callable, self_or_null, args..] -> [result]`.
    pub(super) fn gen_call_method(&mut self, n: u32) -> Result<Flow, AsmError> {
        let sp = self.sp_opnd();
        let r = self.call_checked(
            helpers::call_method as *const () as u64,
            vec![VM, sp, Opnd::Imm(n as i64)],
        );
        self.drop_temps(n + 2);
        self.push(r, Type::Unknown);
        Ok(Flow::Next)
    }

    /// `BuildTuple`/`BuildList`.
    pub(super) fn gen_build(&mut self, n: u32, list: bool) -> Result<Flow, AsmError> {
        let sp = self.sp_opnd();
        let arg = (n as i64) | if list { 1 << 32 } else { 0 };
        let r = self.call_checked(
            helpers::build as *const () as u64,
            vec![VM, sp, Opnd::Imm(arg)],
        );
        self.drop_temps(n);
        self.push(r, if list { Type::List } else { Type::Tuple });
        Ok(Flow::Next)
    }

    /// `a in b` / `a not in b`.
    pub(super) fn gen_contains(&mut self, neg: bool) -> Result<Flow, AsmError> {
        let sp = self.sp_opnd();
        let r = self.call_checked(helpers::contains as *const () as u64, vec![VM, sp]);
        self.drop_temps(2);
        self.asm.cmp(r, Opnd::Imm(Value::TRUE.0 as i64));
        let cond = if neg { Cond::Ne } else { Cond::Eq };
        self.finish_condition(cond)
    }
}
