//! The bytecode compiler: Python source text → `bytecode::Module`.
//!
//! The pipeline is `ruff_python_parser` (the AST) → `symtable` (scope analysis:
//! which names are locals, cells, free variables or globals) → code
//! generation (`unit` holds the per-code-object state and the emitter,
//! `stmt`/`expr` compile statements and expressions, `exceptions` compiles
//! `try` and the unwinding of `return`/`break`/`continue` through it) →
//! finishing (labels resolved, the exception table built from per-instruction
//! handler annotations, `max_stack` computed by `bytecode::stack_depths`).
//!
//! Errors are `CompileError`s in CPython's format: real syntax errors are
//! mapped to CPython 3.11's messages by `syntax_errors`, and constructs outside
//! basil's subset are refused with "... not supported by basil".

mod exceptions;
mod expr;
mod stmt;
mod symtable;
mod syntax_errors;
mod unit;

#[cfg(test)]
mod tests;

use crate::bytecode::Module;
use crate::intern::Interner;
use ruff_text_size::{TextRange, TextSize};

/// A compile-time error (`SyntaxError` or `IndentationError`), located as
/// CPython locates it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    /// `"SyntaxError"`, `"IndentationError"` or `"TabError"`.
    pub kind: &'static str,
    pub msg: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters (0 when there is no caret to show).
    pub col: u32,
    /// 1-based column just past the error's range, in characters.
    pub end_col: u32,
    /// The source line, without its newline (empty: no source line shown).
    pub text: String,
}

impl CompileError {
    /// CPython's rendering of the error, as printed on stderr:
    /// `  File "prog.py", line 12\n    <line>\n    ^^^^\nSyntaxError: msg\n`.
    pub fn render(&self, filename: &str) -> String {
        let mut out = format!("  File \"{filename}\", line {}\n", self.line);
        let trimmed = self.text.trim_start_matches([' ', '\t', '\x0c']);
        let trimmed = trimmed.trim_end_matches(['\n', '\r']);
        if !trimmed.trim().is_empty() {
            out.push_str("    ");
            out.push_str(trimmed);
            out.push('\n');
            if self.col > 0 {
                let stripped = (self.text.chars().count()
                    - self
                        .text
                        .trim_start_matches([' ', '\t', '\x0c'])
                        .chars()
                        .count()) as u32;
                let len = trimmed.chars().count() as u32;
                let start = (self.col - 1).saturating_sub(stripped).min(len);
                let end = self
                    .end_col
                    .saturating_sub(1)
                    .saturating_sub(stripped)
                    .min(len.max(start + 1));
                let width = end.saturating_sub(start).max(1);
                out.push_str("    ");
                out.push_str(&" ".repeat(start as usize));
                out.push_str(&"^".repeat(width as usize));
                out.push('\n');
            }
        }
        out.push_str(self.kind);
        out.push_str(": ");
        out.push_str(&self.msg);
        out.push('\n');
        out
    }
}

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} (line {})", self.kind, self.msg, self.line)
    }
}

impl std::error::Error for CompileError {}

pub(crate) type CResult<T> = Result<T, CompileError>;

/// Maps byte offsets of the source to lines and character columns.
pub(crate) struct SourceMap<'s> {
    pub src: &'s str,
    /// Byte offset of the start of every line.
    line_starts: Vec<usize>,
}

impl<'s> SourceMap<'s> {
    pub fn new(src: &'s str) -> Self {
        let mut line_starts = vec![0];
        let bytes = src.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    line_starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        SourceMap { src, line_starts }
    }

    /// Number of lines (a final line without a newline counts).
    pub fn line_count(&self) -> u32 {
        self.line_starts.len() as u32
    }

    /// The 1-based line of a byte offset.
    pub fn line_of(&self, offset: TextSize) -> u32 {
        let off = usize::from(offset).min(self.src.len());
        match self.line_starts.binary_search(&off) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }

    /// The 1-based character column of a byte offset.
    pub fn col_of(&self, offset: TextSize) -> u32 {
        let off = usize::from(offset).min(self.src.len());
        let line = self.line_of(offset);
        let start = self.line_starts[(line - 1) as usize];
        let mut off = off;
        while off > start && !self.src.is_char_boundary(off) {
            off -= 1;
        }
        self.src[start..off].chars().count() as u32 + 1
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: u32) -> &'s str {
        let Some(&start) = self.line_starts.get((line.max(1) - 1) as usize) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line as usize)
            .copied()
            .unwrap_or(self.src.len());
        self.src[start..end].trim_end_matches(['\n', '\r'])
    }

    /// The character length of a line.
    pub fn line_chars(&self, line: u32) -> u32 {
        self.line_text(line).chars().count() as u32
    }

    /// An error over `range` (the caret spans the range's part on its first line).
    pub fn error(
        &self,
        kind: &'static str,
        msg: impl Into<String>,
        range: TextRange,
    ) -> CompileError {
        let line = self.line_of(range.start());
        let col = self.col_of(range.start());
        let end_line = self.line_of(range.end());
        let end_col = if end_line == line {
            self.col_of(range.end())
        } else {
            self.line_chars(line) + 1
        };
        CompileError {
            kind,
            msg: msg.into(),
            line,
            col,
            end_col: end_col.max(col + 1),
            text: self.line_text(line).to_string(),
        }
    }

    /// A `SyntaxError` over `range`.
    pub fn syntax(&self, msg: impl Into<String>, range: TextRange) -> CompileError {
        self.error("SyntaxError", msg, range)
    }
}

/// Compiles a module's source text. `filename` is recorded in the module (for
/// tracebacks), `module_name` is its `__name__`; identifiers are interned
/// into `names`.
pub fn compile_module(
    source: &str,
    filename: &str,
    module_name: &str,
    names: &mut Interner,
) -> Result<Module, CompileError> {
    let map = SourceMap::new(source);
    syntax_errors::check_nesting(&map)?;
    let parsed = match ruff_python_parser::parse_module(source) {
        Ok(p) => p,
        Err(e) => return Err(syntax_errors::map_parse_error(&map, &e)),
    };
    let module = parsed.syntax();
    let table = symtable::SymTable::build(&map, &module.body)?;
    let mut c = unit::Compiler::new(&map, names, table, filename, module_name);
    c.compile_module_body(&module.body)?;
    Ok(c.into_module())
}
