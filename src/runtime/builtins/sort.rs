//! A stable merge sort on Python values that only asks `<` (as CPython's
//! sort does) and propagates the first error, plus `sorted()`/`list.sort()`
//! with `key=` and `reverse=`. Keys that are all ints or all strs take a fast
//! path through Rust's stable sort (their order is total).

use crate::bytecode::CmpOp;
use crate::runtime::object::Kind;
use crate::runtime::value::Value;
use crate::runtime::vm::Vm;
use crate::runtime::PyResult;

/// Sorts `idx` (indices into `keys`) stably by `lt`, a strict "less than"
/// that may fail. Already sorted runs cost one comparison per merge.
pub fn merge_sort<E>(
    idx: &mut [usize],
    lt: &mut dyn FnMut(usize, usize) -> Result<bool, E>,
) -> Result<(), E> {
    let n = idx.len();
    if n < 2 {
        return Ok(());
    }
    if n <= 8 {
        // Insertion sort: take element i back while it is less than its left neighbour.
        for i in 1..n {
            let mut j = i;
            while j > 0 && lt(idx[j], idx[j - 1])? {
                idx.swap(j, j - 1);
                j -= 1;
            }
        }
        return Ok(());
    }
    let mid = n / 2;
    merge_sort(&mut idx[..mid], lt)?;
    merge_sort(&mut idx[mid..], lt)?;
    if !lt(idx[mid], idx[mid - 1])? {
        return Ok(());
    }
    let left: Vec<usize> = idx[..mid].to_vec();
    let (mut i, mut j, mut k) = (0, mid, 0);
    while i < left.len() && j < n {
        // Take from the right only when strictly less: stability.
        if lt(idx[j], left[i])? {
            idx[k] = idx[j];
            j += 1;
        } else {
            idx[k] = left[i];
            i += 1;
        }
        k += 1;
    }
    while i < left.len() {
        idx[k] = left[i];
        i += 1;
        k += 1;
    }
    Ok(())
}

/// Sorts `items` (a snapshot; the caller keeps them rooted) by `key` and
/// `reverse`, returning the sorted vector.
pub fn sort_values(
    vm: &mut Vm,
    items: Vec<Value>,
    key: Value,
    reverse: bool,
) -> PyResult<Vec<Value>> {
    let mut items = items;
    if reverse {
        items.reverse();
    }
    // Root the items and the keys while key functions and __lt__ run.
    let items_l = vm.new_list(items);
    vm.roots.push(items_l);
    let r = sort_rooted(vm, items_l, key);
    vm.roots.pop();
    r?;
    let mut out = std::mem::take(&mut items_l.as_list().expect("list").items);
    if reverse {
        out.reverse();
    }
    Ok(out)
}

fn sort_rooted(vm: &mut Vm, items_l: Value, key: Value) -> PyResult<()> {
    let n = items_l.as_list().map_or(0, |l| l.items.len());
    let keys_l = if key.is_none() || key.is_null() {
        items_l
    } else {
        let kl = vm.new_list(Vec::with_capacity(n));
        vm.roots.push(kl);
        let mut r = Ok(());
        for i in 0..n {
            let x = items_l
                .as_list()
                .and_then(|l| l.items.get(i).copied())
                .unwrap_or(Value::NONE);
            match vm.call(key, &[x], &[]) {
                Ok(k) => kl.as_list().expect("list").items.push(k),
                Err(e) => {
                    r = Err(e);
                    break;
                }
            }
        }
        vm.roots.pop();
        r?;
        vm.roots.push(kl);
        kl
    };
    let r = sort_by_keys(vm, items_l, keys_l);
    if keys_l != items_l {
        vm.roots.pop();
    }
    r
}

fn sort_by_keys(vm: &mut Vm, items_l: Value, keys_l: Value) -> PyResult<()> {
    let keys: Vec<Value> = keys_l
        .as_list()
        .map(|l| l.items.clone())
        .unwrap_or_default();
    let n = keys.len();
    let mut idx: Vec<usize> = (0..n).collect();
    if keys.iter().all(|k| k.is_small_int()) {
        idx.sort_by_key(|&i| keys[i].small());
    } else if keys.iter().all(|k| k.is_kind(Kind::Str)) {
        idx.sort_by(|&a, &b| keys[a].as_str().cmp(&keys[b].as_str()));
    } else if keys.iter().all(|k| k.is_float() && !k.float().is_nan()) {
        idx.sort_by(|&a, &b| {
            keys[a]
                .float()
                .partial_cmp(&keys[b].float())
                .unwrap_or(std::cmp::Ordering::Equal)
        });
    } else {
        let mut lt = |a: usize, b: usize| -> PyResult<bool> {
            let r = vm.compare(CmpOp::Lt, keys[a], keys[b])?;
            if r.is_bool() {
                Ok(r == Value::TRUE)
            } else {
                vm.roots.push(r);
                let t = vm.truthy(r);
                vm.roots.pop();
                t
            }
        };
        merge_sort(&mut idx, &mut lt)?;
    }
    if let Some(l) = items_l.as_list() {
        let old = std::mem::take(&mut l.items);
        l.items = idx.iter().map(|&i| old[i]).collect();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::merge_sort;

    fn sort_pairs(v: &[(i32, i32)]) -> Vec<(i32, i32)> {
        let mut idx: Vec<usize> = (0..v.len()).collect();
        merge_sort(&mut idx, &mut |a, b| Ok::<bool, ()>(v[a].0 < v[b].0)).unwrap();
        idx.iter().map(|&i| v[i]).collect()
    }

    #[test]
    fn stable_on_equal_keys() {
        let v: Vec<(i32, i32)> = (0..100).map(|i| ((i * 37) % 5, i)).collect();
        let s = sort_pairs(&v);
        for w in s.windows(2) {
            assert!(w[0].0 < w[1].0 || (w[0].0 == w[1].0 && w[0].1 < w[1].1));
        }
    }

    #[test]
    fn sorts_like_std() {
        let v: Vec<(i32, i32)> = (0..1000).map(|i| ((i * 7919) % 1013, i)).collect();
        let mut expected = v.clone();
        expected.sort_by_key(|p| p.0);
        assert_eq!(sort_pairs(&v), expected);
    }

    #[test]
    fn propagates_first_error_and_survives_inconsistent_order() {
        let mut idx: Vec<usize> = (0..50).collect();
        let mut calls = 0;
        let r = merge_sort(&mut idx, &mut |_, _| {
            calls += 1;
            if calls == 10 {
                Err("boom")
            } else {
                Ok(calls % 3 == 0)
            }
        });
        assert_eq!(r, Err("boom"));
        // An inconsistent comparator must not panic and must keep a permutation.
        let mut idx: Vec<usize> = (0..200).collect();
        let mut k = 0u32;
        merge_sort(&mut idx, &mut |_, _| {
            k = k.wrapping_mul(1_103_515_245).wrapping_add(12345);
            Ok::<bool, ()>(k & 4 != 0)
        })
        .unwrap();
        let mut s = idx.clone();
        s.sort();
        assert_eq!(s, (0..200).collect::<Vec<_>>());
    }
}
