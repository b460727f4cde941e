//! Typed shapes (hidden classes): the layout of an instance's attributes and
//! what is known of each attribute's type. Each class has a root shape;
//! adding an attribute follows (or creates) a transition keyed by the name
//! and the type of the first value stored, to a child shape with one more
//! slot. Storing a value of another type into a typed slot moves the
//! instance to the shape whose slot is generalised to `Unknown` (once per
//! slot: types only ever widen). Two instances with the same shape keep the
//! same attribute at the same slot with a value of the slot's type, and a
//! shape belongs to exactly one class, so a single shape guard tells JIT
//! code the class, where an attribute lives and what type it has (model:
//! Chevalier-Boisvert & Feeley, "Extending Basic Block Versioning with
//! Typed Object Shapes", the Higgs JIT).

use crate::intern::FxMap;
use crate::intern::Sym;
use crate::runtime::vtype::Type;

/// One layout: attribute names in slot order, and their types.
pub struct Shape {
    /// The class (its `Value` bits) owning it.
    pub class_bits: u64,
    pub names: Vec<Sym>,
    /// The type every instance of this shape has in each slot.
    pub types: Vec<Type>,
    index: FxMap<Sym, u32>,
    /// Adding an attribute: (name, type of its first value) → shape.
    transitions: FxMap<(Sym, Type), u32>,
    /// Generalising a slot to `Unknown`: slot → shape (`after_store`).
    widened: FxMap<u32, u32>,
    /// An instance left this shape by losing an attribute (`del`).
    deleted_from: bool,
}

/// The table of all shapes; a shape id indexes it. Shapes are canonical:
/// one id per (class, names, types).
#[derive(Default)]
pub struct Shapes {
    shapes: Vec<Shape>,
    by_layout: FxMap<(u64, Vec<Sym>, Vec<Type>), u32>,
    /// Every (class, attribute name) some shape of the class has.
    class_attrs: crate::intern::FxSet<(u64, Sym)>,
    /// How many shapes share each (class, names): more than one means the
    /// class's instances differ only in their attributes' types.
    variants: FxMap<(u64, Vec<Sym>), u32>,
    /// Final shapes some JIT code assumes final (see `watch`).
    watched: crate::intern::FxSet<u32>,
    /// Watched shapes that have since stopped being final.
    broken: Vec<u32>,
}

impl Shapes {
    /// A new root (empty) shape for a class.
    pub fn new_root(&mut self, class_bits: u64) -> u32 {
        self.intern(class_bits, Vec::new(), Vec::new())
    }

    /// The id of the shape with this layout, made if new.
    fn intern(&mut self, class_bits: u64, names: Vec<Sym>, types: Vec<Type>) -> u32 {
        let key = (class_bits, names, types);
        if let Some(&id) = self.by_layout.get(&key) {
            return id;
        }
        let (_, names, types) = key.clone();
        let index = names
            .iter()
            .enumerate()
            .map(|(i, &n)| (n, i as u32))
            .collect();
        self.shapes.push(Shape {
            class_bits,
            names,
            types,
            index,
            transitions: FxMap::default(),
            widened: FxMap::default(),
            deleted_from: false,
        });
        let id = (self.shapes.len() - 1) as u32;
        for &n in &key.1 {
            self.class_attrs.insert((class_bits, n));
        }
        *self
            .variants
            .entry((class_bits, key.1.clone()))
            .or_insert(0) += 1;
        self.by_layout.insert(key, id);
        id
    }

    /// Whether another shape has the same class and attribute names as
    /// `shape` (with other types).
    pub fn has_type_variants(&self, shape: u32) -> bool {
        let s = &self.shapes[shape as usize];
        // Compile time only: the key's clone is cheap enough here.
        let key = (s.class_bits, s.names.clone());
        self.variants.get(&key).is_some_and(|&n| n > 1)
    }

    /// Whether any instance of the class (its `Value` bits) ever had
    /// attribute `name`: if not, a method found on the class is not
    /// shadowed, whatever the instance's shape.
    pub fn class_has_attr(&self, class_bits: u64, name: Sym) -> bool {
        self.class_attrs.contains(&(class_bits, name))
    }

    /// The slot of `name` in `shape`.
    #[inline]
    pub fn lookup(&self, shape: u32, name: Sym) -> Option<u32> {
        self.shapes[shape as usize].index.get(&name).copied()
    }

    /// The type every instance of `shape` has in `slot`.
    #[inline]
    pub fn slot_type(&self, shape: u32, slot: u32) -> Type {
        self.shapes[shape as usize].types[slot as usize]
    }

    /// True when storing a value of type `t` into `slot` keeps `shape`.
    #[inline]
    pub fn store_keeps_shape(&self, shape: u32, slot: u32, t: Type) -> bool {
        let st = self.slot_type(shape, slot);
        st == Type::Unknown || st == t
    }

    /// The existing transition from `shape` by adding `name` with a first
    /// value of type `t` (not None: see `add`), if any.
    pub fn transition(&self, shape: u32, name: Sym, t: Type) -> Option<u32> {
        self.shapes[shape as usize]
            .transitions
            .get(&(name, t))
            .copied()
    }

    /// The shape after adding `name` with a first value of type `t`. A
    /// first value of None leaves the slot untyped: None is the usual
    /// placeholder for an object to come (`self.head = None`), and a slot
    /// typed None would widen at the first real value, moving every
    /// instance through one more shape.
    pub fn add(&mut self, shape: u32, name: Sym, t: Type) -> u32 {
        let t = if t == Type::None { Type::Unknown } else { t };
        if let Some(next) = self.transition(shape, name, t) {
            return next;
        }
        let parent = &self.shapes[shape as usize];
        let (class_bits, mut names, mut types) = (
            parent.class_bits,
            parent.names.clone(),
            parent.types.clone(),
        );
        names.push(name);
        types.push(t);
        let id = self.intern(class_bits, names, types);
        self.shapes[shape as usize]
            .transitions
            .insert((name, t), id);
        self.opened(shape);
        id
    }

    /// The shape after storing a value of type `t` into `slot`: `shape`
    /// itself when the slot's type allows it, else the shape whose slot is
    /// generalised to `Unknown`.
    pub fn after_store(&mut self, shape: u32, slot: u32, t: Type) -> u32 {
        if self.store_keeps_shape(shape, slot, t) {
            return shape;
        }
        let s = &self.shapes[shape as usize];
        if let Some(&next) = s.widened.get(&slot) {
            return next;
        }
        let (class_bits, names, mut types) = (s.class_bits, s.names.clone(), s.types.clone());
        types[slot as usize] = Type::Unknown;
        let next = self.intern(class_bits, names, types);
        self.shapes[shape as usize].widened.insert(slot, next);
        self.opened(shape);
        next
    }

    /// Whether no instance can leave `shape`: it has no transition, no
    /// widening, and no deletion has left it. Final now means final until
    /// one of those is made, which `watch` reports.
    pub fn is_final(&self, shape: u32) -> bool {
        let s = &self.shapes[shape as usize];
        s.transitions.is_empty() && s.widened.is_empty() && !s.deleted_from
    }

    /// Records that code assumes the final `shape` stays final: an
    /// instance of it keeps it across code that may run anything. When a
    /// way out of it is made, it is listed by `take_broken`.
    pub fn watch(&mut self, shape: u32) {
        self.watched.insert(shape);
    }

    /// An instance left `shape` by `del` (to a shape rebuilt from the root).
    pub fn deleted_from(&mut self, shape: u32) {
        self.shapes[shape as usize].deleted_from = true;
        self.opened(shape);
    }

    /// `shape` has a way out now.
    fn opened(&mut self, shape: u32) {
        if self.watched.remove(&shape) {
            self.broken.push(shape);
        }
    }

    /// The watched shapes that stopped being final since the last call:
    /// the assumptions made on them must be dropped before code that
    /// relies on them runs again.
    pub fn take_broken(&mut self) -> Vec<u32> {
        std::mem::take(&mut self.broken)
    }

    /// Whether `take_broken` has something to say.
    pub fn has_broken(&self) -> bool {
        !self.broken.is_empty()
    }

    /// The shape reached from `root` by adding `names` with values of
    /// `types` in order.
    pub fn path(&mut self, root: u32, names: &[Sym], types: &[Type]) -> u32 {
        names
            .iter()
            .zip(types)
            .fold(root, |s, (&n, &t)| self.add(s, n, t))
    }

    /// The attribute names of a shape, in slot order.
    pub fn names(&self, shape: u32) -> &[Sym] {
        &self.shapes[shape as usize].names
    }

    /// How many shapes exist.
    pub fn len(&self) -> usize {
        self.shapes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shapes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transitions_are_shared() {
        let mut s = Shapes::default();
        let root = s.new_root(1);
        let (x, y) = (Sym(0), Sym(1));
        let a = s.add(root, x, Type::Int);
        let b = s.add(a, y, Type::Int);
        assert_eq!(s.add(root, x, Type::Int), a);
        assert_eq!(s.path(root, &[x, y], &[Type::Int, Type::Int]), b);
        assert_eq!(s.lookup(b, y), Some(1));
        assert_eq!(s.lookup(a, y), None);
        // A different order is a different layout.
        let c = s.path(root, &[y, x], &[Type::Int, Type::Int]);
        assert_ne!(c, b);
        assert_eq!(s.lookup(c, x), Some(1));
    }

    #[test]
    fn slot_types_only_widen() {
        let mut s = Shapes::default();
        let root = s.new_root(1);
        let (x, y) = (Sym(0), Sym(1));
        let a = s.path(root, &[x, y], &[Type::Int, Type::Bool]);
        assert_eq!(s.slot_type(a, 0), Type::Int);
        // A first value of None types nothing: no widening to come.
        let n = s.add(root, y, Type::None);
        assert_eq!(s.slot_type(n, 0), Type::Unknown);
        assert_eq!(s.after_store(n, 0, Type::Object), n);
        // Same type: same shape.
        assert_eq!(s.after_store(a, 0, Type::Int), a);
        // Another type: the slot widens, the other keeps its type.
        let g = s.after_store(a, 1, Type::Object);
        assert_ne!(g, a);
        assert_eq!(s.slot_type(g, 1), Type::Unknown);
        assert_eq!(s.slot_type(g, 0), Type::Int);
        // Widening is canonical and final.
        assert_eq!(s.after_store(a, 1, Type::Str), g);
        assert_eq!(s.after_store(g, 1, Type::Float), g);
        // A float first value makes a different shape than an int one.
        assert_ne!(s.add(root, x, Type::Float), s.add(root, x, Type::Int));
    }

    #[test]
    fn watched_final_shapes_report_their_first_way_out() {
        let mut s = Shapes::default();
        let root = s.new_root(1);
        let (x, y) = (Sym(0), Sym(1));
        let a = s.add(root, x, Type::Int);
        assert!(!s.is_final(root) && s.is_final(a));
        s.watch(a);
        assert!(!s.has_broken());
        // A store that keeps the shape opens nothing.
        assert_eq!(s.after_store(a, 0, Type::Int), a);
        assert!(!s.has_broken());
        let b = s.add(a, y, Type::Int);
        assert!(!s.is_final(a));
        assert_eq!(s.take_broken(), vec![a]);
        // Reported once; watching again reports the next way out only.
        s.add(a, y, Type::Float);
        assert!(!s.has_broken());
        s.watch(b);
        s.after_store(b, 0, Type::Str);
        assert_eq!(s.take_broken(), vec![b]);
        let c = s.add(b, x, Type::Int);
        s.watch(c);
        s.deleted_from(c);
        assert!(!s.is_final(c));
        assert_eq!(s.take_broken(), vec![c]);
    }
}
