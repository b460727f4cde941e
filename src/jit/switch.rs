//! Shape switches: versioning on an instance's shape where the interpreter
//! saw several (a polymorphic attribute or method site).
//!
//! A guard on one shape would fail for most receivers there, and an inline
//! cache tests the shape again at every use. A switch instead ends the
//! version at the op with one test: the instance's shape looked up in the
//! site's small hash table (each entry the shape and where to go), then an
//! indirect jump. The hash is a multiplication by the site's own factor,
//! which the site changes when two of its shapes collide, so the shapes it
//! has met each keep an entry. Each entry leads to a
//! version of the op whose context knows the shape, compiled when that
//! shape is first met (the site's stub, `switch_miss`). The op then needs no
//! test; when the instance is `self` every `self.attr` after it needs none,
//! and a method called on it is entered in the version for its shape.
//!
//! A value that is no instance, or a shape met when the op already has
//! `--lbbv-max-versions` versions for shapes, goes on in a version of the op that neither
//! guards nor switches (`Context::exhausted`: it uses the inline cache), so
//! dispatch always ends.

use super::context::{Context, Type};
use super::Jit;
use crate::runtime::value::Value;
use crate::runtime::vm::Vm;

/// Entries of a site's table.
pub const ENTRIES: usize = 16;
/// An entry's index is the top bits of `shape * factor`.
pub const INDEX_SHIFT: u32 = 60;
const _: () = assert!(1 << (64 - INDEX_SHIFT) == ENTRIES);

/// An entry's key when it is empty: no shape id (a `u32`) equals it.
pub const EMPTY: u64 = u64::MAX;

/// A site's table as generated code reads it.
#[repr(C)]
pub struct Table {
    /// The hash factor (odd).
    pub factor: u64,
    /// `(shape, address)` pairs.
    pub entries: [[u64; 2]; ENTRIES],
}

/// Byte offset of the entries in a `Table`.
pub const ENTRIES_OFFSET: i32 = std::mem::offset_of!(Table, entries) as i32;

impl Table {
    fn index(factor: u64, shape: u64) -> usize {
        (shape.wrapping_mul(factor) >> INDEX_SHIFT) as usize
    }

    /// Enters `shape`: where it collides with another shape, the factor
    /// changes to one that gives every shape in the table its own entry
    /// (if some factor tried does; else the other shape's entry goes).
    fn insert(&mut self, shape: u64, addr: u64) {
        let i = Table::index(self.factor, shape);
        let key = self.entries[i][0];
        if key != EMPTY && key != shape {
            let mut all: Vec<[u64; 2]> = self
                .entries
                .iter()
                .copied()
                .filter(|e| e[0] != EMPTY)
                .collect();
            all.push([shape, addr]);
            let fits = |f: u64| {
                let mut used = [false; ENTRIES];
                all.iter()
                    .all(|e| !std::mem::replace(&mut used[Table::index(f, e[0])], true))
            };
            // Odd multiples of the golden ratio, the first that fits.
            let found = (1..256u64)
                .map(|k| 0x9E37_79B9_7F4A_7C15u64.wrapping_mul(2 * k - 1) | 1)
                .find(|&f| fits(f));
            if let Some(f) = found {
                self.factor = f;
                self.entries = [[EMPTY, 0]; ENTRIES];
                for e in all {
                    self.entries[Table::index(f, e[0])] = e;
                }
                return;
            }
        }
        self.entries[i] = [shape, addr];
    }
}

/// One switch site.
pub struct SwitchSite {
    code: u32,
    /// The op dispatched on.
    pc: u32,
    /// The context before the switch (unchained).
    ctx: Context,
    /// The temp holding the instance.
    temp: usize,
    /// The local the temp is an unchanged copy of, if any (it is an
    /// instance too); when it is local 0 its shape is `self`'s.
    local: Option<u32>,
    /// Boxed: generated code reads it.
    table: Box<Table>,
    /// The shapes this site gave versions of their own.
    shapes: Vec<u32>,
}

impl Jit {
    /// A new switch site for the instance in temp `temp` of `ctx` at
    /// `(code, pc)`: returns the addresses of its table and of its miss
    /// stub.
    pub(super) fn new_switch_site(
        &mut self,
        code: u32,
        pc: u32,
        ctx: Context,
        temp: usize,
        local: Option<u32>,
    ) -> Result<(u64, u64), basil_asm::AsmError> {
        let id = self.core.switch_sites.len();
        let stub = self.place_stub(switch_miss as *const () as u64, id)?;
        let table = Box::new(Table {
            factor: 0x9E37_79B9_7F4A_7C15,
            entries: [[EMPTY, 0]; ENTRIES],
        });
        let addr = &*table as *const Table as u64;
        self.core.switch_sites.push(SwitchSite {
            code,
            pc,
            ctx,
            temp,
            local,
            table,
            shapes: Vec::new(),
        });
        Ok((addr, stub))
    }

    /// Site `id` met a value its table has no entry for: where it goes on
    /// (compiled if new), entered in the table when it is an instance.
    fn on_switch_miss(&mut self, vm: &Vm, fp: *mut Value, id: usize) -> u64 {
        self.stats.stubs_hit += 1;
        let Some(site) = self.core.switch_sites.get(id) else {
            return 0;
        };
        let (code, pc, temp, local, site_ctx) =
            (site.code, site.pc, site.temp, site.local, site.ctx);
        let nlocals = vm.codes[code as usize].code.nlocals() as usize;
        // SAFETY: `fp` is the live frame stopped at the switch, whose temps
        // below the op's depth are initialised values.
        let obj = unsafe { *fp.add(nlocals + temp) };
        let shape = obj.as_instance().map(|i| i.shape.get());
        // A shape gets a version of its own while the op's budget lasts
        // (`--lbbv-max-versions` shapes, whichever switches made them).
        let shaped = self.core.versions.get(&(code, pc)).map_or(0, |list| {
            list.iter()
                .filter(|&&v| self.core.blocks[v].ctx.has_temp_shape())
                .count()
        });
        let own = |s: &u32| shaped < self.opts.max_versions || site.shapes.contains(s);
        let mut v = None;
        if let Some(s) = shape.filter(own) {
            let mut ctx = site_ctx;
            ctx.set_temp(temp, Type::Object);
            ctx.set_temp_shape(temp, s);
            if let Some(l) = local {
                ctx.set_local(l as usize, Type::Object);
                ctx.set_local_shape(l, Some(s));
            }
            // At the version cap the best version may not know the shape:
            // it could be one that switches here again.
            v = self
                .version_for(vm, code, pc, ctx, Some(fp))
                .filter(|&v| self.core.blocks[v].ctx.temp_shape(temp) == Some(s));
        }
        let Some(v) = v.or_else(|| self.version_for(vm, code, pc, site_ctx.exhausted(), Some(fp)))
        else {
            return self.fallback_exit(pc);
        };
        let addr = self.core.blocks[v].start;
        if let Some(s) = shape {
            let site = &mut self.core.switch_sites[id];
            if self.core.blocks[v].ctx.temp_shape(temp) == Some(s) && !site.shapes.contains(&s) {
                site.shapes.push(s);
            }
            site.table.insert(s as u64, addr);
        }
        addr
    }
}

/// A switch site's stub: where the value in its temp goes on.
extern "C" fn switch_miss(vm: *mut Vm, fp: *mut Value, id: u64) -> u64 {
    super::compile_at_stub(vm, |jit, vm| jit.on_switch_miss(vm, fp, id as usize))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colliding_shapes_get_entries_of_their_own() {
        let mut t = Table {
            factor: 1,
            entries: [[EMPTY, 0]; ENTRIES],
        };
        // With factor 1 every small shape lands in entry 0.
        for s in 0..6u64 {
            t.insert(s, 100 + s);
        }
        for s in 0..6u64 {
            let e = t.entries[Table::index(t.factor, s)];
            assert_eq!(e, [s, 100 + s], "shape {s}");
        }
        assert_eq!(t.factor & 1, 1);
        // Entering a shape again keeps the others.
        t.insert(3, 7);
        assert_eq!(t.entries[Table::index(t.factor, 3)], [3, 7]);
        assert_eq!(t.entries.iter().filter(|e| e[0] != EMPTY).count(), 6);
    }
}
