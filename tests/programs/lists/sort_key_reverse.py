words = ["banana", "Apple", "cherry", "date", "Elderberry", "fig", "grape"]
print(sorted(words, key=len))
print(sorted(words, key=len, reverse=True))
print(sorted(words, key=lambda w: w.lower()))
w2 = list(words)
w2.sort(key=lambda w: w[-1])
print(w2)
w2.sort(reverse=True)
print(w2)
pairs = [(1, "b"), (0, "a"), (1, "a"), (0, "b"), (2, "c")]
print(sorted(pairs, key=lambda p: p[0]))
print(sorted(pairs, key=lambda p: p[0], reverse=True))
nums = [3, -7, 2, -1, 8, -5]
nums.sort(key=abs)
print(nums)
def neg(x):
    return -x
print(sorted(nums, key=neg))
recs = [{"n": "x", "a": 3}, {"n": "y", "a": 1}, {"n": "z", "a": 3}]
print([r["n"] for r in sorted(recs, key=lambda r: r["a"])])
