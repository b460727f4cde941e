//! Arbitrary bytes as a Python source file: the front end (parser and
//! bytecode compiler) must return a program or a clean `CompileError`,
//! never panic; a compiled program's code objects must pass the stack-depth
//! verifier.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let mut names = basil::intern::Interner::default();
    match basil::compiler::compile_module(source, "fuzz.py", "__main__", &mut names) {
        Ok(module) => {
            for code in &module.codes {
                assert!(
                    basil::bytecode::verify::stack_depths(code).is_ok(),
                    "compiled code fails the stack-depth check"
                );
            }
        }
        Err(e) => {
            let text = e.render("fuzz.py");
            assert!(text.contains("Error"), "an error message names its kind: {text}");
        }
    }
});
