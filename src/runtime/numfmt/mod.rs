//! CPython 3.11-exact number and string formatting and parsing.
//!
//! Pure functions over `f64`, [`num_bigint::BigInt`] and `&str`, depending only on `std`,
//! `num-bigint`, `num-traits` and `num-integer`. Every function reproduces the output (or the
//! error message) of the corresponding CPython 3.11 code path:
//!
//! * [`float_repr`] — `repr(float)` / `str(float)` (`Python/pystrtod.c`, mode 0, `'r'`).
//! * [`double_to_string`] — `PyOS_double_to_string` for the codes `e E f F g G r`, also the
//!   building block of printf-style `%e %f %g`.
//! * [`parse_format_spec`], [`format_int`], [`format_float`], [`format_str`] — the format-spec
//!   mini-language of `format()`, f-strings and `str.format` (`Python/formatter_unicode.c`).
//! * [`round_float`], [`float_round_to_int`], [`float_floor_div_mod`], [`float_mod`], [`float_to_bigint`],
//!   [`bigint_to_f64`], [`int_true_div`] — float/int arithmetic helpers
//!   (`Objects/floatobject.c`, `Objects/longobject.c`).
//! * [`parse_int`], [`parse_float`] — `int(str, base)` and `float(str)`.
//! * [`int_to_string_radix`], [`int_to_prefixed_string`], [`int_str_digits_ok`] — `str`,
//!   `bin`, `oct`, `hex` of ints and the 3.11 4300-digit limit.
//!
//! Nothing here panics on any input: failures are reported as [`NumError`] (whose variant
//! names the Python exception class) or `None`.

mod arith;
mod format;
mod parse;
mod repr;
mod spec;

#[cfg(test)]
mod cases;
#[cfg(test)]
mod tests;

pub use arith::{
    bigint_to_f64, float_floor_div, float_floor_div_mod, float_mod, float_round_to_int,
    float_to_bigint, i64_to_decimal, int_str_digits_ok, int_to_prefixed_string,
    int_to_string_radix, int_true_div, round_float, INT_MAX_STR_DIGITS, INT_STR_LIMIT_MSG,
};
pub use format::{format_float, format_i64, format_int, format_str};
pub use parse::{parse_float, parse_int, ParseIntError};
pub use repr::{double_to_string, float_repr, DTSF_ADD_DOT_0, DTSF_ALT, DTSF_NO_NEG_0, DTSF_SIGN};
pub use spec::{parse_format_spec, unicode_decimal_value, unicode_is_space, FormatSpec};

/// An error raised by one of the functions of this module; the variant is the Python
/// exception class and the string its message (exactly CPython's text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumError {
    /// `ValueError(msg)`.
    Value(String),
    /// `OverflowError(msg)`.
    Overflow(String),
    /// `ZeroDivisionError(msg)`.
    ZeroDivision(String),
    /// `MemoryError()` — a width or precision so large that the result cannot be built.
    Memory,
}

impl NumError {
    /// The Python exception class name (`"ValueError"`, `"OverflowError"`, ...).
    pub fn class_name(&self) -> &'static str {
        match self {
            NumError::Value(_) => "ValueError",
            NumError::Overflow(_) => "OverflowError",
            NumError::ZeroDivision(_) => "ZeroDivisionError",
            NumError::Memory => "MemoryError",
        }
    }

    /// The exception message (empty for `MemoryError`).
    pub fn message(&self) -> &str {
        match self {
            NumError::Value(m) | NumError::Overflow(m) | NumError::ZeroDivision(m) => m,
            NumError::Memory => "",
        }
    }
}

impl std::fmt::Display for NumError {
    /// Formats as `Class: message`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.class_name(), self.message())
    }
}

/// Largest width/precision (in characters) that the formatters will materialise; anything
/// larger is reported as [`NumError::Memory`] instead of attempting a huge allocation.
pub const MAX_FORMAT_WIDTH: usize = 1 << 30;
