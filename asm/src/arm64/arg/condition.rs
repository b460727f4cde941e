//! Condition codes (Arm ARM C1.2.4, "Condition code").

/// A 4-bit condition code as used by B.cond, CSEL and friends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Cond {
    /// Equal (Z set).
    Eq = 0b0000,
    /// Not equal.
    Ne = 0b0001,
    /// Carry set / unsigned higher or same (`HS`).
    Cs = 0b0010,
    /// Carry clear / unsigned lower (`LO`).
    Cc = 0b0011,
    /// Negative.
    Mi = 0b0100,
    /// Positive or zero.
    Pl = 0b0101,
    /// Overflow.
    Vs = 0b0110,
    /// No overflow.
    Vc = 0b0111,
    /// Unsigned higher.
    Hi = 0b1000,
    /// Unsigned lower or same.
    Ls = 0b1001,
    /// Signed greater or equal.
    Ge = 0b1010,
    /// Signed less than.
    Lt = 0b1011,
    /// Signed greater than.
    Gt = 0b1100,
    /// Signed less or equal.
    Le = 0b1101,
    /// Always.
    Al = 0b1110,
    /// Always (encoding 0b1111; behaves as `AL`).
    Nv = 0b1111,
}

impl Cond {
    /// All sixteen conditions in encoding order.
    pub const ALL: [Cond; 16] = [
        Cond::Eq,
        Cond::Ne,
        Cond::Cs,
        Cond::Cc,
        Cond::Mi,
        Cond::Pl,
        Cond::Vs,
        Cond::Vc,
        Cond::Hi,
        Cond::Ls,
        Cond::Ge,
        Cond::Lt,
        Cond::Gt,
        Cond::Le,
        Cond::Al,
        Cond::Nv,
    ];

    /// The condition from its 4-bit encoding (only the low 4 bits are used).
    pub const fn from_bits(bits: u8) -> Cond {
        Cond::ALL[(bits & 0xf) as usize]
    }

    /// The 4-bit encoding.
    pub const fn bits(self) -> u32 {
        self as u32
    }

    /// The opposite condition (flip the low bit). `AL`/`NV` have no opposite and
    /// return `None`.
    pub const fn invert(self) -> Option<Cond> {
        match self {
            Cond::Al | Cond::Nv => None,
            c => Some(Cond::from_bits(c as u8 ^ 1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invert_pairs() {
        assert_eq!(Cond::Eq.invert(), Some(Cond::Ne));
        assert_eq!(Cond::Lt.invert(), Some(Cond::Ge));
        assert_eq!(Cond::Vs.invert(), Some(Cond::Vc));
        assert_eq!(Cond::Al.invert(), None);
        for c in Cond::ALL {
            assert_eq!(Cond::from_bits(c as u8), c);
        }
    }
}
