//! The command line: `basil [options] FILE.py [args...]`, `-c CODE`, `-`.
//! Exit statuses follow CPython: 0, 1 on an uncaught exception or a syntax
//! error, 2 on bad usage or an unreadable file, or what `sys.exit` asked for.

use crate::runtime::value::Value;
use crate::runtime::vm::Vm;
use clap::Parser;
use std::io::Read;

/// Native stack reserved for the VM thread; Python recursion is bounded well
/// inside it (see `Vm::native_stack_ok`).
pub const VM_STACK_BYTES: usize = 1 << 30;

#[derive(Parser, Debug)]
#[command(
    name = "basil",
    version,
    about = "Run a Python 3.11-subset program (interpreter; a lazy basic-block versioning JIT is in progress)",
    override_usage = "basil [OPTIONS] FILE.py [ARGS]...\n       basil [OPTIONS] -c CODE [ARGS]...\n       basil [OPTIONS] - [ARGS]...   (program read from stdin)"
)]
pub struct Args {
    /// Program passed in as a string (terminates the option list)
    #[arg(short = 'c', value_name = "CODE", allow_hyphen_values = true)]
    pub command: Option<String>,

    /// Print the bytecode of every code object, basic blocks marked, and exit
    #[arg(long)]
    pub dump_bytecode: bool,

    /// Enable the lazy basic-block versioning JIT
    #[arg(long)]
    pub lbbv: bool,

    /// Block entries before a block is compiled (0 compiles everything at first sight)
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub lbbv_threshold: u32,

    /// Versions per block before a generic version serves (1: generic versions only)
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..))]
    pub lbbv_max_versions: u32,

    /// Code memory for the JIT in MiB; when it is full the program goes on in the interpreter
    #[arg(long, value_name = "MIB", default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..=128))]
    pub lbbv_exec_mem: u32,

    /// With --lbbv: print JIT statistics at exit on stderr (`--stats=json` for JSON)
    #[arg(long, value_name = "FORMAT", num_args = 0..=1, require_equals = true, default_missing_value = "text", value_parser = ["text", "json"])]
    pub stats: Option<String>,

    /// With --lbbv: write the statistics as JSON to PATH (schema: docs/STATS.md)
    #[arg(long, value_name = "PATH")]
    pub stats_file: Option<String>,

    /// With --lbbv: write the graph of compiled block versions (Graphviz DOT) to PATH
    #[arg(long, value_name = "PATH")]
    pub stats_graph: Option<String>,

    /// With --lbbv: print the machine code of every compiled block version as it is compiled
    #[arg(long)]
    pub dump_disasm: bool,

    /// With --lbbv: write /tmp/perf-PID.map so that Linux `perf` names JIT code
    #[arg(long)]
    pub perf_map: bool,

    /// The program file (`-` reads it from stdin), then its arguments (sys.argv[1:])
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "FILE.py [ARGS]"
    )]
    pub rest: Vec<String>,
}

/// Where the program text came from.
struct Program {
    source: String,
    filename: String,
    argv: Vec<String>,
}

fn read_program(args: &Args) -> Result<Program, i32> {
    if let Some(code) = &args.command {
        let mut argv = vec!["-c".to_string()];
        argv.extend(args.rest.iter().cloned());
        return Ok(Program {
            source: code.clone(),
            filename: "<string>".into(),
            argv,
        });
    }
    let Some(first) = args.rest.first() else {
        eprintln!("basil: no program given (try `basil FILE.py` or `basil --help`)");
        return Err(2);
    };
    if first == "-" {
        let mut source = String::new();
        if std::io::stdin().read_to_string(&mut source).is_err() {
            eprintln!("basil: cannot read the program from stdin");
            return Err(2);
        }
        return Ok(Program {
            source,
            filename: "<stdin>".into(),
            argv: args.rest.clone(),
        });
    }
    match std::fs::read(first) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(source) => Ok(Program {
                source,
                filename: first.clone(),
                argv: args.rest.clone(),
            }),
            Err(_) => {
                eprintln!(
                    "SyntaxError: Non-UTF-8 code in file {first}; basil reads UTF-8 source only"
                );
                Err(1)
            }
        },
        Err(e) => {
            let abs = std::path::absolute(first)
                .map(|p| p.display().to_string())
                .unwrap_or_else(|_| first.clone());
            let errno = e.raw_os_error().unwrap_or(2);
            let msg = match e.kind() {
                std::io::ErrorKind::NotFound => "No such file or directory".to_string(),
                std::io::ErrorKind::PermissionDenied => "Permission denied".to_string(),
                _ if errno == 21 => "Is a directory".to_string(),
                _ => e.to_string(),
            };
            eprintln!("basil: can't open file '{abs}': [Errno {errno}] {msg}");
            Err(2)
        }
    }
}

/// Runs the command line; returns the process exit status.
pub fn main() -> i32 {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    let program = match read_program(&args) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let handle = std::thread::Builder::new()
        .name("basil-vm".into())
        .stack_size(VM_STACK_BYTES)
        .spawn(move || run_program(program, &args));
    match handle.map(|h| h.join()) {
        Ok(Ok(code)) => code,
        _ => {
            eprintln!("basil: internal error: the VM thread failed");
            70
        }
    }
}

fn jit_options(args: &Args) -> crate::jit::JitOptions {
    crate::jit::JitOptions {
        threshold: args.lbbv_threshold,
        max_versions: args.lbbv_max_versions as usize,
        exec_mem_mib: args.lbbv_exec_mem as usize,
        exec_mem_bytes: 0,
        stats: args.stats.is_some() || args.stats_file.is_some() || args.stats_graph.is_some(),
        dump_disasm: args.dump_disasm,
        perf_map: args.perf_map,
    }
}

fn run_program(p: Program, args: &Args) -> i32 {
    let dump = args.dump_bytecode;
    let mut vm = Vm::new(p.argv.clone());
    vm.mark_native_stack_base();
    if args.lbbv {
        match crate::jit::Jit::new(jit_options(args)) {
            Ok(j) => vm.jit = Some(Box::new(j)),
            Err(e) => eprintln!("basil: --lbbv unavailable ({e}); running in the interpreter"),
        }
    } else if args.stats.is_some()
        || args.stats_file.is_some()
        || args.stats_graph.is_some()
        || args.dump_disasm
        || args.perf_map
    {
        eprintln!(
            "basil: --stats, --stats-file, --stats-graph, --dump-disasm and --perf-map need --lbbv"
        );
    }
    let module =
        match crate::compiler::compile_module(&p.source, &p.filename, "__main__", &mut vm.names) {
            Ok(m) => m,
            Err(e) => {
                eprint!("{}", e.render(&p.filename));
                return 1;
            }
        };
    if dump {
        print!("{}", crate::bytecode::dump_module(&module, &vm.names));
        return 0;
    }
    let idx = vm.load_module(module, p.source);
    let code = vm.modules[idx].code_base;
    let started = std::time::Instant::now();
    let result = vm.run_module_code(code, idx);
    let status = match result {
        Ok(_) => 0,
        Err(_) => {
            let e = vm.exc;
            handle_uncaught(&mut vm, e)
        }
    };
    vm.flush_out();
    if vm.jit.is_some() {
        let req = crate::jit::report::ExitRequest {
            stats: args.stats.as_deref(),
            stats_file: args.stats_file.as_deref(),
            stats_graph: args.stats_graph.as_deref(),
            perf_map: args.perf_map,
        };
        crate::jit::report::at_exit(&vm, &req, started.elapsed());
    }
    status
}

/// Prints an uncaught exception (or honours SystemExit) through
/// `Vm::write_err`; returns the status.
pub(crate) fn handle_uncaught(vm: &mut Vm, e: Value) -> i32 {
    vm.flush_out();
    if vm.isinstance(e, vm.cls.system_exit) {
        let args = vm.exc_state(e).map(|s| s.args).unwrap_or(Value::NONE);
        let code = args
            .as_tuple()
            .and_then(|t| t.items.first().copied())
            .unwrap_or(Value::NONE);
        if code.is_none() {
            return 0;
        }
        if let Some(i) = vm.to_i64(code) {
            return (i & 0xff) as i32;
        }
        let msg = vm.str(code).unwrap_or_default();
        vm.write_err(&format!("{msg}\n"));
        return 1;
    }
    let text = vm.format_traceback(e);
    vm.write_err(&text);
    1
}
