//! The format-spec mini-language parser (`parse_internal_render_format_spec` in CPython's
//! `Python/formatter_unicode.c`) and the small Unicode tables CPython's number parsers use.

use super::NumError;

/// A parsed format spec: `[[fill]align][sign]["z"]["#"]["0"][width][grouping]["." precision][type]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatSpec {
    /// Fill character: the explicit one, else `'0'` when [`FormatSpec::zero_pad`], else `' '`.
    pub fill: char,
    /// Explicit alignment (`<`, `>`, `^`, `=`), `None` when not given.
    pub align: Option<char>,
    /// Sign option (`+`, `-`, ` `), `None` when not given.
    pub sign: Option<char>,
    /// The `z` option (coerce negative zero to positive zero; floats only).
    pub no_neg_zero: bool,
    /// The `#` option (alternate form).
    pub alternate: bool,
    /// The `0` option before the width (only recognised when no explicit fill was given).
    pub zero_pad: bool,
    /// Minimum field width in characters.
    pub width: Option<usize>,
    /// Thousands separator: `,` or `_`.
    pub grouping: Option<char>,
    /// Precision.
    pub precision: Option<usize>,
    /// Presentation type character, `None` when omitted.
    pub ty: Option<char>,
}

impl FormatSpec {
    /// The alignment in effect when the formatted type's default is `default_align`
    /// (`'>'` for numbers, `'<'` for strings): an explicit align wins, then the `0` option
    /// turns the numeric default into `'='`.
    pub fn effective_align(&self, default_align: char) -> char {
        match self.align {
            Some(a) => a,
            None if self.zero_pad && default_align == '>' => '=',
            None => default_align,
        }
    }
}

/// Whether `c` is an alignment token (`<`, `>`, `=`, `^`).
fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '^')
}

/// Parses a run of (Unicode) decimal digits at `chars[*pos..]` like CPython's `get_integer`.
/// Returns `Ok(None)` when there are no digits.
fn get_integer(chars: &[char], pos: &mut usize) -> Result<Option<usize>, NumError> {
    let mut acc: u64 = 0;
    let mut any = false;
    while let Some(&c) = chars.get(*pos) {
        let Some(d) = unicode_decimal_value(c) else {
            break;
        };
        // CPython: accumulator may not exceed PY_SSIZE_T_MAX.
        acc = match acc.checked_mul(10).and_then(|v| v.checked_add(d as u64)) {
            Some(v) if v <= i64::MAX as u64 => v,
            _ => {
                return Err(NumError::Value(
                    "Too many decimal digits in format string".into(),
                ))
            }
        };
        any = true;
        *pos += 1;
    }
    Ok(if any { Some(acc as usize) } else { None })
}

/// CPython's `invalid_thousands_separator_type` error.
fn sep_type_error(sep: char, ty: char) -> NumError {
    let t = ty as u32;
    if t > 32 && t < 128 {
        NumError::Value(format!("Cannot specify '{}' with '{}'.", sep, ty))
    } else {
        NumError::Value(format!("Cannot specify '{}' with '\\x{:x}'.", sep, t))
    }
}

/// Parses a format spec like CPython's `parse_internal_render_format_spec`.
///
/// `type_name` is the Python type name of the object being formatted (used only in the
/// `Invalid format specifier '...' for object of type '...'` message). Errors are
/// `ValueError`s with CPython's text ("Format specifier missing precision",
/// "Cannot specify both ',' and '_'.", "Cannot specify ',' with 'x'.", "Too many decimal
/// digits in format string", ...). `default_type` is the presentation type assumed when
/// the spec has none (`Some('d')` for int, `None` for float, `Some('s')` for str; it takes
/// part in the grouping check and is stored in [`FormatSpec::ty`]). Type-specific
/// validation happens in the `format_*` functions. Note that CPython never calls this for
/// an empty spec (that is `str(obj)`).
pub fn parse_format_spec(
    s: &str,
    type_name: &str,
    default_type: Option<char>,
) -> Result<FormatSpec, NumError> {
    let chars: Vec<char> = s.chars().collect();
    let end = chars.len();
    let mut pos = 0usize;
    let mut spec = FormatSpec {
        fill: ' ',
        align: None,
        sign: None,
        no_neg_zero: false,
        alternate: false,
        zero_pad: false,
        width: None,
        grouping: None,
        precision: None,
        ty: default_type,
    };
    let mut fill_specified = false;
    if end >= 2 && is_align(chars[1]) {
        spec.align = Some(chars[1]);
        spec.fill = chars[0];
        fill_specified = true;
        pos = 2;
    } else if end >= 1 && is_align(chars[0]) {
        spec.align = Some(chars[0]);
        pos = 1;
    }
    if let Some(&c @ ('+' | '-' | ' ')) = chars.get(pos) {
        spec.sign = Some(c);
        pos += 1;
    }
    if chars.get(pos) == Some(&'z') {
        spec.no_neg_zero = true;
        pos += 1;
    }
    if chars.get(pos) == Some(&'#') {
        spec.alternate = true;
        pos += 1;
    }
    if !fill_specified && chars.get(pos) == Some(&'0') {
        spec.fill = '0';
        spec.zero_pad = true;
        pos += 1;
    }
    spec.width = get_integer(&chars, &mut pos)?;
    if chars.get(pos) == Some(&',') {
        spec.grouping = Some(',');
        pos += 1;
    }
    if chars.get(pos) == Some(&'_') {
        if spec.grouping.is_some() {
            return Err(NumError::Value("Cannot specify both ',' and '_'.".into()));
        }
        spec.grouping = Some('_');
        pos += 1;
    }
    if chars.get(pos) == Some(&',') && spec.grouping == Some('_') {
        return Err(NumError::Value("Cannot specify both ',' and '_'.".into()));
    }
    if chars.get(pos) == Some(&'.') {
        pos += 1;
        spec.precision = get_integer(&chars, &mut pos)?;
        if spec.precision.is_none() {
            return Err(NumError::Value("Format specifier missing precision".into()));
        }
    }
    if end - pos > 1 {
        return Err(NumError::Value(format!(
            "Invalid format specifier '{}' for object of type '{}'",
            s, type_name
        )));
    }
    if end - pos == 1 {
        spec.ty = Some(chars[pos]);
    }
    if let Some(sep) = spec.grouping {
        match spec.ty {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => {}
            Some('b' | 'o' | 'x' | 'X') if sep == '_' => {}
            Some(t) => return Err(sep_type_error(sep, t)),
        }
    }
    Ok(spec)
}

/// Code points of the `0` digit of every run of Unicode decimal digits (category Nd with a
/// decimal value), from `unicodedata.decimal` of CPython 3.11 (Unicode 14.0). Each run is
/// ten consecutive code points `0..=9`.
const DECIMAL_ZEROS: [u32; 66] = [
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50,
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// The decimal value of `c` as CPython's `Py_UNICODE_TODECIMAL` (ASCII and all other
/// Unicode decimal digits), `None` for anything else.
pub fn unicode_decimal_value(c: char) -> Option<u32> {
    let cp = c as u32;
    if c.is_ascii_digit() {
        return Some(cp - 0x30);
    }
    if cp < 0x660 {
        return None;
    }
    let idx = match DECIMAL_ZEROS.binary_search(&cp) {
        Ok(i) => i,
        Err(0) => return None,
        Err(i) => i - 1,
    };
    let d = cp - DECIMAL_ZEROS[idx];
    if d < 10 {
        Some(d)
    } else {
        None
    }
}

/// Whether `c` is whitespace for Python (`str.isspace`, `Py_UNICODE_ISSPACE`).
pub fn unicode_is_space(c: char) -> bool {
    matches!(
        c as u32,
        0x9..=0xD
            | 0x1C..=0x20
            | 0x85
            | 0xA0
            | 0x1680
            | 0x2000..=0x200A
            | 0x2028
            | 0x2029
            | 0x202F
            | 0x205F
            | 0x3000
    )
}
