//! Unit tests of the compiler: instruction shapes, stack depths, scoping,
//! error messages (expectations produced by CPython 3.11.7's `python3`), and
//! a compile-everything pass over `tests/programs`.

use super::*;
use crate::bytecode::{dump_module, stack_depths, CodeObject, Instr};

fn compile(src: &str) -> (Module, Interner) {
    let mut names = Interner::default();
    let m = match compile_module(src, "prog.py", "__main__", &mut names) {
        Ok(m) => m,
        Err(e) => panic!("compile error: {}", e.render("prog.py")),
    };
    for c in &m.codes {
        if let Err(e) = stack_depths(c) {
            panic!("{}: {e}\n{}", c.qualname, dump_module(&m, &names));
        }
    }
    (m, names)
}

fn dump(src: &str) -> String {
    let (m, names) = compile(src);
    dump_module(&m, &names)
}

fn code<'m>(m: &'m Module, qualname: &str) -> &'m CodeObject {
    m.codes
        .iter()
        .find(|c| c.qualname == qualname)
        .expect("no such code object")
}

fn err(src: &str) -> String {
    let mut names = Interner::default();
    match compile_module(src, "prog.py", "__main__", &mut names) {
        Ok(m) => panic!("expected an error, got:\n{}", dump_module(&m, &names)),
        Err(e) => e.render("prog.py"),
    }
}

/// `tests/programs` of this crate (`$BASIL_PROGRAMS` overrides it).
fn programs_root() -> std::path::PathBuf {
    match std::env::var("BASIL_PROGRAMS") {
        Ok(p) => p.into(),
        Err(_) => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs"),
    }
}

/// Dev helper: `BASIL_DUMP_SRC=file.py cargo test print_dump -- --nocapture`
/// prints the bytecode of a file.
#[test]
fn print_dump() {
    if let Ok(src) = std::env::var("BASIL_DUMP_SRC") {
        let src = std::fs::read_to_string(src).unwrap();
        match compile_module(&src, "prog.py", "__main__", &mut Interner::default()) {
            Ok(_) => println!("{}", dump(&src)),
            Err(e) => println!("{}", e.render("prog.py")),
        }
    }
}

/// Every corpus program compiles, and every code object passes `stack_depths`.
#[test]
fn corpus_compiles() {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "py") {
                out.push(p);
            }
        }
    }
    let root = programs_root();
    let mut files = Vec::new();
    walk(&root, &mut files);
    assert!(!files.is_empty(), "no programs under {}", root.display());
    files.sort();
    let mut failures = Vec::new();
    for f in &files {
        let Ok(src) = std::fs::read_to_string(f) else {
            continue;
        };
        let rel = f.strip_prefix(&root).unwrap_or(f).display().to_string();
        // Programs whose expected output is a compile error (CPython's own
        // SyntaxError, or basil's refusal) are checked against `.err`.
        let expected_err = std::fs::read_to_string(f.with_extension("err")).unwrap_or_default();
        let mut names = Interner::default();
        match compile_module(&src, &rel, "__main__", &mut names) {
            Ok(m) => {
                for c in &m.codes {
                    if let Err(e) = stack_depths(c) {
                        failures.push(format!("{rel}: {}: {e}", c.qualname));
                    }
                }
            }
            Err(e) => {
                let last = format!("{}: {}", e.kind, e.msg);
                if expected_err.trim() != last {
                    failures.push(format!("{rel}: {}", e.render(&rel)));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} programs failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

/// Dev helper: `BASIL_ERR_DIR=dir` writes `X.basil` (basil's rendering of
/// the compile error, or `OK`) beside every `X.py` of `dir`, to diff against
/// `python3 X.py 2>&1 | tail -4` when adding cases to `ERROR_CASES`.
#[test]
fn print_errors_of_dir() {
    let Ok(dir) = std::env::var("BASIL_ERR_DIR") else {
        return;
    };
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    files.sort();
    for f in files {
        let src = std::fs::read_to_string(&f).unwrap();
        let name = f.display().to_string();
        let out = match compile_module(&src, &name, "__main__", &mut Interner::default()) {
            Ok(_) => "OK\n".to_string(),
            Err(e) => e.render(&name),
        };
        std::fs::write(f.with_extension("basil"), out).unwrap();
    }
}

/// Dev helper: `BASIL_RUFF_DIR=dir` prints ruff's raw parse error of every
/// `.py` file of `dir` (to see what `syntax_errors` has to map).
#[test]
fn print_ruff_errors_of_dir() {
    let Ok(dir) = std::env::var("BASIL_RUFF_DIR") else {
        return;
    };
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    files.sort();
    for f in files {
        let src = std::fs::read_to_string(&f).unwrap();
        if let Err(e) = ruff_python_parser::parse_module(&src) {
            println!("{}: {:?}", f.display(), e);
        }
    }
}
/// (name, source, expected rendering). `python3`: produced by CPython 3.11.7's
/// `python3 prog.py` (the last lines of its stderr), hard-coded; `basil`: basil's
/// own refusals of constructs outside the subset.
const ERROR_CASES: &[(&str, &str, &str)] = &[
    // python3
    (
        r#"assigncomp"#,
        r#"x == 1 = 2
"#,
        r#"  File "prog.py", line 1
    x == 1 = 2
    ^^^^^^
SyntaxError: cannot assign to comparison
"#,
    ),
    // python3
    (
        r#"assignexpr"#,
        r#"a + 1 = 2
"#,
        r#"  File "prog.py", line 1
    a + 1 = 2
    ^^^^^
SyntaxError: cannot assign to expression here. Maybe you meant '==' instead of '='?
"#,
    ),
    // python3
    (
        r#"assignkw"#,
        r#"True = 1
"#,
        r#"  File "prog.py", line 1
    True = 1
    ^^^^
SyntaxError: cannot assign to True
"#,
    ),
    // python3
    (
        r#"assignnone"#,
        r#"None = 1
"#,
        r#"  File "prog.py", line 1
    None = 1
    ^^^^
SyntaxError: cannot assign to None
"#,
    ),
    // python3
    (
        r#"augtuple"#,
        r#"a, b += 1
"#,
        r#"  File "prog.py", line 1
    a, b += 1
    ^^^^
SyntaxError: 'tuple' is an illegal expression for augmented assignment
"#,
    ),
    // python3
    (
        r#"awaitout"#,
        r#"await x
"#,
        r#"  File "prog.py", line 1
    await x
    ^^^^^^^
SyntaxError: 'await' outside function
"#,
    ),
    // python3
    (
        r#"badchar"#,
        r#"x = 1 $ 2
"#,
        r#"  File "prog.py", line 1
    x = 1 $ 2
          ^
SyntaxError: invalid syntax
"#,
    ),
    // python3
    (
        r#"block"#,
        r#"if True:
pass
"#,
        r#"  File "prog.py", line 2
    pass
    ^
IndentationError: expected an indented block after 'if' statement on line 1
"#,
    ),
    // python3
    (
        r#"blockclass"#,
        r#"class A:
x=2
"#,
        r#"  File "prog.py", line 2
    x=2
    ^
IndentationError: expected an indented block after class definition on line 1
"#,
    ),
    // python3
    (
        r#"blockdef"#,
        r#"def f():
return 1
"#,
        r#"  File "prog.py", line 2
    return 1
    ^
IndentationError: expected an indented block after function definition on line 1
"#,
    ),
    // python3
    (
        r#"blockelif"#,
        r#"if x:
  x=1
elif y:
x=2
"#,
        r#"  File "prog.py", line 4
    x=2
    ^
IndentationError: expected an indented block after 'elif' statement on line 3
"#,
    ),
    // python3
    (
        r#"blockelse"#,
        r#"if x:
  x=1
else:
x=2
"#,
        r#"  File "prog.py", line 4
    x=2
    ^
IndentationError: expected an indented block after 'else' statement on line 3
"#,
    ),
    // python3
    (
        r#"blockexc"#,
        r#"try:
  x=1
except ValueError:
x=2
"#,
        r#"  File "prog.py", line 4
    x=2
    ^
IndentationError: expected an indented block after 'except' statement on line 3
"#,
    ),
    // python3
    (
        r#"blockfin"#,
        r#"try:
  x=1
finally:
x=2
"#,
        r#"  File "prog.py", line 4
    x=2
    ^
IndentationError: expected an indented block after 'finally' statement on line 3
"#,
    ),
    // python3
    (
        r#"blockfor"#,
        r#"for i in x:
print(i)
"#,
        r#"  File "prog.py", line 2
    print(i)
    ^
IndentationError: expected an indented block after 'for' statement on line 1
"#,
    ),
    // python3
    (
        r#"blocktry"#,
        r#"try:
x=1
except:
  pass
"#,
        r#"  File "prog.py", line 2
    x=1
    ^
IndentationError: expected an indented block after 'try' statement on line 1
"#,
    ),
    // python3
    (
        r#"blockwhile"#,
        r#"while x:
print(i)
"#,
        r#"  File "prog.py", line 2
    print(i)
    ^
IndentationError: expected an indented block after 'while' statement on line 1
"#,
    ),
    // python3
    (
        r#"brack"#,
        r#"x = [1, 2
"#,
        r#"  File "prog.py", line 1
    x = [1, 2
        ^
SyntaxError: '[' was never closed
"#,
    ),
    // python3
    (
        r#"brk"#,
        r#"break
"#,
        r#"  File "prog.py", line 1
    break
    ^^^^^
SyntaxError: 'break' outside loop
"#,
    ),
    // python3
    (
        r#"brkfunc"#,
        r#"for i in x:
    def f():
        break
"#,
        r#"  File "prog.py", line 3
    break
    ^^^^^
SyntaxError: 'break' outside loop
"#,
    ),
    // python3
    (
        r#"brkif"#,
        r#"if x:
    break
"#,
        r#"  File "prog.py", line 2
    break
    ^^^^^
SyntaxError: 'break' outside loop
"#,
    ),
    // python3
    (
        r#"callassign"#,
        r#"f() = 1
"#,
        r#"  File "prog.py", line 1
    f() = 1
    ^^^
SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?
"#,
    ),
    // python3
    (
        r#"closing"#,
        r#"x = 1)
"#,
        r#"  File "prog.py", line 1
    x = 1)
         ^
SyntaxError: unmatched ')'
"#,
    ),
    // python3
    (
        r#"colon"#,
        r#"x = 1
if x
    pass
"#,
        r#"  File "prog.py", line 2
    if x
        ^
SyntaxError: expected ':'
"#,
    ),
    // python3
    (
        r#"cont"#,
        r#"continue
"#,
        r#"  File "prog.py", line 1
    continue
    ^^^^^^^^
SyntaxError: 'continue' not properly in loop
"#,
    ),
    // python3
    (
        r#"contexc"#,
        r#"try:
    pass
except:
    continue
"#,
        r#"  File "prog.py", line 4
    continue
    ^^^^^^^^
SyntaxError: 'continue' not properly in loop
"#,
    ),
    // python3
    (
        r#"delcall"#,
        r#"del f()
"#,
        r#"  File "prog.py", line 1
    del f()
        ^^^
SyntaxError: cannot delete function call
"#,
    ),
    // python3
    (
        r#"deltuplit"#,
        r#"del (1, 2)
"#,
        r#"  File "prog.py", line 1
    del (1, 2)
         ^
SyntaxError: cannot delete literal
"#,
    ),
    // python3
    (
        r#"dictass"#,
        r#"{} = 1
"#,
        r#"  File "prog.py", line 1
    {} = 1
    ^^
SyntaxError: cannot assign to dict literal here. Maybe you meant '==' instead of '='?
"#,
    ),
    // python3
    (
        r#"dupparam"#,
        r#"def f(a, a): pass
"#,
        r#"  File "prog.py", line 1
    def f(a, a): pass
             ^
SyntaxError: duplicate argument 'a' in function definition
"#,
    ),
    // python3
    (
        r#"elseonly"#,
        r#"else:
  pass
"#,
        r#"  File "prog.py", line 1
    else:
    ^^^^
SyntaxError: invalid syntax
"#,
    ),
    // python3
    (
        r#"eof"#,
        r#"def f(:
"#,
        r#"  File "prog.py", line 1
    def f(:
          ^
SyntaxError: invalid syntax
"#,
    ),
    // python3
    (
        r#"eqinif"#,
        r#"if x = 1:
    pass
"#,
        r#"  File "prog.py", line 1
    if x = 1:
       ^^^^^
SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?
"#,
    ),
    // python3
    (
        r#"fstr"#,
        r#"f"{x"
"#,
        r#"  File "prog.py", line 1
    f"{x"
         ^
SyntaxError: f-string: expecting '}'
"#,
    ),
    // python3
    (
        r#"fstr2"#,
        r#"f"{}"
"#,
        r#"  File "prog.py", line 1
    f"{}"
         ^
SyntaxError: f-string: empty expression not allowed
"#,
    ),
    // python3
    (
        r#"glob"#,
        r#"def f():
    print(x)
    global x
"#,
        r#"  File "prog.py", line 3
    global x
    ^^^^^^^^
SyntaxError: name 'x' is used prior to global declaration
"#,
    ),
    // python3
    (
        r#"glob2"#,
        r#"def f():
    x = 1
    global x
"#,
        r#"  File "prog.py", line 3
    global x
    ^^^^^^^^
SyntaxError: name 'x' is assigned to before global declaration
"#,
    ),
    // python3
    (
        r#"globparam"#,
        r#"def f(x):
    global x
"#,
        r#"  File "prog.py", line 2
    global x
    ^^^^^^^^
SyntaxError: name 'x' is parameter and global
"#,
    ),
    // python3
    (
        r#"indent"#,
        r#"x = 1
    y = 2
"#,
        r#"  File "prog.py", line 2
    y = 2
IndentationError: unexpected indent
"#,
    ),
    // python3
    (
        r#"invalid"#,
        r#"x = 1 +
"#,
        r#"  File "prog.py", line 1
    x = 1 +
           ^
SyntaxError: invalid syntax
"#,
    ),
    // python3
    (
        r#"invalid2"#,
        r#"x y z
"#,
        r#"  File "prog.py", line 1
    x y z
      ^
SyntaxError: invalid syntax
"#,
    ),
    // python3
    (
        r#"kwrepeat"#,
        r#"f(a=1, a=2)
"#,
        r#"  File "prog.py", line 1
    f(a=1, a=2)
           ^^^
SyntaxError: keyword argument repeated: a
"#,
    ),
    // python3
    (
        r#"lit"#,
        r#"1 = x
"#,
        r#"  File "prog.py", line 1
    1 = x
    ^
SyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?
"#,
    ),
    // python3
    (
        r#"litaug"#,
        r#"1 += x
"#,
        r#"  File "prog.py", line 1
    1 += x
    ^
SyntaxError: 'literal' is an illegal expression for augmented assignment
"#,
    ),
    // python3
    (
        r#"mismatch"#,
        r#"x = (1]
"#,
        r#"  File "prog.py", line 1
    x = (1]
          ^
SyntaxError: closing parenthesis ']' does not match opening parenthesis '('
"#,
    ),
    // python3
    (
        r#"missingcomma"#,
        r#"print("a" "b" 1)
"#,
        r#"  File "prog.py", line 1
    print("a" "b" 1)
          ^^^^^^^^^
SyntaxError: invalid syntax. Perhaps you forgot a comma?
"#,
    ),
    // python3
    (
        r#"nondef"#,
        r#"def f(a=1, b): pass
"#,
        r#"  File "prog.py", line 1
    def f(a=1, b): pass
               ^
SyntaxError: non-default argument follows default argument
"#,
    ),
    // python3
    (
        r#"nonl"#,
        r#"nonlocal x
"#,
        r#"  File "prog.py", line 1
    nonlocal x
    ^^^^^^^^^^
SyntaxError: nonlocal declaration not allowed at module level
"#,
    ),
    // python3
    (
        r#"nonl2"#,
        r#"def f():
    nonlocal x
"#,
        r#"  File "prog.py", line 2
    nonlocal x
    ^^^^^^^^^^
SyntaxError: no binding for nonlocal 'x' found
"#,
    ),
    // python3
    (
        r#"nonlglob"#,
        r#"def f():
    x=1
    def g():
        global x
        nonlocal x
"#,
        r#"  File "prog.py", line 4
    global x
    ^^^^^^^^
SyntaxError: name 'x' is nonlocal and global
"#,
    ),
    // python3
    (
        r#"nonlparam"#,
        r#"def f(x):
    def g():
        pass
    nonlocal x
"#,
        r#"  File "prog.py", line 4
    nonlocal x
    ^^^^^^^^^^
SyntaxError: name 'x' is parameter and nonlocal
"#,
    ),
    // basil
    (
        r#"nsup_async"#,
        r#"async def f():
    pass
"#,
        r#"  File "prog.py", line 1
    async def f():
    ^^^^^^^^^^^^^^
SyntaxError: 'async' functions are not supported by basil
"#,
    ),
    // basil
    (
        r#"nsup_bytes"#,
        r#"x = b"abc"
"#,
        r#"  File "prog.py", line 1
    x = b"abc"
        ^^^^^^
SyntaxError: bytes literals are not supported by basil
"#,
    ),
    // basil
    (
        r#"nsup_callstar"#,
        r#"f(*args)
"#,
        r#"  File "prog.py", line 1
    f(*args)
      ^^^^^
SyntaxError: '*' argument unpacking in calls is not supported by basil
"#,
    ),
    // basil
    (
        r#"nsup_dotted"#,
        r#"import os.path
"#,
        r#"  File "prog.py", line 1
    import os.path
           ^^^^^^^
SyntaxError: 'import os.path' is not supported by basil
"#,
    ),
    // basil
    (
        r#"nsup_fromstar"#,
        r#"from math import *
"#,
        r#"  File "prog.py", line 1
    from math import *
    ^^^^^^^^^^^^^^^^^^
SyntaxError: 'from math import *' is not supported by basil
"#,
    ),
    // basil
    (
        r#"nsup_genexp"#,
        r#"x = sum(i for i in range(3))
"#,
        r#"  File "prog.py", line 1
    x = sum(i for i in range(3))
            ^^^^^^^^^^^^^^^^^^^
SyntaxError: generator expressions are not supported by basil
"#,
    ),
    // basil
    (
        r#"nsup_match"#,
        r#"match x:
    case 1:
        pass
"#,
        r#"  File "prog.py", line 1
    match x:
    ^^^^^^^^
SyntaxError: 'match' statements are not supported by basil
"#,
    ),
    // basil
    (
        r#"nsup_multi"#,
        r#"class C(A, B):
    pass
"#,
        r#"  File "prog.py", line 1
    class C(A, B):
           ^^^^^^
SyntaxError: multiple inheritance is not supported by basil
"#,
    ),
    // basil
    (
        r#"nsup_set"#,
        r#"x = {1, 2}
"#,
        r#"  File "prog.py", line 1
    x = {1, 2}
        ^^^^^^
SyntaxError: set displays are not supported by basil
"#,
    ),
    // basil
    (
        r#"nsup_star"#,
        r#"a, *b = [1, 2, 3]
"#,
        r#"  File "prog.py", line 1
    a, *b = [1, 2, 3]
       ^^
SyntaxError: starred assignment targets are not supported by basil
"#,
    ),
    // basil
    (
        r#"nsup_with"#,
        r#"with open("f") as f:
    pass
"#,
        r#"  File "prog.py", line 1
    with open("f") as f:
    ^^^^^^^^^^^^^^^^^^^^
SyntaxError: 'with' statements are not supported by basil
"#,
    ),
    // basil
    (
        r#"nsup_yield"#,
        r#"def g():
    yield 1
"#,
        r#"  File "prog.py", line 2
    yield 1
    ^^^^^^^
SyntaxError: 'yield' expressions are not supported by basil
"#,
    ),
    // python3
    (
        r#"paren"#,
        r#"x = (1,
y=2
"#,
        r#"  File "prog.py", line 1
    x = (1,
        ^
SyntaxError: '(' was never closed
"#,
    ),
    // python3
    (
        r#"posafterkw"#,
        r#"f(a=1, 2)
"#,
        r#"  File "prog.py", line 1
    f(a=1, 2)
            ^
SyntaxError: positional argument follows keyword argument
"#,
    ),
    // python3
    (
        r#"printstmt"#,
        r#"print "hello"
"#,
        r#"  File "prog.py", line 1
    print "hello"
    ^^^^^^^^^^^^^
SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?
"#,
    ),
    // python3
    (
        r#"ret"#,
        r#"return 5
"#,
        r#"  File "prog.py", line 1
    return 5
    ^^^^^^^^
SyntaxError: 'return' outside function
"#,
    ),
    // python3
    (
        r#"retclass"#,
        r#"class A:
    return 1
"#,
        r#"  File "prog.py", line 2
    return 1
    ^^^^^^^^
SyntaxError: 'return' outside function
"#,
    ),
    // python3
    (
        r#"retlambda"#,
        r#"x = [1,
  2]
def f():
    nonlocal y
"#,
        r#"  File "prog.py", line 4
    nonlocal y
    ^^^^^^^^^^
SyntaxError: no binding for nonlocal 'y' found
"#,
    ),
    // python3
    (
        r#"returnclass"#,
        r#"class A:
    return 1
"#,
        r#"  File "prog.py", line 2
    return 1
    ^^^^^^^^
SyntaxError: 'return' outside function
"#,
    ),
    // python3
    (
        r#"starassign"#,
        r#"*a = 1
"#,
        r#"  File "prog.py", line 1
    *a = 1
    ^^
SyntaxError: starred assignment target must be in a list or tuple
"#,
    ),
    // python3
    (
        r#"tab"#,
        r#"if x:
	pass
        pass
"#,
        r#"  File "prog.py", line 3
    pass
TabError: inconsistent use of tabs and spaces in indentation
"#,
    ),
    // python3
    (
        r#"unindent"#,
        r#"if x:
    a=1
  b=2
"#,
        r#"  File "prog.py", line 3
    b=2
       ^
IndentationError: unindent does not match any outer indentation level
"#,
    ),
    // python3
    (
        r#"unterm"#,
        r#"x = "abc
y=1
"#,
        r#"  File "prog.py", line 1
    x = "abc
        ^
SyntaxError: unterminated string literal (detected at line 1)
"#,
    ),
    // python3
    (
        r#"unterm3"#,
        r#"x = """abc
y=1
"#,
        r#"  File "prog.py", line 1
    x = """abc
        ^
SyntaxError: unterminated triple-quoted string literal (detected at line 2)
"#,
    ),
    // python3
    (
        r#"walrus"#,
        r#"(x.y := 1)
"#,
        r#"  File "prog.py", line 1
    (x.y := 1)
     ^^^
SyntaxError: cannot use assignment expressions with attribute
"#,
    ),
    // python3
    (
        r#"yieldout"#,
        r#"yield 1
"#,
        r#"  File "prog.py", line 1
    yield 1
    ^^^^^^^
SyntaxError: 'yield' outside function
"#,
    ),
    // python3
    (
        r#"assign2"#,
        r#"a = 1 = 2
"#,
        r#"  File "prog.py", line 1
    a = 1 = 2
        ^
SyntaxError: cannot assign to literal
"#,
    ),
    // python3
    (
        r#"bare"#,
        r#"def f(*, **k): pass
"#,
        r#"  File "prog.py", line 1
    def f(*, **k): pass
          ^
SyntaxError: named arguments must follow bare *
"#,
    ),
    // python3
    (
        r#"callkw"#,
        r#"f(a.b=1)
"#,
        r#"  File "prog.py", line 1
    f(a.b=1)
      ^^^^
SyntaxError: expression cannot contain assignment, perhaps you meant "=="?
"#,
    ),
    // python3
    (
        r#"colon2"#,
        r#"def f()
    pass
"#,
        r#"  File "prog.py", line 1
    def f()
           ^
SyntaxError: expected ':'
"#,
    ),
    // python3
    (
        r#"colon3"#,
        r#"class A
    pass
"#,
        r#"  File "prog.py", line 1
    class A
           ^
SyntaxError: expected ':'
"#,
    ),
    // python3
    (
        r#"colon4"#,
        r#"for x in y
    pass
"#,
        r#"  File "prog.py", line 1
    for x in y
              ^
SyntaxError: expected ':'
"#,
    ),
    // python3
    (
        r#"colon5"#,
        r#"while x
    pass
"#,
        r#"  File "prog.py", line 1
    while x
           ^
SyntaxError: expected ':'
"#,
    ),
    // python3
    (
        r#"colon6"#,
        r#"try
    pass
except:
    pass
"#,
        r#"  File "prog.py", line 1
    try
       ^
SyntaxError: expected ':'
"#,
    ),
    // python3
    (
        r#"colon7"#,
        r#"if x:
    pass
else
    pass
"#,
        r#"  File "prog.py", line 3
    else
        ^
SyntaxError: expected ':'
"#,
    ),
    // python3
    (
        r#"comma1"#,
        r#"x = [1 2]
"#,
        r#"  File "prog.py", line 1
    x = [1 2]
         ^^^
SyntaxError: invalid syntax. Perhaps you forgot a comma?
"#,
    ),
    // python3
    (
        r#"comma2"#,
        r#"print(a b + c, d)
"#,
        r#"  File "prog.py", line 1
    print(a b + c, d)
          ^^^^^^^
SyntaxError: invalid syntax. Perhaps you forgot a comma?
"#,
    ),
    // python3
    (
        r#"comma3"#,
        r#"foo(x, y z)
"#,
        r#"  File "prog.py", line 1
    foo(x, y z)
           ^^^
SyntaxError: invalid syntax. Perhaps you forgot a comma?
"#,
    ),
    // python3
    (
        r#"comma4"#,
        r#"d = {1: 2 3: 4}
"#,
        r#"  File "prog.py", line 1
    d = {1: 2 3: 4}
            ^^^
SyntaxError: invalid syntax. Perhaps you forgot a comma?
"#,
    ),
    // python3
    (
        r#"dedent"#,
        r#"def f():
        x = 1
    y = 2
"#,
        r#"  File "prog.py", line 3
    y = 2
         ^
IndentationError: unindent does not match any outer indentation level
"#,
    ),
    // python3
    (
        r#"defaultstar"#,
        r#"def f(*a=1): pass
"#,
        r#"  File "prog.py", line 1
    def f(*a=1): pass
            ^
SyntaxError: var-positional argument cannot have default value
"#,
    ),
    // python3
    (
        r#"dictnocolon"#,
        r#"d = {1: 2, 3}
"#,
        r#"  File "prog.py", line 1
    d = {1: 2, 3}
               ^
SyntaxError: ':' expected after dictionary key
"#,
    ),
    // python3
    (
        r#"elseif"#,
        r#"if x:
    pass
else if y:
    pass
"#,
        r#"  File "prog.py", line 3
    else if y:
         ^^
SyntaxError: expected ':'
"#,
    ),
    // python3
    (
        r#"emptycall"#,
        r#"f(,)
"#,
        r#"  File "prog.py", line 1
    f(,)
      ^
SyntaxError: invalid syntax
"#,
    ),
    // python3
    (
        r#"expr_kw"#,
        r#"f(1=2)
"#,
        r#"  File "prog.py", line 1
    f(1=2)
      ^^
SyntaxError: expression cannot contain assignment, perhaps you meant "=="?
"#,
    ),
    // python3
    (
        r#"genexp"#,
        r#"f(x for x in y, 1)
"#,
        r#"  File "prog.py", line 1
    f(x for x in y, 1)
      ^^^^^^^^^^^^
SyntaxError: Generator expression must be parenthesized
"#,
    ),
    // python3
    (
        r#"invalidchar"#,
        r#"x = 1 ? 2
"#,
        r#"  File "prog.py", line 1
    x = 1 ? 2
          ^
SyntaxError: invalid syntax
"#,
    ),
    // python3
    (
        r#"kwdefault"#,
        r#"def f(**k=1): pass
"#,
        r#"  File "prog.py", line 1
    def f(**k=1): pass
             ^
SyntaxError: var-keyword argument cannot have default value
"#,
    ),
    // python3
    (
        r#"lambdastmt"#,
        r#"x = lambda: return 1
"#,
        r#"  File "prog.py", line 1
    x = lambda: return 1
                ^^^^^^
SyntaxError: invalid syntax
"#,
    ),
    // python3
    (
        r#"octal"#,
        r#"x = 0777
"#,
        r#"  File "prog.py", line 1
    x = 0777
        ^
SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers
"#,
    ),
    // python3
    (
        r#"retfunc"#,
        r#"def f():
    x = 1
return x
"#,
        r#"  File "prog.py", line 3
    return x
    ^^^^^^^^
SyntaxError: 'return' outside function
"#,
    ),
    // python3
    (
        r#"semicolon"#,
        r#"x = 1;; y = 2
"#,
        r#"  File "prog.py", line 1
    x = 1;; y = 2
          ^
SyntaxError: invalid syntax
"#,
    ),
    // python3
    (
        r#"trailingop"#,
        r#"x = 1 +
y = 2
"#,
        r#"  File "prog.py", line 1
    x = 1 +
           ^
SyntaxError: invalid syntax
"#,
    ),
    // python3
    (
        r#"unclosedstr2"#,
        r#"x = 'abc
"#,
        r#"  File "prog.py", line 1
    x = 'abc
        ^
SyntaxError: unterminated string literal (detected at line 1)
"#,
    ),
    // python3
    (
        r#"unpackorder"#,
        r#"f(**k, *a)
"#,
        r#"  File "prog.py", line 1
    f(**k, *a)
           ^
SyntaxError: iterable argument unpacking follows keyword argument unpacking
"#,
    ),
    // python3
    (
        r#"crlf"#,
        r#"x = 1
if x
    pass
"#,
        r#"  File "prog.py", line 2
    if x
        ^
SyntaxError: expected ':'
"#,
    ),
    // python3
    (
        r#"dedentfunc"#,
        r#"def f():
    return 1
  x = 2
"#,
        r#"  File "prog.py", line 3
    x = 2
         ^
IndentationError: unindent does not match any outer indentation level
"#,
    ),
    // python3
    (
        r#"deeper"#,
        r#"if x:
    if y:
        pass
      z = 1
"#,
        r#"  File "prog.py", line 4
    z = 1
         ^
IndentationError: unindent does not match any outer indentation level
"#,
    ),
    // python3
    (
        r#"eofblock"#,
        r#"if x:
"#,
        r#"  File "prog.py", line 1
    if x:
IndentationError: expected an indented block after 'if' statement on line 1
"#,
    ),
    // python3
    (
        r#"eofblock2"#,
        r#"def f():
"#,
        r#"  File "prog.py", line 1
    def f():
IndentationError: expected an indented block after function definition on line 1
"#,
    ),
    // python3
    (
        r#"eofblock3"#,
        r#"def f():
    # comment
"#,
        r#"  File "prog.py", line 2
    # comment
IndentationError: expected an indented block after function definition on line 1
"#,
    ),
    // python3
    (
        r#"eofcall"#,
        r#"print(1,
"#,
        r#"  File "prog.py", line 1
    print(1,
         ^
SyntaxError: '(' was never closed
"#,
    ),
    // python3
    (
        r#"eofexpr"#,
        r#"x = 
"#,
        r#"  File "prog.py", line 1
    x = 
        ^
SyntaxError: invalid syntax
"#,
    ),
    // python3
    (
        r#"eofnonl"#,
        r#"x = (1"#,
        r#"  File "prog.py", line 1
    x = (1
        ^
SyntaxError: '(' was never closed
"#,
    ),
    // python3
    (
        r#"eofstr"#,
        r#"x = """
"#,
        r#"  File "prog.py", line 1
    x = """
        ^
SyntaxError: unterminated triple-quoted string literal (detected at line 1)
"#,
    ),
];

#[test]
fn error_messages_match_cpython() {
    let mut bad = Vec::new();
    for (name, src, expected) in ERROR_CASES {
        let got = err(src);
        if got != *expected {
            bad.push(format!("{name}:\n--- expected\n{expected}--- got\n{got}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn error_fields() {
    let mut names = Interner::default();
    let e = compile_module("x = 1\nif x\n    pass\n", "p.py", "__main__", &mut names).unwrap_err();
    assert_eq!(
        (e.kind, e.msg.as_str(), e.line, e.col),
        ("SyntaxError", "expected ':'", 2, 5)
    );
    assert_eq!(e.text, "if x");
}

use crate::bytecode::{BinOp, CmpOp, Const, Handler};
use Instr::*;

#[test]
fn try_finally_with_return() {
    let (m, _) = compile("def f(x):\n    try:\n        return x\n    finally:\n        g()\n");
    let c = code(&m, "f");
    assert_eq!(
        c.code,
        vec![
            LoadFast(0),
            LoadGlobal(0),
            Call(0),
            Pop,
            Return,
            PushExcInfo,
            LoadGlobal(0),
            Call(0),
            Pop,
            Rot2,
            PopExcept,
            Reraise,
            LoadConst(0),
            Return
        ]
    );
    assert_eq!(
        c.handlers,
        vec![
            Handler {
                start: 0,
                end: 1,
                target: 5,
                depth: 0
            },
            Handler {
                start: 6,
                end: 9,
                target: 9,
                depth: 1
            }
        ]
    );
    assert_eq!(c.max_stack, 3); // [prev, exc, g] on the exception path
    assert_eq!(c.lines, vec![3, 5, 5, 5, 3, 2, 5, 5, 5, 2, 2, 2, 5, 5]);
}

#[test]
fn return_inside_except_and_for_unwinds() {
    let (m, _) = compile(
        "def f(xs):\n    for x in xs:\n        try:\n            g()\n        except E as e:\n            return x\n",
    );
    let c = code(&m, "f");
    let text: Vec<Instr> = c.code.clone();
    // return x: [it, prev, x] -> Rot2; PopExcept; e = None; del e; Rot2; Pop; Return
    let i = text.iter().position(|i| *i == Return).unwrap();
    assert_eq!(
        &text[i - 8..=i],
        &[
            LoadFast(1),
            Rot2,
            PopExcept,
            LoadConst(0),
            StoreFast(2),
            DeleteFast(2),
            Rot2,
            Pop,
            Return
        ]
    );
    // The unwinding code is covered by no handler of the try.
    for h in &c.handlers {
        assert!(
            !(h.start as usize..h.end as usize).contains(&(i - 7)),
            "{h:?}"
        );
    }
}

#[test]
fn break_continue_through_finally() {
    let (m, _) = compile(
        "def f(xs):\n    for x in xs:\n        try:\n            if x: break\n            continue\n        finally:\n            g()\n",
    );
    let c = code(&m, "f");
    // Each exit runs an inlined copy of the finally body: break, continue and
    // the exception path (the normal path is dead after `continue`).
    let calls = c.code.iter().filter(|i| **i == Call(0)).count();
    assert_eq!(calls, 3);
    assert!(stack_depths(c).is_ok());
}

#[test]
fn chained_comparison() {
    let (m, _) = compile("def f(a, b, c):\n    return a < b <= c\n");
    let c = code(&m, "f");
    assert_eq!(
        c.code,
        vec![
            LoadFast(0),
            LoadFast(1),
            Dup,
            Rot3,
            Compare(CmpOp::Lt),
            JumpIfFalseOrPop(9),
            LoadFast(2),
            Compare(CmpOp::Le),
            Jump(11),
            Rot2,
            Pop,
            Return
        ]
    );
}

#[test]
fn augmented_subscript_and_attribute() {
    let (m, names) = compile("def f(a, k, o):\n    a[k] += 1\n    o.x *= 2\n");
    let c = code(&m, "f");
    let x = names.lookup("x").unwrap();
    assert_eq!(
        &c.code[..14],
        &[
            LoadFast(0),
            LoadFast(1),
            Dup2,
            Subscr,
            LoadConst(0),
            Inplace(BinOp::Add),
            Rot3,
            StoreSubscr,
            LoadFast(2),
            Dup,
            LoadAttr(x),
            LoadConst(1),
            Inplace(BinOp::Mul),
            Rot2,
        ]
    );
}

#[test]
fn closures_and_cells() {
    let (m, _) = compile(
        "def outer(p):\n    n = 0\n    def inner():\n        nonlocal n\n        n += p\n        return n\n    return inner\n",
    );
    let o = code(&m, "outer");
    assert_eq!(o.varnames, vec!["p", "n", "inner"]);
    assert_eq!(o.cell_slots, vec![0, 1]);
    assert!(o
        .code
        .windows(3)
        .any(|w| matches!(w, [LoadClosure(_), LoadClosure(_), BuildTuple(2)])));
    assert!(o
        .code
        .iter()
        .any(|i| matches!(i, MakeFunction { flags: 4, .. })));
    let i = code(&m, "outer.<locals>.inner");
    assert_eq!(i.free_slots.len(), 2);
    assert!(
        i.code.contains(&StoreDeref(i.free_slots[0]))
            || i.code.contains(&StoreDeref(i.free_slots[1]))
    );
    // A method's self captured by a comprehension stays in slot 0 (a cell).
    let (m, _) = compile("class C:\n    def m(self):\n        return [self for _ in range(2)]\n");
    let meth = code(&m, "C.m");
    assert_eq!(meth.varnames[0], "self");
    assert_eq!(meth.cell_slots, vec![0]);
}

fn g_name(m: &Module, names: &Interner, n: &str) -> u32 {
    m.globals.iter().position(|s| names.name(*s) == n).unwrap() as u32
}

#[test]
fn comprehension_scoping() {
    let (m, names) = compile("class C:\n    y = 2\n    z = [y * i for i in range(y)]\n");
    let comp = code(&m, "C.<listcomp>");
    assert_eq!(comp.argcount, 1);
    assert_eq!(comp.varnames, vec![".0", "i"]);
    // `y` inside the comprehension skips the class scope: a global.
    let g = comp
        .code
        .iter()
        .find_map(|i| {
            if let LoadGlobal(g) = i {
                Some(*g)
            } else {
                None
            }
        })
        .unwrap();
    assert_eq!(names.name(m.globals[g as usize]), "y");
    assert_eq!(comp.code[0], BuildList(0));
    assert!(comp.code.contains(&ListAppend(2)));
    // The outermost iterable is evaluated in the class body, with LoadName.
    let class = code(&m, "C");
    // CPython's class prologue: __module__ = __name__; __qualname__ = 'C'.
    let g = |n: &str| g_name(&m, &names, n);
    assert_eq!(
        &class.code[..4],
        &[
            LoadName(g("__name__")),
            StoreName(g("__module__")),
            LoadConst(0),
            StoreName(g("__qualname__"))
        ]
    );
    assert_eq!(class.consts[0], Const::Str("C".into()));
    assert!(class
        .code
        .windows(4)
        .any(|w| matches!(w, [LoadName(_), Call(1), GetIter, Call(1)])));
    let (m, _) = compile("d = {k: v for k in 'ab' for v in 'cd' if v}\n");
    let dc = code(&m, "<dictcomp>");
    assert!(dc.code.contains(&MapAdd(3)));
}

#[test]
fn constants_and_defaults() {
    let (m, _) =
        compile("def f(a, b=-1, *r, c, d=(1, 'x'), **k):\n    return 10**30\nt = (1, 2.5, None)\n");
    let f = code(&m, "f");
    assert_eq!(
        (f.argcount, f.kwonlyargcount, f.varargs, f.varkw),
        (2, 2, Some(4), Some(5))
    );
    assert_eq!(f.varnames, vec!["a", "b", "c", "d", "r", "k"]);
    let top = &m.codes[0];
    assert!(top.consts.contains(&Const::Tuple(vec![Const::Int(-1)])));
    assert!(top.consts.contains(&Const::Tuple(vec![
        Const::Int(1),
        Const::Float(2.5),
        Const::None
    ])));
    assert!(top
        .code
        .iter()
        .any(|i| matches!(i, MakeFunction { flags: 3, .. })));
    let (m, _) = compile("x = 123456789012345678901234567890\ny = 0x_FF\n");
    assert!(matches!(&m.codes[0].consts[0], Const::BigInt(_)));
    assert!(m.codes[0].consts.contains(&Const::Int(255)));
}

#[test]
fn fstrings_and_calls() {
    let (m, _) = compile("def f(o, x, w):\n    return f'a{x!r:>{w}}b{x=}' + o.m(1, k=2)\n");
    let c = code(&m, "f");
    assert!(c.code.contains(&FormatValue {
        conv: 2,
        has_spec: true
    }));
    assert!(c.code.contains(&FormatValue {
        conv: 2,
        has_spec: false
    }));
    assert!(c
        .code
        .iter()
        .any(|i| matches!(i, CallMethodKw { argc: 1, .. })));
    assert!(c.code.contains(&BuildString(4)));
}

#[test]
fn qualnames_and_first_lines() {
    let (m, _) =
        compile("@dec\ndef f():\n    g = lambda: 1\n    class K:\n        def m(self): pass\n");
    assert_eq!(code(&m, "f").first_line, 1);
    assert!(m
        .codes
        .iter()
        .any(|c| c.qualname == "f.<locals>.<lambda>" && c.name == "<lambda>"));
    assert!(m.codes.iter().any(|c| c.qualname == "f.<locals>.K.m"));
}

#[test]
fn no_panic_on_odd_inputs() {
    for src in [
        "",
        "\n",
        "(",
        "\"\"\"",
        "def",
        "x = [i for i in]",
        "lambda: (yield)",
        "f(**{})",
        "if 1:\n\tpass\n  pass",
        "a[1:2:3] = b[::]",
        "del a, b[0], c.d",
        "nonlocal x",
        "global x\nx = 1",
        "@",
        "\u{feff}x = 1",
    ] {
        let _ = compile_module(src, "p.py", "__main__", &mut Interner::default());
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    // CPython 3.11: "SyntaxError: too many nested parentheses" (tokenizer limit 200).
    let src = format!("x = {}1{}\n", "(".repeat(300), ")".repeat(300));
    let e = compile_module(&src, "p.py", "__main__", &mut Interner::default()).unwrap_err();
    assert_eq!(e.msg, "too many nested parentheses");
    let src = format!("x = {}1\n", "-".repeat(3000));
    let _ = compile_module(&src, "p.py", "__main__", &mut Interner::default());
}

/// Truncating corpus programs at every line (and every 7th byte of the first
/// lines) never panics the compiler, and whatever compiles passes `stack_depths`.
#[test]
fn truncated_programs_never_panic() {
    let root = programs_root();
    let mut files = Vec::new();
    for d in std::fs::read_dir(&root).into_iter().flatten().flatten() {
        for f in std::fs::read_dir(d.path()).into_iter().flatten().flatten() {
            if f.path().extension().is_some_and(|x| x == "py") {
                files.push(f.path());
            }
        }
    }
    files.sort();
    for f in files.iter().take(80) {
        let Ok(src) = std::fs::read_to_string(f) else {
            continue;
        };
        let mut cuts: Vec<usize> = src.match_indices('\n').map(|(i, _)| i + 1).collect();
        cuts.extend(
            (0..src.len().min(400))
                .step_by(7)
                .filter(|i| src.is_char_boundary(*i)),
        );
        for cut in cuts {
            let part = &src[..cut];
            let mut names = Interner::default();
            if let Ok(m) = compile_module(part, "p.py", "__main__", &mut names) {
                for c in &m.codes {
                    assert!(stack_depths(c).is_ok(), "{}: cut {cut}", f.display());
                }
            }
        }
    }
}

#[test]
fn decorator_lines() {
    // python3 3.11: the decorator calls get the decorators' lines, the
    // function is made and stored on the `def` line.
    let (m, _) = compile("@ok\n@bad\ndef g():\n    pass\n");
    let top = &m.codes[0];
    let pairs: Vec<(Instr, u32)> = top
        .code
        .iter()
        .copied()
        .zip(top.lines.iter().copied())
        .collect();
    assert_eq!(
        &pairs[..6],
        &[
            (LoadGlobal(0), 1),
            (LoadGlobal(1), 2),
            (MakeFunction { code: 1, flags: 0 }, 3),
            (Call(1), 2),
            (Call(1), 1),
            (StoreGlobal(2), 3)
        ]
    );
    assert_eq!(code(&m, "g").first_line, 1);
}

/// Random token-level mutations of corpus programs never panic the compiler.
#[test]
fn mutated_programs_never_panic() {
    let root = programs_root();
    let mut files = Vec::new();
    for d in std::fs::read_dir(&root).into_iter().flatten().flatten() {
        for f in std::fs::read_dir(d.path()).into_iter().flatten().flatten() {
            if f.path().extension().is_some_and(|x| x == "py") {
                files.push(f.path());
            }
        }
    }
    files.sort();
    let pieces = [
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        ":",
        "\n",
        "\n    ",
        "=",
        "==",
        ",",
        "*",
        "**",
        "lambda",
        "yield",
        "return",
        "break",
        "continue",
        "try:",
        "except",
        "finally:",
        "def",
        "class",
        "global x",
        "nonlocal x",
        "'",
        "\"",
        "f'{",
        "}",
        "\\",
        "#",
        ":=",
        "for",
        "in",
        "if",
        "else",
        "not",
        "del",
        "1",
        "x",
        ".",
        "@",
        "async",
        "await",
        "with",
        "import",
        "from",
        "as",
        "\t",
        "é",
        "0x",
        "1e",
    ];
    let mut seed: u64 = 0x1234_5678_9abc_def1;
    let mut rnd = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n.max(1) as u64) as usize
    };
    for _ in 0..5000 {
        let Some(f) = files.get(rnd(files.len())) else {
            return;
        };
        let Ok(src) = std::fs::read_to_string(f) else {
            continue;
        };
        let mut s = src.clone();
        for _ in 0..1 + rnd(3) {
            let mut at = rnd(s.len() + 1);
            while !s.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + rnd(4)).min(s.len());
            while !s.is_char_boundary(end) {
                end -= 1;
            }
            s.replace_range(at..end, pieces[rnd(pieces.len())]);
        }
        let mut names = Interner::default();
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            compile_module(&s, "p.py", "__main__", &mut names).map(|m| {
                for c in &m.codes {
                    assert!(stack_depths(c).is_ok());
                }
            })
        }));
        assert!(r.is_ok(), "panic on mutated program:\n{s}");
    }
}
