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

/// CPython's tokenizer limit on bracket nesting (`MAXLEVEL`): deeper input is
/// "too many nested parentheses" (this also keeps the recursive parser and
/// compiler far from the native stack's end).
pub(crate) fn check_nesting(map: &SourceMap) -> Result<(), CompileError> {
    let src = map.src;
    let b = src.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'"' | b'\'' => {
                let q = b[i];
                let triple = i + 2 < b.len() && b[i + 1] == q && b[i + 2] == q;
                i += if triple { 3 } else { 1 };
                while i < b.len() {
                    if b[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if triple {
                        if i + 2 < b.len() && b[i] == q && b[i + 1] == q && b[i + 2] == q {
                            i += 3;
                            break;
                        }
                    } else if b[i] == q || b[i] == b'\n' {
                        i += 1;
                        break;
                    }
                    i += 1;
                }
                continue;
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > 200 {
                    return Err(at(
                        map,
                        "SyntaxError",
                        "too many nested parentheses",
                        TextSize::new(i as u32),
                    ));
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

fn at(map: &SourceMap, kind: &'static str, msg: impl Into<String>, pos: TextSize) -> CompileError {
    map.error(kind, msg, TextRange::new(pos, pos))
}

/// CPython's generic error: `invalid syntax` over the offending token, unless
/// the rest of the source leaves a bracket open (`'(' was never closed`).
fn invalid(map: &SourceMap, range: TextRange) -> CompileError {
    // Heuristic for CPython's "the parser ran into the end of the input":
    // a bracket still open at the end, opened on an earlier line.
    if let Some((off, c)) = unclosed_bracket(map.src, map.src.len()) {
        let open = TextSize::new(off as u32);
        if off < usize::from(range.start()) && map.line_of(open) < map.line_of(range.start()) {
            return at(map, "SyntaxError", format!("'{c}' was never closed"), open);
        }
    }
    map.error("SyntaxError", "invalid syntax", range)
}

/// Leading whitespace of the source mixes tabs and spaces.
fn mixes_tabs(src: &str) -> bool {
    let mut tabs = false;
    let mut spaces = false;
    for line in src.lines() {
        let ws: String = line
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        if ws.len() == line.len() {
            continue;
        }
        tabs |= ws.contains('\t');
        spaces |= ws.contains(' ');
    }
    tabs && spaces
}

fn tab_error(map: &SourceMap, pos: TextSize) -> CompileError {
    let line = map.line_of(pos);
    CompileError {
        kind: "TabError",
        msg: "inconsistent use of tabs and spaces in indentation".into(),
        line,
        col: 0,
        end_col: 0,
        text: map.line_text(line).to_string(),
    }
}

/// "expected an indented block after ..." from ruff's message.
fn block_desc(msg: &str) -> String {
    let what = msg
        .trim_start_matches("Expected an indented block after ")
        .replace('`', "'");
    if what.contains("function") {
        "function definition".to_string()
    } else if what.contains("class") {
        "class definition".to_string()
    } else {
        what.replace(" clause", " statement")
    }
}

fn missing_block(map: &SourceMap, msg: &str, pos: TextSize) -> CompileError {
    let desc = block_desc(msg);
    let rest = &map.src[usize::from(pos).min(map.src.len())..];
    if rest.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#')
    }) {
        // The block is missing at the end of the input: CPython reports the
        // last line (a comment counts), without a caret.
        let opener = map.line_of(pos);
        let mut last = map.line_count();
        while last > 1 && map.line_text(last).trim().is_empty() {
            last -= 1;
        }
        return CompileError {
            kind: "IndentationError",
            msg: format!("expected an indented block after {desc} on line {opener}"),
            line: last,
            col: 0,
            end_col: 0,
            text: map.line_text(last).to_string(),
        };
    }
    let line = map.line_of(pos);
    let opener = block_opener(map, line)
        .map(|(_, l)| l)
        .unwrap_or(line.saturating_sub(1).max(1));
    let text = map.line_text(line);
    let indent = text.chars().take_while(|c| c.is_whitespace()).count() as u32;
    CompileError {
        kind: "IndentationError",
        msg: format!("expected an indented block after {desc} on line {opener}"),
        line,
        col: indent + 1,
        end_col: indent + 2,
        text: text.to_string(),
    }
}

/// The error for an unterminated single-quoted string starting on `line`.
fn unterminated(map: &SourceMap, range: TextRange, triple: bool) -> CompileError {
    let start = range.start();
    if triple {
        let detected = map.line_count().max(map.line_of(range.end()));
        let detected = if map.src.ends_with('\n') {
            detected - 1
        } else {
            detected
        }
        .max(1);
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
            LexicalErrorType::IndentationError if mixes_tabs(map.src) => tab_error(map, pos),
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
            LexicalErrorType::UnclosedStringError => {
                let rest = &src[usize::from(pos).min(src.len())..];
                let q = rest.trim_start_matches(|c: char| c.is_ascii_alphabetic());
                let triple = q.starts_with("\"\"\"") || q.starts_with("'''");
                unterminated(map, range, triple)
            }
            LexicalErrorType::FStringError(fe) | LexicalErrorType::TStringError(fe) => {
                fstring_error(map, fe, range)
            }
            LexicalErrorType::Eof => eof_error(map, pos),
            LexicalErrorType::UnrecognizedToken { .. } => at(map, "SyntaxError", "invalid syntax", pos),
            LexicalErrorType::OtherError(msg) if msg.contains("Invalid decimal integer") => at(
                map,
                "SyntaxError",
                "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                pos,
            ),
            LexicalErrorType::LineContinuationError => at(
                map,
                "SyntaxError",
                "unexpected character after line continuation character",
                pos,
            ),
            _ => at(map, "SyntaxError", "invalid syntax", pos),
        },
        ParseErrorType::UnexpectedIndentation if mixes_tabs(map.src) => tab_error(map, pos),
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
        ParseErrorType::PositionalAfterKeywordArgument => at(
            map,
            "SyntaxError",
            "positional argument follows keyword argument",
            range.end(),
        ),
        ParseErrorType::NonDefaultParamAfterDefaultParam => map.error(
            "SyntaxError",
            "non-default argument follows default argument",
            range,
        ),
        ParseErrorType::SimpleStatementsOnSameLine | ParseErrorType::SimpleAndCompoundStatementOnSameLine => {
            let line = map.line_of(pos);
            let text = map.line_text(line);
            let t = text.trim_start();
            if t.starts_with("print ") && !t.contains('=') {
                let indent = (text.len() - t.len()) as u32;
                let line_start = line_start_byte(map, pos);
                let start = TextSize::new(line_start as u32 + indent);
                let end = TextSize::new((line_start + strip_comment(text).trim_end().len()) as u32);
                return map.error(
                    "SyntaxError",
                    "Missing parentheses in call to 'print'. Did you mean print(...)?",
                    TextRange::new(start, end),
                );
            }
            invalid(map, range)
        }
        ParseErrorType::OtherError(msg) => other_error(map, msg, range),
        ParseErrorType::UnparenthesizedGeneratorExpression => {
            map.error("SyntaxError", "Generator expression must be parenthesized", range)
        }
        ParseErrorType::InvalidArgumentUnpackingOrder => at(
            map,
            "SyntaxError",
            "iterable argument unpacking follows keyword argument unpacking",
            pos,
        ),
        ParseErrorType::VarParameterWithDefault => {
            // The parameter's name is just before the `=`.
            let before = &src[..usize::from(pos).min(src.len())];
            let star = before.rfind('*').unwrap_or(0);
            let double = star > 0 && before.as_bytes()[star - 1] == b'*';
            let msg = if double {
                "var-keyword argument cannot have default value"
            } else {
                "var-positional argument cannot have default value"
            };
            at(map, "SyntaxError", msg, pos)
        }
        ParseErrorType::ExpectedKeywordParam => {
            let before = &src[..usize::from(pos).min(src.len())];
            let star = before.rfind("*,").unwrap_or(usize::from(pos));
            at(map, "SyntaxError", "named arguments must follow bare *", TextSize::new(star as u32))
        }
        ParseErrorType::ExpectedExpression => {
            if let Some(err) = eof_unclosed(map, pos) {
                return err;
            }
            let b = src.as_bytes();
            let p = usize::from(pos);
            if p > 0 && b.get(p) == Some(&b'}') && b[p - 1] == b'{' {
                // `f"{}"`: CPython points just past the string.
                let end = src[p..].find(['"', '\'']).map(|i| p + i + 1).unwrap_or(p);
                return at(map, "SyntaxError", "f-string: empty expression not allowed", TextSize::new(end as u32));
            }
            invalid(map, range)
        }
        _ => {
            if let Some(err) = eof_unclosed(map, pos) {
                return err;
            }
            invalid(map, range)
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
    Some(at(
        map,
        "SyntaxError",
        format!("'{c}' was never closed"),
        TextSize::new(off as u32),
    ))
}

fn eof_error(map: &SourceMap, pos: TextSize) -> CompileError {
    if let Some(e) = eof_unclosed(map, pos) {
        return e;
    }
    at(map, "SyntaxError", "unexpected EOF while parsing", pos)
}

fn expected_token(
    map: &SourceMap,
    expected: TokenKind,
    found: TokenKind,
    range: TextRange,
) -> CompileError {
    let pos = range.start();
    // A newline or the end of input while brackets are open.
    if matches!(
        found,
        TokenKind::EndOfFile | TokenKind::Newline | TokenKind::NonLogicalNewline
    ) {
        if let Some(e) = eof_unclosed(map, pos) {
            return e;
        }
    }
    match (expected, found) {
        (TokenKind::Indent, _) => {
            let line = map.line_of(pos);
            // The block's first statement: the line of the token found.
            let stmt_line = if found == TokenKind::Newline || found == TokenKind::NonLogicalNewline
            {
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
        (TokenKind::Colon, TokenKind::Equal) => {
            // `if x = 1:` — CPython's hint, over the test and the value.
            let line = map.line_of(pos);
            let text = map.line_text(line);
            let line_start = line_start_byte(map, pos);
            let t = text.trim_start();
            let kw: usize = t
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .map(char::len_utf8)
                .sum();
            let after_kw = text.len() - t.len() + kw;
            let rest = &text[after_kw..];
            let start = after_kw + (rest.len() - rest.trim_start().len());
            let code = strip_comment(text).trim_end();
            let end = code.strip_suffix(':').unwrap_or(code).trim_end().len();
            map.error(
                "SyntaxError",
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                TextRange::new(
                    TextSize::new((line_start + start) as u32),
                    TextSize::new((line_start + end.max(start + 1)) as u32),
                ),
            )
        }
        (TokenKind::Comma, f) if is_aug_op(f) => {
            // `a, b += 1`
            let line = map.line_of(pos);
            let text = map.line_text(line);
            let line_start = line_start_byte(map, pos);
            let indent = text.len() - text.trim_start().len();
            let mut end = usize::from(pos);
            let b = map.src.as_bytes();
            while end > line_start && b[end - 1] == b' ' {
                end -= 1;
            }
            map.error(
                "SyntaxError",
                "'tuple' is an illegal expression for augmented assignment",
                TextRange::new(
                    TextSize::new((line_start + indent) as u32),
                    TextSize::new(end as u32),
                ),
            )
        }
        (TokenKind::Colon, TokenKind::Rbrace | TokenKind::Comma)
            if matches!(unclosed_bracket(map.src, usize::from(pos)), Some((_, '{'))) =>
        {
            let start = prev_expr_start(map.src, usize::from(pos));
            at(
                map,
                "SyntaxError",
                "':' expected after dictionary key",
                TextSize::new(start as u32),
            )
        }
        (
            TokenKind::Colon,
            TokenKind::Newline | TokenKind::NonLogicalNewline | TokenKind::EndOfFile,
        ) => {
            // CPython puts the caret just after the last token before the error.
            let p = prev_token_end(map, pos);
            at(map, "SyntaxError", "expected ':'", p)
        }
        (TokenKind::Colon, _) => map.error("SyntaxError", "expected ':'", range),
        (TokenKind::Comma, f) if starts_expression(f) => {
            match forgot_comma(map, usize::from(pos), f) {
                Some(e) => e,
                None => invalid(map, range),
            }
        }
        (
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace,
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace,
        ) => {
            let close = found_char(found);
            match unclosed_bracket(map.src, usize::from(pos)) {
                Some((_, open)) => at(
                    map,
                    "SyntaxError",
                    format!(
                        "closing parenthesis '{close}' does not match opening parenthesis '{open}'"
                    ),
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
        _ => invalid(map, range),
    }
}

fn starts_expression(t: TokenKind) -> bool {
    use TokenKind::*;
    matches!(
        t,
        Name | Int
            | Float
            | Complex
            | String
            | FStringStart
            | Lpar
            | Lsqb
            | Lbrace
            | True
            | False
            | None
            | Lambda
            | Not
    )
}

/// Skips back over a string literal ending at `b[i]` (a quote); returns the
/// index of its opening quote.
fn skip_string_back(b: &[u8], mut i: usize) -> usize {
    let q = b[i];
    while i > 0 {
        i -= 1;
        if b[i] == q && (i == 0 || b[i - 1] != b'\\') {
            return i;
        }
    }
    0
}

/// The start of the expression that ends before `pos`: back to the nearest
/// `,`, `:` or opening bracket at the same nesting level.
fn prev_expr_start(src: &str, pos: usize) -> usize {
    let b = src.as_bytes();
    let mut i = pos.min(b.len());
    let mut depth = 0usize;
    while i > 0 {
        let c = b[i - 1];
        match c {
            b'"' | b'\'' => {
                i = skip_string_back(b, i - 1);
                continue;
            }
            b')' | b']' | b'}' => depth += 1,
            b'(' | b'[' | b'{' => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            b',' | b':' if depth == 0 => break,
            _ => {}
        }
        i -= 1;
    }
    while i < b.len() && (b[i] as char).is_whitespace() {
        i += 1;
    }
    i
}

/// The end of the expression starting at `pos`: up to the next `,`, `:`,
/// closing bracket or line end at the same nesting level.
fn next_expr_end(src: &str, pos: usize) -> usize {
    let b = src.as_bytes();
    let mut i = pos;
    let mut depth = 0usize;
    while i < b.len() {
        match b[i] {
            b'"' | b'\'' => {
                let q = b[i];
                i += 1;
                while i < b.len() && b[i] != q && b[i] != b'\n' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            b',' | b':' | b'\n' | b'#' if depth == 0 => break,
            _ => {}
        }
        i += 1;
    }
    let mut i = i.min(b.len());
    while i > pos && (b[i - 1] as char).is_whitespace() {
        i -= 1;
    }
    i
}

/// `[1 2]`: "invalid syntax. Perhaps you forgot a comma?" over both
/// expressions (inside brackets only, and not for `name "string"`).
fn forgot_comma(map: &SourceMap, pos: usize, found: TokenKind) -> Option<CompileError> {
    unclosed_bracket(map.src, pos)?;
    let start = prev_expr_start(map.src, pos);
    if map.line_of(TextSize::new(start as u32)) != map.line_of(TextSize::new(pos as u32)) {
        return None;
    }
    let prev = map.src.get(start..pos)?.trim();
    let is_name = !prev.is_empty() && prev.chars().all(|c| c.is_alphanumeric() || c == '_');
    if is_name && matches!(found, TokenKind::String | TokenKind::FStringStart) {
        return None;
    }
    let end = next_expr_end(map.src, pos);
    Some(map.error(
        "SyntaxError",
        "invalid syntax. Perhaps you forgot a comma?",
        TextRange::new(TextSize::new(start as u32), TextSize::new(end as u32)),
    ))
}

fn is_aug_op(t: TokenKind) -> bool {
    use TokenKind::*;
    matches!(
        t,
        PlusEqual
            | MinusEqual
            | StarEqual
            | SlashEqual
            | DoubleSlashEqual
            | PercentEqual
            | DoubleStarEqual
            | AmperEqual
            | VbarEqual
            | CircumflexEqual
            | LeftShiftEqual
            | RightShiftEqual
            | AtEqual
    )
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
            "illegal target for annotation".to_string()
        }
        _ => match desc {
            "None"
            | "True"
            | "False"
            | "ellipsis"
            | "comparison"
            | "starred"
            | "lambda"
            | "conditional expression"
            | "named expression"
            | "yield expression"
            | "await expression"
            | "generator expression" => format!("cannot assign to {desc}"),
            _ if !is_statement_start(map, range.start()) => format!("cannot assign to {desc}"),
            _ => format!("cannot assign to {desc} here. Maybe you meant '==' instead of '='?"),
        },
    };
    map.error("SyntaxError", msg, range)
}

/// The byte offset of the start of the line holding `pos`.
fn line_start_byte(map: &SourceMap, pos: TextSize) -> usize {
    let p = usize::from(pos).min(map.src.len());
    map.src.as_bytes()[..p]
        .iter()
        .rposition(|&c| c == b'\n' || c == b'\r')
        .map(|i| i + 1)
        .unwrap_or(0)
}

/// True if only whitespace precedes `pos` on its line.
fn is_statement_start(map: &SourceMap, pos: TextSize) -> bool {
    let p = usize::from(pos).min(map.src.len());
    let line_start = map.src[..p].rfind('\n').map(|i| i + 1).unwrap_or(0);
    map.src[line_start..p].trim().is_empty()
}

fn other_error(map: &SourceMap, msg: &str, range: TextRange) -> CompileError {
    let pos = range.start();
    if msg.starts_with("Expected an indented block after") {
        return missing_block(map, msg, pos);
    }
    if msg.starts_with("Expected a parameter name") {
        // `f(a.b=1)`: an expression before `=` in a call.
        let src = map.src;
        let end = usize::from(range.end());
        let rest = &src[end.min(src.len())..];
        let ws = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        if rest[ws..].starts_with('=') && !rest[ws..].starts_with("==") {
            return map.error(
                "SyntaxError",
                "expression cannot contain assignment, perhaps you meant \"==\"?",
                TextRange::new(range.start(), TextSize::new((end + ws + 1) as u32)),
            );
        }
    }
    if msg.starts_with("Expected a statement") {
        let c = map
            .src
            .as_bytes()
            .get(usize::from(pos))
            .copied()
            .unwrap_or(0);
        if matches!(c, b')' | b']' | b'}') && unclosed_bracket(map.src, usize::from(pos)).is_none()
        {
            return at(
                map,
                "SyntaxError",
                format!("unmatched '{}'", c as char),
                pos,
            );
        }
    }
    if msg.contains("Duplicate keyword argument") {
        return map.error(
            "SyntaxError",
            format!("keyword argument repeated: {}", last_quoted(msg)),
            range,
        );
    }
    if msg.contains("Duplicate parameter") {
        return map.error(
            "SyntaxError",
            format!(
                "duplicate argument '{}' in function definition",
                last_quoted(msg)
            ),
            range,
        );
    }
    invalid(map, range)
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
        F::UnclosedLbrace => at(map, "SyntaxError", "f-string: expecting '}'", range.end()),
        F::SingleRbrace => at(
            map,
            "SyntaxError",
            "f-string: single '}' is not allowed",
            range.start(),
        ),
        F::InvalidConversionFlag => at(
            map,
            "SyntaxError",
            "f-string: invalid conversion character: expected 's', 'r', or 'a'",
            range.start(),
        ),
        _ => at(map, "SyntaxError", "invalid syntax", range.start()),
    }
}
