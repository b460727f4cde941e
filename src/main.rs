//! The `basil` command.

fn main() {
    std::process::exit(basil::cli::main());
}
