//! What versions know and test of types: operand types for specialising
//! an op (known, peeked, or to be learned), type guards and the raw type
//! tests, the test counters behind `--stats`, and the entry guards of
//! versions entered from the interpreter.

use super::{emit_count, Gen, FP};
use crate::jit::context::{Context, Type, MAX_CHAIN};
use crate::jit::stats::Counter;
use crate::jit::Jit;
use crate::jit::Layout;
use crate::runtime::value::TAG_SHIFT;
use basil_asm::{AsmError, Assembler, Cond, Mem, Opnd, Target, Width};

impl Gen<'_> {
    /// What is known of temp `idx`'s type for specialising this op.
    pub(super) fn operand_type(&mut self, idx: u32) -> Known {
        let t = self.ctx.temp(idx as usize);
        if t != Type::Unknown {
            return Known::Is(t);
        }
        if !self.specialize || self.ctx.chain() >= MAX_CHAIN {
            return Known::Unknown;
        }
        match self.peek_value(idx) {
            Some(v) => Known::Peeked(Type::of(v)),
            None if idx < crate::jit::context::MAX_TEMPS as u32 => Known::Defer,
            None => Known::Unknown,
        }
    }

    /// Counts one dynamic type test: emitted now, and executed at run time
    /// under `--stats` (the counter increment goes just before the test).
    pub(super) fn count_test(&mut self) {
        self.jit.stats.type_tests_emitted += 1;
        if let Some(c) = self.jit.stats.counter_addr(Counter::type_tests_executed) {
            emit_count(&mut self.asm, c);
        }
        if let Some(c) = self.jit.stats.test_site_counter(self.code_id, self.pc) {
            emit_count(&mut self.asm, c);
        }
    }

    /// Counts `n` type tests the context made unnecessary here: removed now,
    /// and passed over at run time under `--stats`.
    pub(super) fn count_removed(&mut self, n: u64) {
        if n == 0 {
            return;
        }
        self.jit.stats.type_tests_removed += n;
        if let Some(c) = self
            .jit
            .stats
            .counter_addr(Counter::type_tests_removed_executed)
        {
            let base = self.asm.mov_new(Opnd::Imm(c as i64));
            let v = self.asm.load(Mem::new(base, 0), Width::W64);
            let v2 = self.asm.add(v, Opnd::Imm(n as i64));
            self.asm.store(Mem::new(base, 0), v2, Width::W64);
        }
    }

    /// Emits a guard that `v` has type `t`, jumping to `fail` otherwise.
    pub(super) fn guard(&mut self, v: Opnd, t: Type, fail: Target) {
        self.count_test();
        self.emit_type_test(v, t, fail);
    }

    /// The raw type test (no statistics): jumps to `fail` unless `v: t`.
    pub(super) fn emit_type_test(&mut self, v: Opnd, t: Type, fail: Target) {
        type_test(&mut self.asm, &self.jit.layout, v, t, fail);
    }

    /// The object pointer of a heap value.
    pub(super) fn untag(&mut self, v: Opnd) -> Opnd {
        self.asm.and(v, Opnd::Imm(((1u64 << TAG_SHIFT) - 1) as i64))
    }

    /// Specialises temps `idxs` (from the bottom) to their peeked types when
    /// possible. Returns None if the op must be deferred; otherwise the types
    /// now known (Unknown where nothing could be learnt).
    pub(super) fn specialise(&mut self, idxs: &[u32]) -> Result<Option<Vec<Type>>, AsmError> {
        let mut out = Vec::with_capacity(idxs.len());
        let mut fail: Option<Target> = None;
        let mut removed = 0;
        for &i in idxs {
            match self.operand_type(i) {
                Known::Is(t) => {
                    removed += 1;
                    out.push(t);
                }
                Known::Unknown => out.push(Type::Unknown),
                Known::Defer => return Ok(None),
                Known::Peeked(t) => {
                    let f = match fail {
                        Some(f) => f,
                        None => {
                            let f = self.branch_to(self.pc, self.ctx.chained())?;
                            fail = Some(f);
                            f
                        }
                    };
                    let v = self.read_temp(i);
                    self.guard(v, t, f);
                    self.learn(i, t);
                    out.push(t);
                }
            }
        }
        self.count_removed(removed);
        Ok(Some(out))
    }
}

/// Emits a test that jumps to `fail` unless value `v` has type `t`.
pub(super) fn type_test(asm: &mut Assembler, lay: &Layout, v: Opnd, t: Type, fail: Target) {
    use crate::runtime::value::*;
    match t {
        Type::Int | Type::Bool => {
            let tag = asm.shr(v, Opnd::Imm(TAG_SHIFT as i64));
            let want = if t == Type::Int { TAG_INT } else { TAG_BOOL };
            asm.cmp(tag, Opnd::Imm(want as i64));
            asm.jcc(Cond::Ne, fail);
        }
        Type::Float => {
            asm.cmp(v, Opnd::Imm(FLOAT_LIMIT as i64));
            asm.jcc(Cond::AboveEq, fail);
        }
        Type::None => {
            asm.cmp(v, Opnd::Imm(Value::NONE.0 as i64));
            asm.jcc(Cond::Ne, fail);
        }
        Type::Unknown => {}
        _ => {
            let tag = asm.shr(v, Opnd::Imm(TAG_SHIFT as i64));
            asm.cmp(tag, Opnd::Imm(crate::runtime::value::TAG_PTR as i64));
            asm.jcc(Cond::Ne, fail);
            if let Some(kind) = kind_of(t) {
                let p = asm.and(v, Opnd::Imm(((1u64 << TAG_SHIFT) - 1) as i64));
                let k = asm.load(Mem::new(p, 0), Width::W8);
                asm.cmp(k, Opnd::Imm(kind as i64));
                asm.jcc(Cond::Ne, fail);
                if matches!(t, Type::RangeIter | Type::ListIter) {
                    // The iterator's state tag, and for a list iterator the
                    // kind of the sequence it walks.
                    let tag = asm.load(Mem::new(p, lay.iter_tag as i32), Width::W8);
                    let want = if t == Type::RangeIter {
                        lay.tag_range
                    } else {
                        lay.tag_seq
                    };
                    asm.cmp(tag, Opnd::Imm(want as i64));
                    asm.jcc(Cond::Ne, fail);
                    if t == Type::ListIter {
                        let seq = asm.load(Mem::new(p, lay.iter_word[0] as i32), Width::W64);
                        let sp = asm.and(seq, Opnd::Imm(((1u64 << TAG_SHIFT) - 1) as i64));
                        let sk = asm.load(Mem::new(sp, 0), Width::W8);
                        asm.cmp(sk, Opnd::Imm(crate::runtime::object::Kind::List as i64));
                        asm.jcc(Cond::Ne, fail);
                    }
                }
            }
        }
    }
}

/// Emits the entry guards for a version entered from the interpreter with
/// context `ctx` (the types the frame holds right now): each typed local or
/// temp is tested, any failure going to `fallback`, then jumps to `target`.
pub(crate) fn entry_guards(
    jit: &mut Jit,
    nlocals: u32,
    ctx: &Context,
    target: u64,
    fallback: Target,
) -> Result<u64, AsmError> {
    use crate::jit::context::{MAX_LOCALS, MAX_TEMPS};
    let counter = jit.stats.counter_addr(Counter::type_tests_executed);
    let mut n_tests = 0;
    let mut asm = Assembler::new();
    let mut tests = Vec::new();
    for i in 0..MAX_LOCALS.min(nlocals as usize) {
        if ctx.local(i) != Type::Unknown {
            tests.push((Mem::new(FP, (i * 8) as i32), ctx.local(i)));
        }
    }
    for i in 0..MAX_TEMPS {
        if ctx.temp(i) != Type::Unknown {
            tests.push((
                Mem::new(FP, ((nlocals as usize + i) * 8) as i32),
                ctx.temp(i),
            ));
        }
    }
    for (m, t) in tests {
        if let Some(c) = counter {
            emit_count(&mut asm, c);
        }
        let v = asm.load(m, Width::W64);
        type_test(&mut asm, &jit.layout, v, t, fallback);
        n_tests += 1;
    }
    jit.stats.type_tests_emitted += n_tests;
    asm.jmp(Target::Addr(target));
    let start = jit.cm.pos(basil_asm::Zone::Inline);
    let c = basil_asm::compile(&asm, &mut jit.cm, jit.arch)?;
    debug_assert_eq!(c.start, start);
    jit.stats.entry_guards.push(crate::jit::stats::GuardCode {
        start: c.start,
        len: c.inline_len,
        target,
    });
    Ok(c.start)
}

/// What codegen knows about an operand's type.
pub(super) enum Known {
    /// From the context: no test needed.
    Is(Type),
    /// Seen at run time now: guard it.
    Peeked(Type),
    /// Not knowable here: end the version and compile this op when reached.
    Defer,
    /// Unknown and not to be specialised: generic code.
    Unknown,
}

/// The heap kind tag a type guard checks.
fn kind_of(t: Type) -> Option<u8> {
    use crate::runtime::object::Kind;
    Some(match t {
        Type::Str => Kind::Str as u8,
        Type::List => Kind::List as u8,
        Type::Tuple => Kind::Tuple as u8,
        Type::Dict => Kind::Dict as u8,
        Type::Object => Kind::Instance as u8,
        Type::RangeIter | Type::ListIter => Kind::Iter as u8,
        _ => return None,
    })
}
