//! x86 condition codes and how each IR condition is tested after its flags
//! producer (float conditions after `ucomisd` included).

use crate::ir::Cond;
use crate::AsmError;

/// x86 condition codes (the low nibble of `Jcc`/`SETcc`/`CMOVcc` opcodes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(super) enum Cc {
    O = 0,
    No = 1,
    B = 2,
    Ae = 3,
    E = 4,
    Ne = 5,
    Be = 6,
    A = 7,
    P = 0xA,
    L = 0xC,
    Ge = 0xD,
    Le = 0xE,
    G = 0xF,
}

impl Cc {
    pub(super) fn invert(self) -> Cc {
        use Cc::*;
        match self {
            O => No,
            No => O,
            B => Ae,
            Ae => B,
            E => Ne,
            Ne => E,
            Be => A,
            A => Be,
            P => P, // not used inverted
            L => Ge,
            Ge => L,
            Le => G,
            G => Le,
        }
    }
}

/// How a condition is tested after the flags producer.
pub(super) enum Test {
    /// One condition code.
    One(Cc),
    /// Float equal: ZF=1 and PF=0.
    FEq,
    /// Float not equal: ZF=0 or PF=1.
    FNe,
}

pub(super) fn test_of(c: Cond) -> Result<Test, AsmError> {
    use Cond::*;
    Ok(Test::One(match c {
        Eq => Cc::E,
        Ne => Cc::Ne,
        Lt => Cc::L,
        Le => Cc::Le,
        Gt => Cc::G,
        Ge => Cc::Ge,
        Below | Carry => Cc::B,
        BelowEq => Cc::Be,
        Above => Cc::A,
        AboveEq | NoCarry => Cc::Ae,
        Overflow => Cc::O,
        NoOverflow => Cc::No,
        FGt => Cc::A,
        FGe => Cc::Ae,
        FEq => return Ok(Test::FEq),
        FNe => return Ok(Test::FNe),
        FLt | FLe => {
            return Err(AsmError::Invalid(format!(
                "{c:?} must be rewritten by the x86 split"
            )))
        }
    }))
}
