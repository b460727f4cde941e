//! The arch-neutral first pass: check the IR rules of [`crate::ir`] and do the
//! legalization every backend wants.
//!
//! Checks: vregs were created by this assembler; destinations are
//! `VReg`/`Pinned`; memory bases are registers;
//! pinned indices are in range; no `Phys` operands; calls take at most 6
//! arguments; every label is bound once, in the stream that jumps to it; side
//! exit and patch ids exist; exit bodies end in a terminator; the flags
//! discipline (a consumer follows its producer with only `Mov`s and other
//! consumers in between, and uses a condition the producer defines).
//!
//! Legalization (inserting `Mov`s into fresh vregs, before the instruction):
//! an immediate in the first operand of a binary operation, of `Cmp`/`Test`
//! or of a shift; immediates in float operations, in `Neg`/`Not`,
//! conversions, `CSel` arms and `JmpReg`. After this pass only these sources
//! may be immediates: the second operand of `Add Sub Mul MulOverflow And Or
//! Xor Cmp Test`, a shift amount, a `Mov`/`Store` source, a `CCall` argument
//! and a `Leave` value.

use crate::ir::{Assembler, Cond, Insn, Opnd, Target, NUM_PINNED};
use crate::AsmError;

/// Which producer set the flags (for checking consumers' conditions).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Producer {
    Cmp,
    Sub,
    Add,
    MulOverflow,
    Test,
    FCmp,
}

fn producer_of(insn: &Insn) -> Option<Producer> {
    Some(match insn {
        Insn::Cmp { .. } => Producer::Cmp,
        Insn::Sub { .. } => Producer::Sub,
        Insn::Add { .. } => Producer::Add,
        Insn::MulOverflow { .. } => Producer::MulOverflow,
        Insn::Test { .. } => Producer::Test,
        Insn::FCmp { .. } => Producer::FCmp,
        _ => return None,
    })
}

fn cond_ok(p: Producer, c: Cond) -> bool {
    use Cond::*;
    let cmp_like = matches!(
        c,
        Eq | Ne | Lt | Le | Gt | Ge | Below | BelowEq | Above | AboveEq
    );
    match p {
        Producer::Cmp => cmp_like,
        Producer::Sub => cmp_like || matches!(c, Overflow | NoOverflow),
        Producer::Add => matches!(c, Overflow | NoOverflow | Carry | NoCarry),
        Producer::MulOverflow => matches!(c, Overflow | NoOverflow),
        Producer::Test => matches!(c, Eq | Ne),
        Producer::FCmp => c.is_float(),
    }
}

fn consumer_cond(insn: &Insn) -> Option<Cond> {
    match insn {
        Insn::Jcc(c, _) | Insn::CSel { cond: c, .. } | Insn::SetCond { cond: c, .. } => Some(*c),
        _ => None,
    }
}

fn invalid<T>(msg: String) -> Result<T, AsmError> {
    Err(AsmError::Invalid(msg))
}

/// Check one operand's form.
/// `what` names the instruction in an error (made only when there is one).
fn check_opnd(asm: &Assembler, o: Opnd, what: &dyn Fn() -> String) -> Result<(), AsmError> {
    match o {
        Opnd::Phys(_) => invalid(format!("{}: Phys operand in user IR", what())),
        Opnd::Pinned(p) if p >= NUM_PINNED => {
            invalid(format!("{}: no pinned register {p}", what()))
        }
        Opnd::VReg(v) if v.0 >= asm.num_vregs => invalid(format!(
            "{}: vreg {} was not created by this assembler",
            what(),
            v.0
        )),
        _ => Ok(()),
    }
}

/// Check the flags discipline and operand forms of one stream.
fn check_stream(asm: &Assembler, insns: &[Insn], name: &str) -> Result<(), AsmError> {
    let mut flags: Option<Producer> = None;
    for (i, insn) in insns.iter().enumerate() {
        let at = || format!("{name}[{i}] {insn:?}");
        for o in insn.outputs() {
            check_opnd(asm, o, &at)?;
            if !matches!(o, Opnd::VReg(_) | Opnd::Pinned(_)) {
                return invalid(format!("{}: destination must be a register", at()));
            }
        }
        for o in insn.inputs() {
            check_opnd(asm, o, &at)?;
        }
        match insn {
            Insn::Load { mem, .. } | Insn::Store { mem, .. } | Insn::Lea { mem, .. }
                if !mem.base.is_reg() =>
            {
                return invalid(format!("{}: memory base must be a register", at()));
            }
            Insn::CCall { args, saves, .. } => {
                if args.len() > 6 {
                    return invalid(format!("{}: more than 6 call arguments", at()));
                }
                if !saves.is_empty() {
                    return invalid(format!("{}: CCall::saves must be empty", at()));
                }
            }
            _ => {}
        }
        if let Some(t) = insn.target() {
            match t {
                Target::SideExit(e) if e.0 as usize >= asm.exits.len() => {
                    return invalid(format!("{}: no side exit {}", at(), e.0));
                }
                Target::Patchable(p) if p.0 as usize >= asm.patches.len() => {
                    return invalid(format!("{}: no patch id {}", at(), p.0));
                }
                Target::Label(l) if l.0 >= asm.num_labels => {
                    return invalid(format!("{}: no label {}", at(), l.0));
                }
                _ => {}
            }
        }
        if let Some(c) = consumer_cond(insn) {
            match flags {
                None => return invalid(format!("{}: flags consumer without producer", at())),
                Some(p) if !cond_ok(p, c) => {
                    return invalid(format!("{}: condition {c:?} not set by {p:?}", at()))
                }
                _ => {}
            }
        } else if let Some(p) = producer_of(insn) {
            flags = Some(p);
        } else if !matches!(insn, Insn::Mov { .. }) {
            flags = None;
        }
    }
    Ok(())
}

/// Check that labels are bound once and used within their stream.
fn check_labels(asm: &Assembler) -> Result<(), AsmError> {
    let n = asm.num_labels as usize;
    let mut bound_in: Vec<Option<usize>> = vec![None; n];
    let streams: Vec<&Vec<Insn>> = std::iter::once(&asm.insns)
        .chain(asm.exits.iter())
        .collect();
    for (s, insns) in streams.iter().enumerate() {
        for insn in insns.iter() {
            if let Insn::Bind(l) = insn {
                let slot = bound_in
                    .get_mut(l.0 as usize)
                    .ok_or_else(|| AsmError::Invalid(format!("no label {}", l.0)))?;
                if slot.is_some() {
                    return invalid(format!("label {} bound twice", l.0));
                }
                *slot = Some(s);
            }
        }
    }
    for (s, insns) in streams.iter().enumerate() {
        for insn in insns.iter() {
            if let Some(Target::Label(l)) = insn.target() {
                if bound_in[l.0 as usize] != Some(s) {
                    return invalid(format!(
                        "label {} is not bound in the stream that jumps to it",
                        l.0
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Replace immediates that no backend takes in that position by `Mov`s into
/// fresh vregs.
fn legalize(asm: &mut Assembler, insns: Vec<Insn>) -> Vec<Insn> {
    let mut out = Vec::with_capacity(insns.len());
    for mut insn in insns {
        let mut fix = |o: &mut Opnd, out: &mut Vec<Insn>| {
            if let Opnd::Imm(_) = *o {
                let v = asm.new_vreg();
                out.push(Insn::Mov { dst: v, src: *o });
                *o = v;
            }
        };
        match &mut insn {
            Insn::Add { a, .. }
            | Insn::Sub { a, .. }
            | Insn::Mul { a, .. }
            | Insn::MulOverflow { a, .. }
            | Insn::And { a, .. }
            | Insn::Or { a, .. }
            | Insn::Xor { a, .. }
            | Insn::Cmp { a, .. }
            | Insn::Test { a, .. }
            | Insn::Shl { a, .. }
            | Insn::Sar { a, .. }
            | Insn::Shr { a, .. } => fix(a, &mut out),
            Insn::FAdd { a, b, .. }
            | Insn::FSub { a, b, .. }
            | Insn::FMul { a, b, .. }
            | Insn::FDiv { a, b, .. }
            | Insn::FCmp { a, b } => {
                fix(a, &mut out);
                fix(b, &mut out);
            }
            Insn::Neg { src, .. }
            | Insn::Not { src, .. }
            | Insn::IntToFloat { src, .. }
            | Insn::FloatToInt { src, .. }
            | Insn::JmpReg(src) => fix(src, &mut out),
            // The Movs land between the flags producer and this consumer,
            // which the flags discipline allows (Mov never changes flags).
            Insn::CSel { t, f, .. } => {
                fix(t, &mut out);
                fix(f, &mut out);
            }
            _ => {}
        }
        out.push(insn);
    }
    out
}

/// Run the arch-neutral checks and legalization on `asm` in place.
pub fn common_split(asm: &mut Assembler) -> Result<(), AsmError> {
    check_labels(asm)?;
    check_stream(asm, &asm.insns, "inline")?;
    for (i, body) in asm.exits.iter().enumerate() {
        check_stream(asm, body, &format!("exit{i}"))?;
        match body.last() {
            Some(last) if last.is_terminator() => {}
            _ => return invalid(format!("side exit {i} does not end in Leave/Jmp/JmpReg")),
        }
    }
    let inline = std::mem::take(&mut asm.insns);
    asm.insns = legalize(asm, inline);
    let exits = std::mem::take(&mut asm.exits);
    asm.exits = exits.into_iter().map(|b| legalize(asm, b)).collect();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Mem;

    #[test]
    fn consumer_needs_producer() {
        let mut a = Assembler::new();
        let l = a.new_label();
        a.bind(l);
        a.jcc(Cond::Eq, Target::Label(l));
        assert!(matches!(common_split(&mut a), Err(AsmError::Invalid(_))));
    }

    #[test]
    fn wrong_condition_for_producer() {
        let mut a = Assembler::new();
        let l = a.new_label();
        a.bind(l);
        let x = a.mov_new(Opnd::Imm(1));
        a.fcmp(x, x);
        a.jcc(Cond::Lt, Target::Label(l));
        assert!(common_split(&mut a).is_err());
        let mut a = Assembler::new();
        let x = a.mov_new(Opnd::Imm(1));
        a.test(x, x);
        a.set_cond(Cond::Overflow);
        assert!(common_split(&mut a).is_err());
    }

    #[test]
    fn instruction_between_producer_and_consumer() {
        let mut a = Assembler::new();
        let l = a.new_label();
        a.bind(l);
        let x = a.mov_new(Opnd::Imm(1));
        a.cmp(x, Opnd::Imm(2));
        a.add(x, x);
        a.jcc(Cond::Lt, Target::Label(l));
        // Add is itself a producer, but of Overflow/Carry, not Lt.
        assert!(common_split(&mut a).is_err());
        let mut a = Assembler::new();
        let x = a.mov_new(Opnd::Imm(1));
        a.cmp(x, Opnd::Imm(2));
        a.store(Mem::new(x, 0), x, crate::ir::Width::W64);
        a.set_cond(Cond::Lt);
        assert!(common_split(&mut a).is_err());
    }

    #[test]
    fn labels_checked() {
        let mut a = Assembler::new();
        let l = a.new_label();
        a.jmp(Target::Label(l));
        assert!(common_split(&mut a).is_err(), "unbound label");
        let mut a = Assembler::new();
        let l = a.new_label();
        a.bind(l);
        a.bind(l);
        assert!(common_split(&mut a).is_err(), "bound twice");
        let mut a = Assembler::new();
        let l = a.new_label();
        a.bind(l);
        let e = a.side_exit(|a| a.jmp(Target::Label(l)));
        a.jmp(e);
        assert!(common_split(&mut a).is_err(), "cross-stream label");
        let mut a = Assembler::new();
        let e = a.side_exit(|a| a.breakpoint());
        a.jmp(e);
        assert!(common_split(&mut a).is_err(), "exit without terminator");
    }

    #[test]
    fn immediates_legalized() {
        let mut a = Assembler::new();
        let v = a.add(Opnd::Imm(3), Opnd::Imm(4));
        a.leave(v);
        common_split(&mut a).unwrap();
        assert!(matches!(
            a.insns[0],
            Insn::Mov {
                src: Opnd::Imm(3),
                ..
            }
        ));
        assert!(matches!(
            a.insns[1],
            Insn::Add {
                a: Opnd::VReg(_),
                b: Opnd::Imm(4),
                ..
            }
        ));
    }

    #[test]
    fn foreign_vregs_are_refused() {
        let mut other = Assembler::new();
        let v = other.new_vreg();
        let mut a = Assembler::new();
        a.leave(v);
        assert!(matches!(common_split(&mut a), Err(AsmError::Invalid(_))));
    }

    #[test]
    fn bad_destination() {
        let mut a = Assembler::new();
        a.mov(Opnd::Imm(1), Opnd::Imm(2));
        assert!(common_split(&mut a).is_err());
        let mut a = Assembler::new();
        a.mov(Opnd::Pinned(3), Opnd::Imm(2));
        assert!(common_split(&mut a).is_err());
    }
}
