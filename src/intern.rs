//! Interned identifiers: every attribute, global and keyword name is a `Sym`, a
//! small integer, so that lookups hash a `u32` instead of a string.

use std::collections::HashMap;

/// The hasher for small keys (symbols, ids): FxHash, much cheaper than
/// SipHash, and these keys are not attacker-chosen.
pub type FxBuild = std::hash::BuildHasherDefault<rustc_hash::FxHasher>;
/// A hash map with FxHash.
pub type FxMap<K, V> = HashMap<K, V, FxBuild>;
/// A hash set with FxHash.
pub type FxSet<K> = std::collections::HashSet<K, FxBuild>;
/// An insertion-ordered map keyed by symbol (class and module namespaces).
pub type SymMap<V> = indexmap::IndexMap<Sym, V, FxBuild>;

/// An interned identifier.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(pub u32);

/// The table of interned identifiers. One per VM; the compiler interns into it.
#[derive(Default, Debug)]
pub struct Interner {
    map: FxMap<Box<str>, Sym>,
    names: Vec<Box<str>>,
}

impl Interner {
    /// Returns the symbol for `s`, interning it on first sight.
    pub fn intern(&mut self, s: &str) -> Sym {
        if let Some(&sym) = self.map.get(s) {
            return sym;
        }
        let sym = Sym(self.names.len() as u32);
        self.names.push(s.into());
        self.map.insert(s.into(), sym);
        sym
    }

    /// Returns the symbol for `s` if it was interned.
    pub fn lookup(&self, s: &str) -> Option<Sym> {
        self.map.get(s).copied()
    }

    /// The text of a symbol.
    pub fn name(&self, sym: Sym) -> &str {
        &self.names[sym.0 as usize]
    }

    /// All interned names, indexed by symbol (for "Did you mean" hints).
    pub fn names(&self) -> impl Iterator<Item = (Sym, &str)> {
        self.names
            .iter()
            .enumerate()
            .map(|(i, n)| (Sym(i as u32), &**n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intern_is_stable() {
        let mut i = Interner::default();
        let a = i.intern("x");
        let b = i.intern("y");
        assert_ne!(a, b);
        assert_eq!(i.intern("x"), a);
        assert_eq!(i.name(b), "y");
        assert_eq!(i.lookup("z"), None);
    }
}
