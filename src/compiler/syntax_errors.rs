//! Maps ruff's parse errors to CPython 3.11's messages and locations
//! (`SyntaxError: expected ':'`, `IndentationError: unexpected indent`, ...),
//! falling back to `SyntaxError: invalid syntax` at the error's position.
//! Every message here was checked against what `python3` (3.11) prints.

use super::{CompileError, SourceMap};
use ruff_python_ast::token::TokenKind;
use ruff_python_ast::Expr;
use ruff_python_parser::{LexicalErrorType, ParseError, ParseErrorType};
use ruff_text_size::{TextRange, TextSize};

/// CPython's name for an expression in "cannot assign to ..." messages.
pub(crate) fn expr_description(e: &Expr) -> &'static str {
    match e {
        Expr::Attribute(_) => "attribute",
        Expr::Subscript(_) => "subscript",
        Expr::Starred(_) => "starred",
        Expr::Name(_) => "name",
        Expr::List(_) => "list",
        Expr::Tuple(_) => "tuple",
        Expr::Lambda(_) => "lambda",
        Expr::Call(_) => "function call",
        Expr::BoolOp(_) | Expr::BinOp(_) | Expr::UnaryOp(_) => "expression",
        Expr::Generator(_) => "generator expression",
        Expr::Yield(_) | Expr::YieldFrom(_) => "yield expression",
        Expr::Await(_) => "await expression",
        Expr::ListComp(_) => "list comprehension",
        Expr::SetComp(_) => "set comprehension",
        Expr::DictComp(_) => "dict comprehension",
        Expr::Dict(_) => "dict literal",
        Expr::Set(_) => "set display",
        Expr::FString(_) | Expr::TString(_) => "f-string expression",
        Expr::NoneLiteral(_) => "None",
        Expr::BooleanLiteral(b) => {
            if b.value {
                "True"
            } else {
                "False"
            }
        }
        Expr::EllipsisLiteral(_) => "ellipsis",
        Expr::StringLiteral(_) | Expr::BytesLiteral(_) | Expr::NumberLiteral(_) => "literal",
        Expr::Compare(_) => "comparison",
        Expr::If(_) => "conditional expression",
        Expr::Named(_) => "named expression",
        Expr::Slice(_) | Expr::IpyEscapeCommand(_) => "expression",
    }
}

/// The name used in "'x' is an illegal expression for augmented assignment".
pub(crate) fn expr_kind_name(e: &Expr) -> &'static str {
    expr_description(e)
}

/// The statement keyword that opened the block a line belongs to, scanning
/// back from `line` for the nearest line ending in `:` (for "expected an
/// indented block after ..."). Returns the description and its line.
fn block_opener(map: &SourceMap, line: u32) -> Option<(String, u32)> {
    let mut l = line;
    while l > 1 {
        l -= 1;
        let text = map.line_text(l);
        let t = text.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let t = strip_comment(t);
        if !t.ends_with(':') {
            return None;
        }
        // The statement may span lines: find its first line (the keyword).
        let mut first = l;
        let mut kw_line = t.to_string();
        while first > 1 && !starts_with_block_keyword(kw_line.trim_start()) {
            first -= 1;
            kw_line = map.line_text(first).to_string();
        }
        let word: String = kw_line
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let desc = match word.as_str() {
            "def" => "function definition".to_string(),
            "class" => "class definition".to_string(),
            "async" => "function definition".to_string(),
            "if" | "elif" | "else" | "for" | "while" | "try" | "except" | "finally" | "with"
            | "match" | "case" => format!("'{word}' statement"),
            _ => {
                if kw_line.trim_start().starts_with('@') {
                    "function definition".to_string()
                } else {
                    return None;
                }
            }
        };
        return Some((desc, first));
    }
    None
}

fn starts_with_block_keyword(t: &str) -> bool {
    [
        "def ", "class ", "if ", "elif ", "else", "for ", "while ", "try", "except", "finally",
        "with ", "async ", "match ", "case ", "@",
    ]
    .iter()
    .any(|k| t.starts_with(k))
}

fn strip_comment(t: &str) -> &str {
    // Good enough for block headers: a `#` outside quotes ends the code.
    let mut in_str: Option<char> = None;
    for (i, c) in t.char_indices() {
        match in_str {
            Some(q) if c == q => in_str = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => in_str = Some(c),
            None if c == '#' => return t[..i].trim_end(),
            None => {}
        }
    }
    t
}

/// Finds the innermost bracket left open at `limit` (byte offset), skipping
/// strings and comments; returns its offset and character.
fn unclosed_bracket(src: &str, limit: usize) -> Option<(usize, char)> {
    let mut stack: Vec<(usize, char)> = Vec::new();
    let b = src.as_bytes();
    let mut i = 0;
    while i < limit.min(b.len()) {
        let c = b[i];
        match c {
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'"' | b'\'' => {
                let triple = i + 2 < b.len() && b[i + 1] == c && b[i + 2] == c;
                let q = c;
                if triple {
                    i += 3;
                    while i + 2 < b.len() && !(b[i] == q && b[i + 1] == q && b[i + 2] == q) {
                        if b[i] == b'\\' {
                            i += 1;
                        }
                        i += 1;
                    }
                    i += 3;
                } else {
                    i += 1;
                    while i < b.len() && b[i] != q && b[i] != b'\n' {
                        if b[i] == b'\\' {
                            i += 1;
                        }
                        i += 1;
                    }
                    i += 1;
                }
                continue;
            }
            b'(' | b'[' | b'{' => stack.push((i, c as char)),
            b')' | b']' | b'}' => {
                stack.pop();
            }
            _ => {}
        }
        i += 1;
    }
    stack.pop()
}

fn at(map: &SourceMap, kind: &'static str, msg: impl Into<String>, pos: TextSize) -> CompileError {
    map.error(kind, msg, TextRange::new(pos, pos))
}

/// The error for an unterminated single-quoted string starting on `line`.
fn unterminated(map: &SourceMap, range: TextRange, triple: bool) -> CompileError {
    let start = range.start();
    if triple {
        let detected = map.line_count().max(map.line_of(range.end()));
        let detected = if map.src.ends_with('\n') { detected - 1 } else { detected }.max(1);
        at(
            map,
            "SyntaxError",
            format!("unterminated triple-quoted string literal (detected at line {detected})"),
            start,
        )
    } else {
        let line = map.line_of(start);
        at(
            map,
            "SyntaxError",
            format!("unterminated string literal (detected at line {line})"),
            start,
        )
    }
}

/// Maps a ruff parse error to CPython's error.
pub(crate) fn map_parse_error(map: &SourceMap, e: &ParseError) -> CompileError {
    let range = e.location;
    let pos = range.start();
    let src = map.src;
    match &e.error {
        ParseErrorType::Lexical(lex) => match lex {
            LexicalErrorType::IndentationError => {
                let line = map.line_of(pos);
                let len = map.line_chars(line);
                CompileError {
                    kind: "IndentationError",
                    msg: "unindent does not match any outer indentation level".into(),
                    line,
                    col: len + 1,
                    end_col: len + 2,
                    text: map.line_text(line).to_string(),
                }
            }
            LexicalErrorType::UnclosedStringError => unterminated(map, range, false),
            LexicalErrorType::FStringError(fe) | LexicalErrorType::TStringError(fe) => {
                fstring_error(map, fe, range)
            }
            LexicalErrorType::Eof => eof_error(map, pos),
            LexicalErrorType::UnrecognizedToken { .. } => at(map, "SyntaxError", "invalid syntax", pos),
            LexicalErrorType::OtherError(msg) if msg.contains("Invalid decimal integer") => map.error(
                "SyntaxError",
                "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                range,
            ),
            LexicalErrorType::LineContinuationError => at(
                map,
                "SyntaxError",
                "unexpected character after line continuation character",
                pos,
            ),
            _ => at(map, "SyntaxError", "invalid syntax", pos),
        },
        ParseErrorType::UnexpectedIndentation => {
            let line = map.line_of(pos);
            CompileError {
                kind: "IndentationError",
                msg: "unexpected indent".into(),
                line,
                col: 0,
                end_col: 0,
                text: map.line_text(line).to_string(),
            }
        }
        ParseErrorType::ExpectedToken { expected, found } => {
            expected_token(map, *expected, *found, range)
        }
        ParseErrorType::FStringError(fe) | ParseErrorType::TStringError(fe) => fstring_error(map, fe, range),
        ParseErrorType::InvalidAssignmentTarget
        | ParseErrorType::InvalidAugmentedAssignmentTarget
        | ParseErrorType::InvalidDeleteTarget
        | ParseErrorType::InvalidNamedAssignmentTarget
        | ParseErrorType::InvalidAnnotatedAssignmentTarget => invalid_target(map, &e.error, range),
        ParseErrorType::PositionalAfterKeywordArgument => map.error(
            "SyntaxError",
            "positional argument follows keyword argument",
            range,
        ),
        ParseErrorType::NonDefaultParamAfterDefaultParam => map.error(
            "SyntaxError",
            "non-default argument follows default argument",
            range,
        ),
        ParseErrorType::SimpleStatementsOnSameLine | ParseErrorType::SimpleAndCompoundStatementOnSameLine => {
            at(map, "SyntaxError", "invalid syntax", pos)
        }
        ParseErrorType::OtherError(msg) => other_error(map, msg, range),
        ParseErrorType::ExpectedExpression => {
            if let Some(err) = eof_unclosed(map, pos) {
                return err;
            }
            at(map, "SyntaxError", "invalid syntax", pos)
        }
        _ => {
            if let Some(err) = eof_unclosed(map, pos) {
                return err;
            }
            let _ = src;
            at(map, "SyntaxError", "invalid syntax", pos)
        }
    }
}

/// At end of input with a bracket still open: `'(' was never closed`.
fn eof_unclosed(map: &SourceMap, pos: TextSize) -> Option<CompileError> {
    let src = map.src;
    let p = usize::from(pos);
    if !src[p.min(src.len())..].trim().is_empty() {
        return None;
    }
    let (off, c) = unclosed_bracket(src, src.len())?;
    Some(at(map, "SyntaxError", format!("'{c}' was never closed"), TextSize::new(off as u32)))
}

fn eof_error(map: &SourceMap, pos: TextSize) -> CompileError {
    if let Some(e) = eof_unclosed(map, pos) {
        return e;
    }
    at(map, "SyntaxError", "unexpected EOF while parsing", pos)
}

fn expected_token(map: &SourceMap, expected: TokenKind, found: TokenKind, range: TextRange) -> CompileError {
    let pos = range.start();
    // A newline or the end of input while brackets are open.
    if matches!(found, TokenKind::EndOfFile | TokenKind::Newline | TokenKind::NonLogicalNewline) {
        if let Some(e) = eof_unclosed(map, pos) {
            return e;
        }
    }
    match (expected, found) {
        (TokenKind::Indent, _) => {
            let line = map.line_of(pos);
            // The block's first statement: the line of the token found.
            let stmt_line = if found == TokenKind::Newline || found == TokenKind::NonLogicalNewline {
                line + 1
            } else {
                line
            };
            match block_opener(map, stmt_line) {
                Some((desc, opener)) => {
                    let text = map.line_text(stmt_line);
                    let indent = text.chars().take_while(|c| c.is_whitespace()).count() as u32;
                    CompileError {
                        kind: "IndentationError",
                        msg: format!("expected an indented block after {desc} on line {opener}"),
                        line: stmt_line,
                        col: indent + 1,
                        end_col: indent + 2,
                        text: text.to_string(),
                    }
                }
                None => at(map, "IndentationError", "expected an indented block", pos),
            }
        }
        (TokenKind::Colon, _) => {
            // CPython puts the caret just after the last token before the error.
            let p = prev_token_end(map, pos);
            at(map, "SyntaxError", "expected ':'", p)
        }
        (TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace, TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace) => {
            let close = found_char(found);
            match unclosed_bracket(map.src, usize::from(pos)) {
                Some((_, open)) => at(
                    map,
                    "SyntaxError",
                    format!("closing parenthesis '{close}' does not match opening parenthesis '{open}'"),
                    pos,
                ),
                None => at(map, "SyntaxError", format!("unmatched '{close}'"), pos),
            }
        }
        (_, TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace) => {
            let close = found_char(found);
            match unclosed_bracket(map.src, usize::from(pos)) {
                Some(_) => at(map, "SyntaxError", "invalid syntax", pos),
                None => at(map, "SyntaxError", format!("unmatched '{close}'"), pos),
            }
        }
        (_, TokenKind::Indent) => {
            let line = map.line_of(pos);
            CompileError {
                kind: "IndentationError",
                msg: "unexpected indent".into(),
                line,
                col: 0,
                end_col: 0,
                text: map.line_text(line).to_string(),
            }
        }
        _ => at(map, "SyntaxError", "invalid syntax", pos),
    }
}

fn found_char(t: TokenKind) -> char {
    match t {
        TokenKind::Rpar => ')',
        TokenKind::Rsqb => ']',
        _ => '}',
    }
}

/// The end of the last non-blank character before `pos` on the same line,
/// else `pos`.
fn prev_token_end(map: &SourceMap, pos: TextSize) -> TextSize {
    let src = map.src;
    let mut p = usize::from(pos).min(src.len());
    let b = src.as_bytes();
    while p > 0 && (b[p - 1] == b' ' || b[p - 1] == b'\t') {
        p -= 1;
    }
    if p > 0 && (b[p - 1] == b'\n' || b[p - 1] == b'\r') {
        // The error is at a line start: point after the previous line's text.
        let mut q = p - 1;
        while q > 0 && (b[q - 1] == b'\r' || b[q - 1] == b'\n') {
            q -= 1;
        }
        let line_start = src[..q].rfind('\n').map(|i| i + 1).unwrap_or(0);
        let text = strip_comment(&src[line_start..q]);
        return TextSize::new((line_start + text.trim_end().len()) as u32);
    }
    TextSize::new(p as u32)
}

fn invalid_target(map: &SourceMap, err: &ParseErrorType, range: TextRange) -> CompileError {
    // Re-parse the target alone to describe it as CPython does.
    let text = map
        .src
        .get(usize::from(range.start())..usize::from(range.end()))
        .unwrap_or("");
    let desc = ruff_python_parser::parse_expression(text)
        .ok()
        .map(|p| expr_description(p.expr()))
        .unwrap_or("expression");
    let msg = match err {
        ParseErrorType::InvalidAugmentedAssignmentTarget => {
            format!("'{desc}' is an illegal expression for augmented assignment")
        }
        ParseErrorType::InvalidDeleteTarget => format!("cannot delete {desc}"),
        ParseErrorType::InvalidNamedAssignmentTarget => {
            format!("cannot use assignment expressions with {desc}")
        }
        ParseErrorType::InvalidAnnotatedAssignmentTarget => {
            format!("illegal target for annotation")
        }
        _ => match desc {
            "None" | "True" | "False" | "ellipsis" | "comparison" | "starred" | "lambda"
            | "conditional expression" | "named expression" | "yield expression"
            | "await expression" | "generator expression" => format!("cannot assign to {desc}"),
            _ => format!("cannot assign to {desc} here. Maybe you meant '==' instead of '='?"),
        },
    };
    map.error("SyntaxError", msg, range)
}

fn other_error(map: &SourceMap, msg: &str, range: TextRange) -> CompileError {
    let pos = range.start();
    if msg.contains("Duplicate keyword argument") {
        return map.error("SyntaxError", format!("keyword argument repeated: {}", last_quoted(msg)), range);
    }
    if msg.contains("Duplicate parameter") {
        return map.error(
            "SyntaxError",
            format!("duplicate argument '{}' in function definition", last_quoted(msg)),
            range,
        );
    }
    at(map, "SyntaxError", "invalid syntax", pos)
}

fn last_quoted(msg: &str) -> String {
    let parts: Vec<&str> = msg.split(['"', '`', '\'']).collect();
    if parts.len() >= 3 {
        parts[parts.len() - 2].to_string()
    } else {
        String::new()
    }
}

fn fstring_error(
    map: &SourceMap,
    fe: &ruff_python_parser::InterpolatedStringErrorType,
    range: TextRange,
) -> CompileError {
    use ruff_python_parser::InterpolatedStringErrorType as F;
    match fe {
        F::UnterminatedString => unterminated(map, range, false),
        F::UnterminatedTripleQuotedString => unterminated(map, range, true),
        F::UnclosedLbrace => at(map, "SyntaxError", "f-string: expecting '}'", range.start()),
        F::SingleRbrace => at(map, "SyntaxError", "f-string: single '}' is not allowed", range.start()),
        F::InvalidConversionFlag => at(
            map,
            "SyntaxError",
            "f-string: invalid conversion character: expected 's', 'r', or 'a'",
            range.start(),
        ),
        _ => at(map, "SyntaxError", "invalid syntax", range.start()),
    }
}
