//! The runtime: values, heap objects and the GC, and the semantics of every
//! operation (arithmetic, comparison, attributes, calls, iteration,
//! conversion to text), shared by the interpreter and the JIT's helpers.

pub mod arith;
pub mod attr;
pub mod builtins;
pub mod call;
pub mod classes;
pub mod compare;
pub mod container;
pub mod convert;
pub mod dict;
pub mod exc;
pub mod hash;
pub mod heap;
pub mod iter;
pub mod loader;
pub mod numfmt;
pub mod object;
pub mod shapes;
pub mod stack;
pub mod value;
pub mod vm;
pub mod vtype;

pub use value::Value;
pub use vm::Vm;

/// Marker that a Python exception is propagating; the exception itself is
/// in `Vm::exc` (a GC root), so unwinding Rust frames cannot lose it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Raised;

/// The result of anything that can raise.
pub type PyResult<T> = Result<T, Raised>;
