//! The CPython-produced test tables, read from `cases/*.txt` (written by
//! `gen_cases.py` with python3; do not edit). Each data line is one row in
//! Rust tuple syntax — hex or decimal integers, string literals with `\"`,
//! `\\` and `\u{..}` escapes, `Some(..)`/`None`, `true`/`false`; lines
//! starting with `#` are comments.

use std::sync::LazyLock;

/// One field of a row.
#[derive(Debug)]
enum Field {
    Int(i128),
    Str(&'static str),
    Opt(Option<u64>),
    Bool(bool),
}

fn parse_int(t: &str) -> i128 {
    let (neg, t) = t.strip_prefix('-').map_or((false, t), |r| (true, r));
    let v = match t.strip_prefix("0x") {
        Some(h) => i128::from_str_radix(h, 16),
        None => t.parse(),
    }
    .unwrap_or_else(|_| panic!("bad integer in table: {t}"));
    if neg {
        -v
    } else {
        v
    }
}

/// Parses `(a, b, ...)`; strings are leaked (test data lives for the run).
fn parse_row(line: &str) -> Vec<Field> {
    let inner = line
        .strip_prefix('(')
        .and_then(|l| l.strip_suffix(')'))
        .unwrap_or_else(|| panic!("bad row: {line}"));
    let mut fields = Vec::new();
    let mut chars = inner.chars().peekable();
    loop {
        while chars.peek() == Some(&' ') {
            chars.next();
        }
        let Some(&c) = chars.peek() else { break };
        if c == '"' {
            chars.next();
            let mut s = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '"' => break,
                    '\\' => match chars.next() {
                        Some('u') => {
                            let hex: String =
                                chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                            let code = u32::from_str_radix(&hex, 16).expect("escape");
                            s.push(char::from_u32(code).expect("char"));
                        }
                        Some(e) => s.push(e),
                        None => panic!("bad escape in {line}"),
                    },
                    c => s.push(c),
                }
            }
            fields.push(Field::Str(Box::leak(s.into_boxed_str())));
        } else {
            let tok: String = chars.by_ref().take_while(|&c| c != ',').collect();
            let tok = tok.trim();
            fields.push(match tok {
                "true" => Field::Bool(true),
                "false" => Field::Bool(false),
                "None" => Field::Opt(None),
                t if t.starts_with("Some(") => {
                    Field::Opt(Some(parse_int(&t[5..t.len() - 1]) as u64))
                }
                t => Field::Int(parse_int(t)),
            });
            continue;
        }
        // Skip the comma after a string.
        while let Some(&c) = chars.peek() {
            chars.next();
            if c == ',' {
                break;
            }
        }
    }
    fields
}

/// A row type: a tuple built from parsed fields.
trait FromRow: Sized {
    fn from_row(f: &[Field]) -> Self;
}

trait FromField {
    fn from_field(f: &Field) -> Self;
}

macro_rules! int_fields {
    ($($t:ty),*) => {$(
        impl FromField for $t {
            fn from_field(f: &Field) -> Self {
                match f {
                    Field::Int(i) => *i as $t,
                    _ => panic!("expected an integer, got {f:?}"),
                }
            }
        }
    )*};
}

int_fields!(u64, i64, u32);

impl FromField for &'static str {
    fn from_field(f: &Field) -> Self {
        match f {
            Field::Str(s) => s,
            _ => panic!("expected a string, got {f:?}"),
        }
    }
}

impl FromField for Option<u64> {
    fn from_field(f: &Field) -> Self {
        match f {
            Field::Opt(o) => *o,
            _ => panic!("expected an option, got {f:?}"),
        }
    }
}

impl FromField for bool {
    fn from_field(f: &Field) -> Self {
        match f {
            Field::Bool(b) => *b,
            _ => panic!("expected a bool, got {f:?}"),
        }
    }
}

macro_rules! tuple_rows {
    ($($n:literal: $($t:ident)+;)*) => {$(
        impl<$($t: FromField),+> FromRow for ($($t,)+) {
            #[allow(non_snake_case, unused_assignments)]
            fn from_row(f: &[Field]) -> Self {
                assert_eq!(f.len(), $n, "row has {} fields: {f:?}", f.len());
                let mut i = 0;
                $(let $t = $t::from_field(&f[i]); i += 1;)+
                ($($t,)+)
            }
        }
    )*};
}

tuple_rows! {
    2: A B;
    3: A B C;
    4: A B C D;
    5: A B C D E;
}

fn rows<T: FromRow>(text: &str) -> Vec<T> {
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| T::from_row(&parse_row(l)))
        .collect()
}

macro_rules! tables {
    ($($name:ident: $ty:ty = $file:literal;)*) => {$(
        pub(super) static $name: LazyLock<Vec<$ty>> =
            LazyLock::new(|| rows(include_str!(concat!("cases/", $file))));
    )*};
}

tables! {
    REPR: (u64, &'static str) = "repr.txt";
    FORMAT_FLOAT: (u64, &'static str, &'static str) = "format_float.txt";
    FORMAT_INT: (&'static str, &'static str, &'static str) = "format_int.txt";
    FORMAT_STR: (&'static str, &'static str, &'static str) = "format_str.txt";
    ROUND: (u64, i64, &'static str) = "round.txt";
    ROUND_INT: (u64, &'static str) = "round_int.txt";
    PARSE_INT: (&'static str, u32, &'static str) = "parse_int.txt";
    PARSE_FLOAT: (&'static str, Option<u64>) = "parse_float.txt";
    DIVMOD: (u64, u64, u64, u64) = "divmod.txt";
    INT_TRUE_DIV: (&'static str, &'static str, &'static str) = "int_true_div.txt";
    INT_TO_FLOAT: (&'static str, &'static str) = "int_to_float.txt";
    FLOAT_TO_INT: (u64, &'static str) = "float_to_int.txt";
    RADIX: (&'static str, &'static str, &'static str, &'static str, bool) = "radix.txt";
}
