//! Binary operators and comparisons on instances (`v + w` with
//! `Vector.__add__`, `p < q` with `__lt__`): the
//! dunder method is found at compile time from the left operand's shape
//! (which fixes its class) and called directly, as a method call would be,
//! with the callee entered in its version for the operands' types and
//! shapes. When the method returns `NotImplemented` a helper finishes the
//! protocol (`Vm::binary_after_left`, `Vm::compare_after_left`: the right
//! operand's reflected method, then the default), so the semantics stay
//! the runtime's.

use super::{Flow, Gen, VM};
use crate::bytecode::{BinOp, CmpOp};
use crate::jit::context::{Context, Type, MAX_CHAIN};
use crate::jit::helpers;
use crate::runtime::object::{InstanceObj, Kind};
use crate::runtime::value::Value;
use basil_asm::{AsmError, Cond, Mem, Opnd, Target, Width};
use std::mem::offset_of;

/// The name of a binary operator's method (`add`, `mul`, ...).
fn dunder_stem(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "add",
        BinOp::Sub => "sub",
        BinOp::Mul => "mul",
        BinOp::TrueDiv => "truediv",
        BinOp::FloorDiv => "floordiv",
        BinOp::Mod => "mod",
        BinOp::Pow => "pow",
        BinOp::LShift => "lshift",
        BinOp::RShift => "rshift",
        BinOp::And => "and",
        BinOp::Or => "or",
        BinOp::Xor => "xor",
    }
}

/// A dunder method resolved at compile time for the operands on top.
struct Dunder {
    /// The method (a plain Python function of two parameters) and its code.
    f: Value,
    callee: u32,
    /// The left operand's class, and its shape (known, or peeked).
    class: Value,
    shape: u32,
    known: bool,
}

impl Gen<'_> {
    /// `a op b` (`a op= b` when `inplace`) with `a` an instance (type
    /// `ta`, Object) whose class provides the method, and `b` of a known
    /// type (an instance of the same class when Object). None when this
    /// does not apply.
    pub(super) fn try_dunder_binary(
        &mut self,
        op: BinOp,
        inplace: bool,
        ta: Type,
        tb: Type,
    ) -> Result<Option<Flow>, AsmError> {
        let Some(class) = self.dunder_class(ta, tb) else {
            return Ok(None);
        };
        // `__i<op>__` for `op=` when the class has it, else `__<op>__`.
        let stem = dunder_stem(op);
        let iname = self.vm.names.lookup(&format!("__i{stem}__"));
        let iop = iname.filter(|&s| inplace && self.vm.class_lookup(class, s).is_some());
        let Some(name) = iop.or_else(|| self.vm.names.lookup(&format!("__{stem}__"))) else {
            return Ok(None);
        };
        let Some(d) = self.dunder_target(class, name) else {
            return Ok(None);
        };
        let code = op as u8 as i64 | (inplace as i64) << 8 | (iop.is_some() as i64) << 9;
        let fallback = helpers::binary_after_left as *const () as u64;
        self.call_dunder(d, tb, fallback, code).map(Some)
    }

    /// `a op b` for a comparison, as `try_dunder_binary`: `a`'s `__lt__`
    /// (...) called directly.
    pub(super) fn try_dunder_compare(
        &mut self,
        op: CmpOp,
        ta: Type,
        tb: Type,
    ) -> Result<Option<Flow>, AsmError> {
        let Some(class) = self.dunder_class(ta, tb) else {
            return Ok(None);
        };
        let name = self.vm.compare_method(op);
        let Some(d) = self.dunder_target(class, name) else {
            return Ok(None);
        };
        let fallback = helpers::compare_after_left as *const () as u64;
        self.call_dunder(d, tb, fallback, op as u8 as i64).map(Some)
    }

    /// The left operand's class when it is an instance (type `ta`) and the
    /// right one's type `tb` is known (an instance of the same class when
    /// Object).
    fn dunder_class(&self, ta: Type, tb: Type) -> Option<Value> {
        if !self.specialize
            || self.ctx.chain() >= MAX_CHAIN
            || ta != Type::Object
            || matches!(tb, Type::Unknown | Type::Heap)
        {
            return None;
        }
        let (ia, ib) = (self.depth - 2, self.depth - 1);
        let class = self.peek_value(ia)?.as_instance()?.class;
        if tb == Type::Object
            && self
                .peek_value(ib)
                .and_then(|b| b.as_instance())
                .is_none_or(|b| b.class != class)
        {
            return None;
        }
        Some(class)
    }

    /// The method `name` of `class` when it is a plain Python function of
    /// two parameters (operators look it up on the class, never on the
    /// instance), with the left operand's shape.
    fn dunder_target(&self, class: Value, name: crate::intern::Sym) -> Option<Dunder> {
        let ia = self.depth - 2;
        let known = self.known_shape(ia);
        let shape = known.or_else(|| self.peek_shape(ia))?;
        let f = self
            .vm
            .class_lookup(class, name)
            .filter(|f| f.is_kind(Kind::Function))?;
        let callee = f.as_function()?.code;
        let code = &self.vm.codes[callee as usize].code;
        super::fills_exactly(code, 2).then_some(Dunder {
            f,
            callee,
            class,
            shape,
            known: known.is_some(),
        })
    }

    /// Calls the dunder method on the two operands on top: guards `a`'s
    /// shape (unless known), `b`'s class (when an instance) and the class
    /// epoch, lays the callee's frame out where the operands are and runs
    /// its version for their types and shapes. A `NotImplemented` result
    /// goes to `fallback(vm, sp, a, b, code)`, which finishes the protocol.
    fn call_dunder(
        &mut self,
        d: Dunder,
        tb: Type,
        fallback: u64,
        code: i64,
    ) -> Result<Flow, AsmError> {
        let (ia, ib) = (self.depth - 2, self.depth - 1);
        let callee = d.callee;
        let fcode = &self.vm.codes[callee as usize].code;
        let (nlocals, frame_size) = (fcode.nlocals(), fcode.frame_size());
        self.jit.core.embedded.insert(d.f);
        self.jit.core.embedded.insert(d.class);
        let fail = self.branch_to(self.pc, self.ctx.chained())?;
        let (a, _) = self.peek(2);
        let (b, _) = self.peek(1);
        if d.known {
            self.count_removed(2);
        } else {
            self.guard_shape(a, d.shape, fail);
            if let Some(l) = self.temp_local(ia) {
                self.ctx.set_local_shape(l, Some(d.shape));
            }
        }
        if tb == Type::Object {
            let p = self.untag(b);
            let c = self.asm.load(
                Mem::new(p, offset_of!(InstanceObj, class) as i32),
                Width::W64,
            );
            self.count_test();
            self.asm.cmp(c, Opnd::Imm(d.class.0 as i64));
            self.asm.jcc(Cond::Ne, fail);
        }
        self.guard_class_epoch(fail);
        // The callee's frame is [a, b, NULL...] where the operands are.
        let fp_mem = self.temp_mem(ia);
        let new_fp = self.asm.lea(fp_mem);
        for i in 2..nlocals {
            self.asm.store(
                Mem::new(new_fp, (i * 8) as i32),
                Opnd::Imm(Value::NULL.0 as i64),
                Width::W64,
            );
        }
        self.push_frame_record(d.f, callee, nlocals, frame_size, new_fp);
        let mut callee_ctx = Context::GENERIC;
        callee_ctx.set_local(0, Type::Object);
        callee_ctx.set_local(1, tb);
        callee_ctx.set_local_shape(0, Some(d.shape));
        callee_ctx.set_local_shape(1, self.known_shape(ib));
        let slot = self.jit.entry_slot(callee, callee_ctx)?;
        let sa = self.asm.mov_new(Opnd::Imm(slot as i64));
        let target = self.asm.load(Mem::new(sa, 0), Width::W64);
        let shapes_before: Vec<(u32, u32)> = self.ctx.local_shape_entries().collect();
        let out = self.run_callee(new_fp, target);
        let result = self.asm.new_vreg();
        self.asm.mov(result, out);
        self.drop_temps(2);
        let done = self.asm.new_label();
        self.asm
            .cmp(out, Opnd::Imm(self.vm.not_implemented().0 as i64));
        self.asm.jcc(Cond::Ne, Target::Label(done));
        let sp = self.sp_opnd();
        let r = self.call_checked(fallback, vec![VM, sp, a, b, Opnd::Imm(code)]);
        self.asm.mov(result, r);
        self.asm.store(
            crate::jit::returns::ret_type_mem(),
            Opnd::Imm(0),
            Width::W64,
        );
        self.asm.bind(done);
        self.continue_after_call(result, &shapes_before)
    }
}
