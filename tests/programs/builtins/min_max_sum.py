print(min(4, 2, 8), max(4, 2, 8), min([4, 2, 8]), max((4, 2, 8)), min("hello"), max("hello"))
print(min(1, 1.0), max(1.0, 1), min([[2], [1, 5]]), max([(1, "b"), (1, "c")]))
print(sum([1, 2, 3]), sum((0.5, 0.25)), sum([]), sum(range(100)))
print(sum([1, 2], 10), sum([2 ** 62, 2 ** 62, 2 ** 62]), sum([0.1] * 3))
print(max([1, 5, 3], key=lambda v: -v), min(["bb", "a", "ccc"], key=len))
for bad in [[], ()]:
    try:
        max(bad)
    except ValueError as e:
        print("ValueError:", e)
