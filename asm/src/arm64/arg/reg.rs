//! General-purpose and floating-point/SIMD registers.
//!
//! Register number 31 means either the zero register or the stack pointer depending
//! on the instruction and operand position. [`Reg::ZR`] and [`Reg::SP`] are distinct
//! values here, and every operand position says which one it accepts: [`Reg::zr_field`]
//! (`Rd`/`Rn`/`Rm` that read as zero) or [`Reg::sp_field`] (positions where 31 is `SP`).
//! Passing the wrong one is an [`EncodeError`], not a silently wrong instruction.

use super::EncodeError;

/// A general-purpose register: `X0`..`X30`, the zero register or the stack pointer.
/// The width (X or W) is a property of the instruction, not of the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Reg(u8);

const ZR_ID: u8 = 31;
const SP_ID: u8 = 32;

impl Reg {
    /// The zero register (`XZR`/`WZR`).
    pub const ZR: Reg = Reg(ZR_ID);
    /// The stack pointer (`SP`/`WSP`).
    pub const SP: Reg = Reg(SP_ID);

    /// General register `Xn`/`Wn` for `n` in `0..=30`; `None` otherwise.
    pub const fn new(n: u8) -> Option<Reg> {
        if n <= 30 {
            Some(Reg(n))
        } else {
            None
        }
    }

    /// Is this the zero register?
    pub const fn is_zr(self) -> bool {
        self.0 == ZR_ID
    }

    /// Is this the stack pointer?
    pub const fn is_sp(self) -> bool {
        self.0 == SP_ID
    }

    /// The 5-bit field value (31 for both ZR and SP).
    pub const fn num(self) -> u8 {
        if self.0 == SP_ID {
            31
        } else {
            self.0
        }
    }

    /// Field value for an operand position where 31 means the zero register.
    pub const fn zr_field(self) -> Result<u32, EncodeError> {
        if self.0 == SP_ID {
            Err(EncodeError::SpNotAllowed)
        } else {
            Ok(self.0 as u32)
        }
    }

    /// Field value for an operand position where 31 means the stack pointer.
    pub const fn sp_field(self) -> Result<u32, EncodeError> {
        if self.0 == ZR_ID {
            Err(EncodeError::ZrNotAllowed)
        } else {
            Ok(self.num() as u32)
        }
    }

    /// Field value for a position that accepts only `X0`..`X30`.
    pub const fn gp_field(self) -> Result<u32, EncodeError> {
        match self.0 {
            ZR_ID => Err(EncodeError::ZrNotAllowed),
            SP_ID => Err(EncodeError::SpNotAllowed),
            n => Ok(n as u32),
        }
    }
}

macro_rules! gp_consts {
    ($($name:ident = $n:expr),* $(,)?) => {
        $(
            #[doc = concat!("General-purpose register ", stringify!($name), ".")]
            pub const $name: Reg = Reg($n);
        )*
    };
}

gp_consts!(
    X0 = 0,
    X1 = 1,
    X2 = 2,
    X3 = 3,
    X4 = 4,
    X5 = 5,
    X6 = 6,
    X7 = 7,
    X8 = 8,
    X9 = 9,
    X10 = 10,
    X11 = 11,
    X12 = 12,
    X13 = 13,
    X14 = 14,
    X15 = 15,
    X16 = 16,
    X17 = 17,
    X18 = 18,
    X19 = 19,
    X20 = 20,
    X21 = 21,
    X22 = 22,
    X23 = 23,
    X24 = 24,
    X25 = 25,
    X26 = 26,
    X27 = 27,
    X28 = 28,
    X29 = 29,
    X30 = 30,
);

/// The zero register, `XZR`/`WZR`.
pub const XZR: Reg = Reg::ZR;
/// The stack pointer.
pub const SP: Reg = Reg::SP;
/// The frame pointer, `X29`.
pub const FP: Reg = X29;
/// The link register, `X30`.
pub const LR: Reg = X30;

/// A floating-point/SIMD register used as a scalar double (`D0`..`D31`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VReg(u8);

impl VReg {
    /// `Dn` for `n` in `0..=31`; `None` otherwise.
    pub const fn new(n: u8) -> Option<VReg> {
        if n <= 31 {
            Some(VReg(n))
        } else {
            None
        }
    }

    /// The 5-bit register field.
    pub const fn num(self) -> u8 {
        self.0
    }
}

macro_rules! d_consts {
    ($($name:ident = $n:expr),* $(,)?) => {
        $(
            #[doc = concat!("Floating-point register ", stringify!($name), ".")]
            pub const $name: VReg = VReg($n);
        )*
    };
}

d_consts!(
    D0 = 0,
    D1 = 1,
    D2 = 2,
    D3 = 3,
    D4 = 4,
    D5 = 5,
    D6 = 6,
    D7 = 7,
    D8 = 8,
    D9 = 9,
    D10 = 10,
    D11 = 11,
    D12 = 12,
    D13 = 13,
    D14 = 14,
    D15 = 15,
    D16 = 16,
    D17 = 17,
    D18 = 18,
    D19 = 19,
    D20 = 20,
    D21 = 21,
    D22 = 22,
    D23 = 23,
    D24 = 24,
    D25 = 25,
    D26 = 26,
    D27 = 27,
    D28 = 28,
    D29 = 29,
    D30 = 30,
    D31 = 31,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zr_and_sp_are_distinct() {
        assert_ne!(Reg::ZR, Reg::SP);
        assert_eq!(Reg::ZR.num(), 31);
        assert_eq!(Reg::SP.num(), 31);
        assert_eq!(Reg::ZR.zr_field(), Ok(31));
        assert_eq!(Reg::SP.zr_field(), Err(EncodeError::SpNotAllowed));
        assert_eq!(Reg::SP.sp_field(), Ok(31));
        assert_eq!(Reg::ZR.sp_field(), Err(EncodeError::ZrNotAllowed));
        assert_eq!(X5.gp_field(), Ok(5));
        assert!(Reg::new(31).is_none());
        assert!(VReg::new(32).is_none());
        assert_eq!(VReg::new(31), Some(D31));
    }
}
