//! The insertion-ordered dict: an entry vector (deleted entries leave holes,
//! compacted when they pile up) plus a hash index into it, as CPython does.

use super::hash::keys_equal;
use super::value::Value;
use hashbrown::HashTable;

#[derive(Clone, Copy)]
struct Entry {
    hash: i64,
    key: Value,
    value: Value,
}

/// An ordered map from hashable values to values.
#[derive(Default)]
pub struct Dict {
    entries: Vec<Option<Entry>>,
    index: HashTable<u32>,
    live: usize,
}

impl Dict {
    pub fn new() -> Dict {
        Dict::default()
    }

    pub fn len(&self) -> usize {
        self.live
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    fn find(&self, key: Value, hash: i64) -> Option<u32> {
        let entries = &self.entries;
        self.index
            .find(hash as u64, |&i| {
                entries[i as usize].is_some_and(|e| e.hash == hash && keys_equal(e.key, key))
            })
            .copied()
    }

    /// The value for `key` (whose hash the caller computed).
    pub fn get(&self, key: Value, hash: i64) -> Option<Value> {
        self.find(key, hash)
            .and_then(|i| self.entries[i as usize].map(|e| e.value))
    }

    /// Inserts or replaces; a replaced key keeps its position (and its
    /// original key object, as in CPython).
    pub fn insert(&mut self, key: Value, hash: i64, value: Value) {
        if let Some(i) = self.find(key, hash) {
            if let Some(e) = self.entries[i as usize].as_mut() {
                e.value = value;
            }
            return;
        }
        if self.entries.len() >= 16 && self.entries.len() > 2 * self.live {
            self.compact();
        }
        let i = self.entries.len() as u32;
        self.entries.push(Some(Entry { hash, key, value }));
        let entries = &self.entries;
        self.index.insert_unique(hash as u64, i, |&j| {
            entries[j as usize].map_or(0, |e| e.hash as u64)
        });
        self.live += 1;
    }

    /// Removes `key`, returning its value.
    pub fn remove(&mut self, key: Value, hash: i64) -> Option<Value> {
        let entries = &self.entries;
        let found = self.index.find_entry(hash as u64, |&i| {
            entries[i as usize].is_some_and(|e| e.hash == hash && keys_equal(e.key, key))
        });
        match found {
            Ok(occ) => {
                let (i, _) = occ.remove();
                let e = self.entries[i as usize].take();
                self.live -= 1;
                e.map(|e| e.value)
            }
            Err(_) => None,
        }
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.index.clear();
        self.live = 0;
    }

    fn compact(&mut self) {
        self.entries.retain(|e| e.is_some());
        let entries = &self.entries;
        let mut index = HashTable::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            let h = e.map_or(0, |e| e.hash) as u64;
            index.insert_unique(h, i as u32, |&j: &u32| {
                entries[j as usize].map_or(0, |e| e.hash as u64)
            });
        }
        self.index = index;
    }

    /// Number of entry positions (live or deleted): the bound for iteration
    /// by position.
    pub fn capacity_used(&self) -> usize {
        self.entries.len()
    }

    /// The live entry at position `i`, if any.
    pub fn entry_at(&self, i: usize) -> Option<(Value, Value)> {
        self.entries
            .get(i)
            .copied()
            .flatten()
            .map(|e| (e.key, e.value))
    }

    /// The live entries in order.
    pub fn iter(&self) -> impl Iterator<Item = (Value, Value)> + '_ {
        self.entries.iter().flatten().map(|e| (e.key, e.value))
    }

    /// The last live entry, removed (`popitem`).
    pub fn pop_last(&mut self) -> Option<(Value, Value)> {
        let pos = self.entries.iter().rposition(|e| e.is_some())?;
        let e = self.entries[pos]?;
        self.remove(e.key, e.hash);
        Some((e.key, e.value))
    }

    /// The keys' hashes are kept so a copy needs no rehashing.
    pub fn copy(&self) -> Dict {
        let mut d = Dict::new();
        for e in self.entries.iter().flatten() {
            d.insert(e.key, e.hash, e.value);
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::hash::hash_value;

    fn int(i: i64) -> Value {
        Value::from_small(i)
    }

    #[test]
    fn keeps_insertion_order_across_deletes() {
        let mut d = Dict::new();
        for i in 0..100 {
            d.insert(int(i), hash_value(int(i)).unwrap(), int(i * 10));
        }
        for i in (0..100).filter(|i| i % 3 != 0) {
            assert!(d.remove(int(i), hash_value(int(i)).unwrap()).is_some());
        }
        d.insert(int(1), hash_value(int(1)).unwrap(), int(-1));
        let keys: Vec<i64> = d.iter().map(|(k, _)| k.small()).collect();
        let mut expected: Vec<i64> = (0..100).filter(|i| i % 3 == 0).collect();
        expected.push(1);
        assert_eq!(keys, expected);
        assert_eq!(d.get(int(1), hash_value(int(1)).unwrap()), Some(int(-1)));
        assert_eq!(d.get(int(2), hash_value(int(2)).unwrap()), None);
    }

    #[test]
    fn numbers_of_different_types_are_one_key() {
        let mut d = Dict::new();
        let one_f = Value::from_float(1.0);
        d.insert(int(1), hash_value(int(1)).unwrap(), int(5));
        d.insert(Value::TRUE, hash_value(Value::TRUE).unwrap(), int(6));
        assert_eq!(d.len(), 1);
        assert_eq!(d.get(one_f, hash_value(one_f).unwrap()), Some(int(6)));
    }
}
