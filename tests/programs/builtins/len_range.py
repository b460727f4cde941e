print(len("abc"), len([1, 2]), len((1,)), len({"a": 1}), len(""), len(range(10)), len(range(0, 10, 3)))
print(list(range(5)), list(range(2, 8)), list(range(0, 20, 5)), list(range(10, 0, -2)), list(range(5, 5)))
print(list(range(-5, 5, 3)), list(range(5, -5, -3)), list(range(0, -10, -1)), list(range(1, 0)))
r = range(3, 30, 4)
print(r, range(5), range(0, 5, 2), len(r), r[0], r[-1], r[2], 7 in r, 8 in r)
print(len(range(-10, 10, 7)), len(range(10, -10, -7)), list(range(2 ** 62, 2 ** 62 + 3)))
try:
    range(1, 2, 0)
except ValueError as e:
    print("ValueError:", e)
