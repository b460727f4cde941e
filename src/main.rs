//! The `basil` command.

/// mimalloc: the VM allocates many small objects; glibc's malloc was a
/// quarter of the run time of object-heavy benchmarks.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(basil::cli::main());
}
