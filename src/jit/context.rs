//! Type contexts: what the JIT knows about the types of a frame's values at
//! a block's entry. A `Context` packs a 4-bit `Type` for each of the first
//! `MAX_LOCALS` locals and the first `MAX_TEMPS` temps (counted from the
//! bottom of the temp stack) into two `u64`s; anything beyond is Unknown.
//! Block versions are keyed by context, so it must be small, `Copy`, hashable
//! and comparable (model: YJIT `core.rs` `Context`/`Type::diff`).

/// Locals whose types are tracked.
pub const MAX_LOCALS: usize = 20;
/// Temps whose types are tracked.
pub const MAX_TEMPS: usize = 12;
const SLOTS: usize = MAX_LOCALS + MAX_TEMPS;

pub use crate::runtime::vtype::Type;

impl Type {
    fn from_bits(b: u64) -> Type {
        Type::ALL.get(b as usize).copied().unwrap_or(Type::Unknown)
    }

    /// How well code specialised for `self` fits a value known to be `other`:
    /// `Some(0)` identical, `Some(n)` usable with a loss of precision `n`,
    /// `None` incompatible (the code assumes something `other` does not
    /// guarantee).
    pub fn diff(self, other: Type) -> Option<u32> {
        if self == other {
            Some(0)
        } else if self == Type::Unknown || (self == Type::Heap && other.is_heap()) {
            Some(1)
        } else {
            None
        }
    }
}

/// How many times a type guard at a version's first instruction may fail
/// into a new version (each peeking at the new type) before the generic
/// code for that instruction serves (YJIT's chain guards).
pub const MAX_CHAIN: u8 = 1;

/// The chain depth of versions that neither guard nor switch on their
/// first op (the fallback version, and where a shape switch sends what it
/// has no version for): below it, a shape switch may serve the first op.
pub const NO_SWITCH: u8 = MAX_CHAIN + 1;

/// How many locals' shapes a context can know.
pub const SHAPED_LOCALS: usize = 3;

/// The types of the tracked locals and temps, 4 bits each, the guard
/// chain depth of the version's first instruction, and the shapes of a few
/// instances: those in up to `SHAPED_LOCALS` locals (`self` among them)
/// and in one temp.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct Context {
    bits: [u64; 2],
    chain: u8,
    /// The temp whose shape `temp_shape` is.
    shape_temp: u8,
    /// Temps (bit `i`: temp `i`) that are unchanged copies of local 0:
    /// set only for versions a shape switch starts, so that `self.x`
    /// pushed before the switch is still known to be `self` after it.
    self_copies: u16,
    /// Locals whose shapes are known, in increasing order...
    shape_locals: [u8; SHAPED_LOCALS],
    /// ... and their shapes plus one (0: the entry is unused; unused
    /// entries come last). One shape guard on a local then serves every
    /// access to its attributes after it.
    local_shapes: [u32; SHAPED_LOCALS],
    /// The shape of the instance in temp `shape_temp` plus one, or 0: what
    /// a shape switch (`codegen::access`) found for the object of the op
    /// that starts the version.
    temp_shape: u32,
}

impl Context {
    /// The generic context: everything Unknown.
    pub const GENERIC: Context = Context {
        bits: [0, 0],
        chain: 0,
        shape_temp: 0,
        self_copies: 0,
        shape_locals: [0; SHAPED_LOCALS],
        local_shapes: [0; SHAPED_LOCALS],
        temp_shape: 0,
    };

    /// The context of the version that serves a block at its version cap:
    /// everything Unknown and no guard chain left, so its code peeks at
    /// nothing and serves every caller.
    pub const FALLBACK: Context = Context {
        bits: [0, 0],
        chain: NO_SWITCH,
        shape_temp: 0,
        self_copies: 0,
        shape_locals: [0; SHAPED_LOCALS],
        local_shapes: [0; SHAPED_LOCALS],
        temp_shape: 0,
    };

    fn get(&self, idx: usize) -> Type {
        let (w, s) = (idx / 16, (idx % 16) * 4);
        Type::from_bits((self.bits[w] >> s) & 0xf)
    }

    fn set(&mut self, idx: usize, t: Type) {
        let (w, s) = (idx / 16, (idx % 16) * 4);
        self.bits[w] = (self.bits[w] & !(0xf << s)) | ((t as u64) << s);
    }

    /// The known type of local `slot`.
    pub fn local(&self, slot: usize) -> Type {
        if slot < MAX_LOCALS {
            self.get(slot)
        } else {
            Type::Unknown
        }
    }

    /// Records the type of local `slot` (no-op for untracked slots).
    pub fn set_local(&mut self, slot: usize, t: Type) {
        if slot < MAX_LOCALS {
            self.set(slot, t);
        }
    }

    /// The known type of temp `idx` (0 = bottom of the temp stack).
    pub fn temp(&self, idx: usize) -> Type {
        if idx < MAX_TEMPS {
            self.get(MAX_LOCALS + idx)
        } else {
            Type::Unknown
        }
    }

    /// Records the type of temp `idx` (a new value: its shape, if one was
    /// known, is forgotten).
    pub fn set_temp(&mut self, idx: usize, t: Type) {
        if idx < MAX_TEMPS {
            self.set(MAX_LOCALS + idx, t);
        }
        if self.shape_temp as usize == idx {
            self.forget_temp_shape();
        }
        if idx < 16 {
            self.self_copies &= !(1 << idx);
        }
    }

    /// The temps that are unchanged copies of local 0 (bit per temp).
    pub fn self_copies(&self) -> u16 {
        self.self_copies
    }

    /// Records which temps are unchanged copies of local 0.
    pub fn set_self_copies(&mut self, mask: u16) {
        self.self_copies = mask;
    }

    /// Forgets the temp's shape (both fields: equal contexts compare equal).
    fn forget_temp_shape(&mut self) {
        self.shape_temp = 0;
        self.temp_shape = 0;
    }

    /// Forgets the types of temps at index `from` and above (after a pop,
    /// so that a later push starts from Unknown).
    pub fn clear_temps_from(&mut self, from: usize) {
        for i in from..MAX_TEMPS {
            self.set_temp(i, Type::Unknown);
        }
    }

    /// Forgets every local's type (after code that may rebind locals).
    pub fn clear_locals(&mut self) {
        for i in 0..MAX_LOCALS {
            self.set_local(i, Type::Unknown);
        }
        self.local_shapes = [0; SHAPED_LOCALS];
        self.shape_locals = [0; SHAPED_LOCALS];
        self.self_copies = 0;
    }

    /// Forgets every instance's shape (code that may change shapes ran).
    pub fn forget_shapes(&mut self) {
        self.local_shapes = [0; SHAPED_LOCALS];
        self.shape_locals = [0; SHAPED_LOCALS];
        self.forget_temp_shape();
    }

    /// Whether some local's shape is known.
    pub fn has_local_shapes(&self) -> bool {
        self.local_shapes[0] != 0
    }

    /// The known shape of the instance in local `l`.
    pub fn local_shape(&self, l: u32) -> Option<u32> {
        (0..SHAPED_LOCALS)
            .find(|&k| self.local_shapes[k] != 0 && self.shape_locals[k] as u32 == l)
            .map(|k| self.local_shapes[k] - 1)
    }

    /// The locals whose shapes are known, with their shapes.
    pub fn local_shape_entries(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        (0..SHAPED_LOCALS)
            .filter(|&k| self.local_shapes[k] != 0)
            .map(|k| (self.shape_locals[k] as u32, self.local_shapes[k] - 1))
    }

    /// Records (or forgets, with None) the shape of the instance in local
    /// `l` (untracked past local 255). With every entry in use, the
    /// highest-numbered other local's is forgotten (`self`, local 0, is
    /// kept longest).
    pub fn set_local_shape(&mut self, l: u32, shape: Option<u32>) {
        // The other entries, then this one, in a fixed buffer (contexts are
        // made on every op: no allocation).
        let mut entries = [(0u32, 0u32); SHAPED_LOCALS + 1];
        let mut n = 0;
        for e in self.local_shape_entries().filter(|&(m, _)| m != l) {
            entries[n] = e;
            n += 1;
        }
        if let Some(s) = shape.filter(|_| l < 256) {
            entries[n] = (l, s);
            n += 1;
            entries[..n].sort_unstable();
            if n > SHAPED_LOCALS {
                let drop = entries[..n]
                    .iter()
                    .rposition(|&(m, _)| m != l)
                    .unwrap_or(n - 1);
                entries.copy_within(drop + 1..n, drop);
                n -= 1;
            }
        }
        self.local_shapes = [0; SHAPED_LOCALS];
        self.shape_locals = [0; SHAPED_LOCALS];
        for (k, &(m, s)) in entries[..n].iter().enumerate() {
            self.shape_locals[k] = m as u8;
            self.local_shapes[k] = s + 1;
        }
    }

    /// The known shape of the instance in temp `idx` (not counting what
    /// is known of `self`, which the temp may be a copy of).
    pub fn temp_shape(&self, idx: usize) -> Option<u32> {
        if self.shape_temp as usize == idx {
            self.temp_shape.checked_sub(1)
        } else {
            None
        }
    }

    /// Whether the shape of some temp is known.
    pub fn has_temp_shape(&self) -> bool {
        self.temp_shape != 0
    }

    /// Records the shape of the instance in temp `idx` (replacing what was
    /// known of another temp's).
    pub fn set_temp_shape(&mut self, idx: usize, shape: u32) {
        if idx < MAX_TEMPS {
            self.shape_temp = idx as u8;
            self.temp_shape = shape + 1;
        }
    }

    /// The guard chain depth.
    pub fn chain(&self) -> u8 {
        self.chain
    }

    /// The same context one guard failure further down the chain.
    pub fn chained(&self) -> Context {
        Context {
            chain: self.chain.saturating_add(1),
            ..*self
        }
    }

    /// The same context for a version whose first op must neither guard
    /// nor switch.
    pub fn exhausted(&self) -> Context {
        Context {
            chain: NO_SWITCH,
            ..*self
        }
    }

    /// The same context with the chain depth reset (after the first op).
    pub fn unchained(&self) -> Context {
        Context { chain: 0, ..*self }
    }

    /// The known shape of the instance in local 0.
    pub fn self_shape(&self) -> Option<u32> {
        self.local_shape(0)
    }

    /// Records (or forgets, with None) the shape of the instance in local 0.
    pub fn set_self_shape(&mut self, shape: Option<u32>) {
        self.set_local_shape(0, shape);
    }

    /// How well a block version compiled for `self` serves a caller whose
    /// context is `other`: `None` if it cannot, else a distance (0 = exact).
    /// Guard chains must match (a chained version exists because the
    /// unchained one's guard failed); the fallback version serves everyone.
    pub fn diff(&self, other: &Context) -> Option<u32> {
        if self.chain != other.chain && *self != Context::FALLBACK {
            return None;
        }
        let temp_diff = match (self.temp_shape, other.temp_shape) {
            (0, 0) => 0,
            (0, _) => 1,
            (a, b) if a == b && self.shape_temp == other.shape_temp => 0,
            _ => return None,
        };
        // Code that knows a temp is `self` serves only callers that do.
        if self.self_copies & !other.self_copies != 0 {
            return None;
        }
        let copies_diff = (other.self_copies & !self.self_copies).count_ones();
        // Every local shape this version assumes, the caller must know.
        let mut shapes_diff = 0;
        for (l, s) in self.local_shape_entries() {
            if other.local_shape(l) != Some(s) {
                return None;
            }
        }
        for (l, _) in other.local_shape_entries() {
            if self.local_shape(l).is_none() {
                shapes_diff += 1;
            }
        }
        let mut total = shapes_diff + temp_diff + copies_diff;
        for i in 0..SLOTS {
            total += self.get(i).diff(other.get(i))?;
        }
        Some(total)
    }

    /// True if every tracked type is Unknown (and no guard chain is open).
    /// This context without the types of the locals not in `live` (bit
    /// `i`: local `i`; locals past 63 are kept): what the code from here on
    /// can use.
    pub fn only_live(mut self, live: u64) -> Context {
        for i in 0..MAX_LOCALS.min(64) {
            if live & (1 << i) == 0 {
                self.set_local(i, Type::Unknown);
            }
        }
        for k in (0..SHAPED_LOCALS).rev() {
            let l = self.shape_locals[k] as u32;
            if self.local_shapes[k] != 0 && l < 64 && live & (1 << l) == 0 {
                self.set_local_shape(l, None);
            }
        }
        self
    }

    pub fn is_generic(&self) -> bool {
        *self == Context::GENERIC
    }

    /// The packed encoding (for reports and hashing).
    pub fn bits(&self) -> [u64; 2] {
        self.bits
    }

    /// Rebuilds a context from its packed encoding.
    pub fn from_bits(bits: [u64; 2]) -> Context {
        let mut c = Context::GENERIC;
        for i in 0..SLOTS {
            let (w, s) = (i / 16, (i % 16) * 4);
            c.set(i, Type::from_bits((bits[w] >> s) & 0xf));
        }
        debug_assert_eq!(c.bits, bits, "context encoding round trip");
        c
    }

    /// Readable form: `[l0:int, l1:float | t0:list]` (Unknown entries omitted).
    pub fn describe(&self) -> String {
        let locals: Vec<String> = (0..MAX_LOCALS)
            .filter(|&i| self.local(i) != Type::Unknown)
            .map(|i| format!("l{i}:{}", self.local(i).name()))
            .collect();
        let temps: Vec<String> = (0..MAX_TEMPS)
            .filter(|&i| self.temp(i) != Type::Unknown)
            .map(|i| format!("t{i}:{}", self.temp(i).name()))
            .collect();
        let chain = if self.chain > 0 {
            format!(" #{}", self.chain)
        } else {
            String::new()
        };
        let mut shape = String::new();
        for (l, s) in self.local_shape_entries() {
            if l == 0 {
                shape += &format!(" self@shape{s}");
            } else {
                shape += &format!(" l{l}@shape{s}");
            }
        }
        if let Some(s) = self.temp_shape(self.shape_temp as usize) {
            shape += &format!(" t{}@shape{s}", self.shape_temp);
        }
        for i in 0..16 {
            if self.self_copies & (1 << i) != 0 {
                shape += &format!(" t{i}=self");
            }
        }
        format!(
            "[{} | {}]{chain}{shape}",
            locals.join(", "),
            temps.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_small() {
        // 32 four-bit types, the chain depth, which temps are `self`, and
        // four shapes (three locals', one temp's): 40 bytes.
        assert!(std::mem::size_of::<Context>() <= 40);
        assert_eq!(std::mem::size_of::<Type>(), 1);
        assert!(Type::ALL.iter().all(|&t| (t as u8) < 16));
    }

    #[test]
    fn set_and_get_round_trip() {
        let mut c = Context::GENERIC;
        c.set_local(0, Type::Int);
        c.set_local(15, Type::Float);
        c.set_local(19, Type::Bool);
        c.set_local(MAX_LOCALS, Type::Str); // untracked: ignored
        c.set_temp(0, Type::List);
        c.set_temp(MAX_TEMPS - 1, Type::Dict);
        assert_eq!(c.local(0), Type::Int);
        assert_eq!(c.local(15), Type::Float);
        assert_eq!(c.local(19), Type::Bool);
        assert_eq!(c.local(MAX_LOCALS), Type::Unknown);
        assert_eq!(c.temp(0), Type::List);
        assert_eq!(c.temp(MAX_TEMPS - 1), Type::Dict);
        assert_eq!(Context::from_bits(c.bits()), c);
        c.clear_temps_from(1);
        assert_eq!(c.temp(MAX_TEMPS - 1), Type::Unknown);
        assert_eq!(c.temp(0), Type::List);
        assert_eq!(c.describe(), "[l0:int, l15:float, l19:bool | t0:list]");
    }

    #[test]
    fn diff_accepts_only_generalisations() {
        let mut int_ctx = Context::GENERIC;
        int_ctx.set_local(0, Type::Int);
        let mut float_ctx = Context::GENERIC;
        float_ctx.set_local(0, Type::Float);
        // A generic version serves anyone.
        assert_eq!(Context::GENERIC.diff(&int_ctx), Some(1));
        assert_eq!(Context::GENERIC.diff(&Context::GENERIC), Some(0));
        // A specialised version serves only callers that know as much.
        assert_eq!(int_ctx.diff(&int_ctx), Some(0));
        assert_eq!(int_ctx.diff(&Context::GENERIC), None);
        assert_eq!(int_ctx.diff(&float_ctx), None);
        // Heap generalises the heap kinds only.
        assert_eq!(Type::Heap.diff(Type::List), Some(1));
        assert_eq!(Type::Heap.diff(Type::Int), None);
        // A chained version serves only the same chain depth; generic serves all.
        assert_eq!(int_ctx.chained().diff(&int_ctx), None);
        assert_eq!(int_ctx.chained().diff(&int_ctx.chained()), Some(0));
        assert_eq!(Context::GENERIC.diff(&int_ctx.chained()), None);
        assert_eq!(Context::FALLBACK.diff(&int_ctx.chained()), Some(1));
        assert_eq!(Context::FALLBACK.diff(&int_ctx), Some(1));
        // A version that assumes self's shape serves only that shape.
        let mut shaped = int_ctx;
        shaped.set_self_shape(Some(7));
        assert_eq!(shaped.diff(&int_ctx), None);
        assert_eq!(int_ctx.diff(&shaped), Some(1));
        assert_eq!(shaped.diff(&shaped), Some(0));
        assert_eq!(shaped.self_shape(), Some(7));
        // So does one that knows a temp's shape; a new value there forgets it.
        let mut temp = Context::GENERIC;
        temp.set_temp(2, Type::Object);
        temp.set_temp_shape(2, 9);
        assert_eq!(temp.temp_shape(2), Some(9));
        assert_eq!(temp.temp_shape(1), None);
        let mut plain = temp;
        plain.set_temp(2, Type::Object);
        assert_eq!(plain.temp_shape(2), None);
        assert_eq!(temp.diff(&plain), None);
        assert_eq!(plain.diff(&temp), Some(1));
        let mut other = temp;
        other.set_temp_shape(2, 10);
        assert_eq!(temp.diff(&other), None);
        assert!(
            temp.describe().ends_with(" t2@shape9"),
            "{}",
            temp.describe()
        );
        temp.forget_shapes();
        assert_eq!(temp.temp_shape(2), None);
        // Shapes of other locals: kept sorted, `self` kept longest.
        let mut locals = Context::GENERIC;
        locals.set_local_shape(5, Some(50));
        locals.set_local_shape(2, Some(20));
        locals.set_self_shape(Some(1));
        assert_eq!(
            locals.local_shape_entries().collect::<Vec<_>>(),
            vec![(0, 1), (2, 20), (5, 50)]
        );
        let mut swapped = Context::GENERIC;
        swapped.set_self_shape(Some(1));
        swapped.set_local_shape(5, Some(50));
        swapped.set_local_shape(2, Some(20));
        assert_eq!(locals, swapped);
        locals.set_local_shape(3, Some(30));
        assert_eq!(locals.local_shape(5), None);
        assert_eq!(locals.local_shape(3), Some(30));
        assert_eq!(locals.self_shape(), Some(1));
        assert!(locals
            .describe()
            .ends_with(" self@shape1 l2@shape20 l3@shape30"));
        assert_eq!(locals.diff(&swapped), None);
        locals.set_local_shape(3, None);
        assert_eq!(swapped.diff(&locals), None);
        assert_eq!(locals.diff(&swapped), Some(1));
        assert_eq!(locals.only_live(0b1).local_shape(2), None);
        // Knowing a temp is a copy of `self`: served only to callers who know.
        let mut copy = Context::GENERIC;
        copy.set_self_copies(0b10);
        assert_eq!(copy.diff(&Context::GENERIC), None);
        assert_eq!(Context::GENERIC.diff(&copy), Some(1));
        assert_eq!(copy.diff(&copy), Some(0));
        assert!(copy.describe().ends_with(" t1=self"));
        copy.set_temp(1, Type::Int);
        assert_eq!(copy.self_copies(), 0);
    }
}
