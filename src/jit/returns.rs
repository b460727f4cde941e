//! Return-type dispatch after direct calls (interprocedural versioning,
//! after Chevalier-Boisvert & Feeley, "Interprocedural Type Specialization
//! of JavaScript Programs Without Type Analysis", the Higgs JIT).
//!
//! A version's `Return` knows the type of the value it returns (its
//! context); it leaves the type's code, times 8 (the offset of its table
//! entry), in `Vm::jit_ret_type` beside the value (0, Unknown, when a
//! callee finished in the interpreter). The
//! caller's version ends at the call with an indirect jump through its
//! site's table, one entry per type: each starts at the site's stub, which
//! compiles the continuation for a result of that type and fills the
//! entry. The code after a call thus knows the result's type without a
//! test: `fib(n - 1) + fib(n - 2)` adds two ints it knows are ints.
//!
//! The continuation also keeps what the caller knew of `self`'s shape
//! before the call when that shape is final (no transition, widening or
//! deletion leads out of it: `Shapes::is_final`), so no callee can have
//! changed it. The assumption is watched: when a way out of the shape is
//! made, `drop_shape_assumptions` points the site's table back at its stub,
//! whose continuations then forget the shape. The table is data, so no
//! code needs patching, and a callee running when it happens returns
//! through the reset table.

use super::context::{Context, Type};
use super::Jit;
use crate::runtime::value::Value;
use crate::runtime::vm::Vm;

/// Entries of a site's table: every `Type` code fits (`Type::ALL`).
pub const RET_TYPES: usize = 16;

/// `Vm::jit_ret`, addressed from the VM register.
pub fn ret_mem() -> basil_asm::Mem {
    basil_asm::Mem::new(super::codegen::VM, std::mem::offset_of!(Vm, jit_ret) as i32)
}

/// `Vm::jit_ret_type`, addressed from the VM register.
pub fn ret_type_mem() -> basil_asm::Mem {
    basil_asm::Mem::new(
        super::codegen::VM,
        std::mem::offset_of!(Vm, jit_ret_type) as i32,
    )
}

/// One call site's continuation table.
pub struct RetSite {
    code: u32,
    /// The continuation: the op after the call.
    pc: u32,
    /// Its context with the result (temp `temp`) unknown.
    ctx: Context,
    temp: usize,
    /// Where to continue for each type code (boxed: code reads it).
    table: Box<[u64; RET_TYPES]>,
    /// The site's stub (every entry's first target).
    stub: u64,
}

impl Jit {
    /// A new continuation table for the call whose result is temp `temp`
    /// of `ctx` at `(code, pc)`; returns its address. `shapes` are the
    /// shapes locals had before the call: those that are final are kept in
    /// the continuation's context (and watched).
    pub(super) fn new_ret_site(
        &mut self,
        code: u32,
        pc: u32,
        mut ctx: Context,
        temp: usize,
        shapes: &[(u32, u32)],
    ) -> Result<u64, basil_asm::AsmError> {
        let id = self.core.ret_sites.len();
        for &(l, s) in shapes {
            if !self.shapes.is_final(s) {
                continue;
            }
            ctx.set_local_shape(l, Some(s));
            self.shapes.watch(s);
            let sites = self.core.shape_watchers.entry(s).or_default();
            if sites.last() != Some(&id) {
                sites.push(id);
            }
        }
        let stub = self.place_stub(ret_stub_hit as *const () as u64, id)?;
        let table = Box::new([stub; RET_TYPES]);
        let addr = table.as_ptr() as u64;
        self.core.ret_sites.push(RetSite {
            code,
            pc,
            ctx,
            temp,
            table,
            stub,
        });
        Ok(addr)
    }

    /// Final shapes that stopped being final: the continuation sites that
    /// kept them go back to their stubs and forget them.
    pub fn drop_shape_assumptions(&mut self, shapes: &[u32]) {
        for s in shapes {
            for id in self.core.shape_watchers.remove(s).unwrap_or_default() {
                let site = &mut self.core.ret_sites[id];
                let kept: Vec<u32> = site
                    .ctx
                    .local_shape_entries()
                    .filter(|&(_, t)| t == *s)
                    .map(|(l, _)| l)
                    .collect();
                for l in kept {
                    site.ctx.set_local_shape(l, None);
                }
                site.table.fill(site.stub);
                self.stats.shape_assumptions_dropped += 1;
            }
        }
    }

    /// A site's stub was reached with a result of type code `t`: the
    /// continuation for that type, compiled if new, now in the table.
    fn on_ret_stub_hit(&mut self, vm: &Vm, fp: *mut Value, id: usize, t: u64) -> u64 {
        self.stats.stubs_hit += 1;
        let Some(site) = self.core.ret_sites.get(id) else {
            return 0;
        };
        let (code, pc) = (site.code, site.pc);
        let mut ctx = site.ctx;
        let ty = Type::ALL.get(t as usize).copied().unwrap_or(Type::Unknown);
        ctx.set_temp(site.temp, ty);
        match self.version_for(vm, code, pc, ctx, Some(fp)) {
            Some(v) => {
                let addr = self.core.blocks[v].start;
                self.core.ret_sites[id].table[t as usize % RET_TYPES] = addr;
                addr
            }
            None => self.fallback_exit(pc),
        }
    }
}

/// A continuation stub: compiles the continuation for the type the callee
/// returned and says where to jump.
extern "C" fn ret_stub_hit(vm: *mut Vm, fp: *mut Value, id: u64) -> u64 {
    super::compile_at_stub(vm, |jit, vm| {
        let t = vm.jit_ret_type / 8;
        jit.on_ret_stub_hit(vm, fp, id as usize, t)
    })
}
