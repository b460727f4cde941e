//! Binding a call's arguments to a Python function's parameters at compile
//! time (direct calls) or at a dynamic call's first sight of a callee: for
//! a call shape (so many positional arguments, then these keyword names),
//! where each parameter's value comes from. The function's identity is
//! guarded (or cached), so its defaults are constants. Shapes that need
//! more (`*args`, `**kwargs`, cells, an error to raise) get no plan: the
//! generic call path binds them, and raises as CPython does.

use crate::bytecode::CodeObject;
use crate::intern::Interner;
use crate::runtime::object::FunctionObj;
use crate::runtime::value::Value;

/// Where one parameter's value comes from.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// The call's `i`-th value (positional ones first, then the keyword
    /// values in the order of their names).
    Arg(usize),
    /// A default of the function.
    Default(Value),
}

/// The sources of the parameters of `fo` (code `code`), positional then
/// keyword-only, for a call with `npos` positional arguments and keyword
/// arguments named `kw`; None when the call cannot be bound this way.
pub fn plan(
    code: &CodeObject,
    fo: &FunctionObj,
    names: &Interner,
    npos: usize,
    kw: &[&str],
) -> Option<Vec<Source>> {
    let nargs = code.argcount as usize;
    let nparams = nargs + code.kwonlyargcount as usize;
    if npos > nargs
        || code.varargs.is_some()
        || code.varkw.is_some()
        || !code.cell_slots.is_empty()
        || !code.free_slots.is_empty()
    {
        return None;
    }
    let mut slots: Vec<Option<Source>> = (0..nparams)
        .map(|i| (i < npos).then_some(Source::Arg(i)))
        .collect();
    for (j, name) in kw.iter().enumerate() {
        let p = code.varnames[..nparams].iter().position(|v| v == name)?;
        if slots[p].is_some() {
            return None;
        }
        slots[p] = Some(Source::Arg(npos + j));
    }
    let first_default = nargs.checked_sub(fo.defaults.len())?;
    for (p, slot) in slots.iter_mut().enumerate() {
        if slot.is_some() {
            continue;
        }
        *slot = if p < nargs {
            (p >= first_default).then(|| Source::Default(fo.defaults[p - first_default]))
        } else {
            fo.kwdefaults
                .iter()
                .find(|(s, _)| names.name(*s) == code.varnames[p])
                .map(|&(_, v)| Source::Default(v))
        };
        slot.as_ref()?;
    }
    slots.into_iter().collect()
}
