//! Shapes (hidden classes): the layout of an instance's attributes. Each
//! class has a root shape; adding an attribute follows (or creates) a
//! transition to a child shape that has one more slot. Two instances with the
//! same shape keep the same attribute at the same slot, and a shape belongs to
//! exactly one class, so a single shape guard tells JIT code both the class
//! and where an attribute lives.

use crate::intern::FxMap;
use crate::intern::Sym;

/// One layout: attribute names in slot order.
pub struct Shape {
    /// The class (index into nothing: the class `Value` bits) owning it.
    pub class_bits: u64,
    pub names: Vec<Sym>,
    index: FxMap<Sym, u32>,
    transitions: FxMap<Sym, u32>,
}

/// The table of all shapes; a shape id indexes it.
#[derive(Default)]
pub struct Shapes {
    shapes: Vec<Shape>,
}

impl Shapes {
    /// A new root (empty) shape for a class.
    pub fn new_root(&mut self, class_bits: u64) -> u32 {
        self.shapes.push(Shape {
            class_bits,
            names: Vec::new(),
            index: FxMap::default(),
            transitions: FxMap::default(),
        });
        (self.shapes.len() - 1) as u32
    }

    /// The slot of `name` in `shape`.
    #[inline]
    pub fn lookup(&self, shape: u32, name: Sym) -> Option<u32> {
        self.shapes[shape as usize].index.get(&name).copied()
    }

    /// The existing transition from `shape` by adding `name`, if any.
    pub fn transition(&self, shape: u32, name: Sym) -> Option<u32> {
        self.shapes[shape as usize].transitions.get(&name).copied()
    }

    /// The shape after adding `name` to `shape`.
    pub fn add(&mut self, shape: u32, name: Sym) -> u32 {
        if let Some(&t) = self.shapes[shape as usize].transitions.get(&name) {
            return t;
        }
        let parent = &self.shapes[shape as usize];
        let mut names = parent.names.clone();
        let mut index = parent.index.clone();
        let class_bits = parent.class_bits;
        index.insert(name, names.len() as u32);
        names.push(name);
        self.shapes.push(Shape {
            class_bits,
            names,
            index,
            transitions: FxMap::default(),
        });
        let id = (self.shapes.len() - 1) as u32;
        self.shapes[shape as usize].transitions.insert(name, id);
        id
    }

    /// The shape reached from `root` by adding `names` in order.
    pub fn path(&mut self, root: u32, names: &[Sym]) -> u32 {
        names.iter().fold(root, |s, &n| self.add(s, n))
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
        let a = s.add(root, x);
        let b = s.add(a, y);
        assert_eq!(s.add(root, x), a);
        assert_eq!(s.path(root, &[x, y]), b);
        assert_eq!(s.lookup(b, y), Some(1));
        assert_eq!(s.lookup(a, y), None);
        // A different order is a different layout.
        let c = s.path(root, &[y, x]);
        assert_ne!(c, b);
        assert_eq!(s.lookup(c, x), Some(1));
    }
}
