print(sorted([3, 1, 2]), sorted("hello"), sorted((5, -1)), sorted({"b": 1, "a": 2}), sorted([]))
print(sorted([3, 1, 2], reverse=True), sorted(["aa", "b", "ccc"], key=len, reverse=True))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed((1, 2))), list(reversed(range(5))))
for x in reversed(range(0, 10, 3)):
    print(x)
stable = sorted([("a", 2), ("b", 1), ("c", 2), ("d", 1)], key=lambda p: p[1])
print(stable)
print(sorted([1.5, -2, 0, 2 ** 64, -(2 ** 64), 3]))
