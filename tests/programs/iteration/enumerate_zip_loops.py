a = [3, 1, 4, 1, 5]
b = ["x", "y", "z"]
for i, (p, q) in enumerate(zip(a, b)):
    print(i, p, q)
for i, x in enumerate(reversed(a)):
    print(i, x)
for x, y in zip(a, a[1:]):
    print(x, y, y - x)
m = [[1, 2, 3], [4, 5, 6]]
for r, row in enumerate(m):
    for c, v in enumerate(row):
        print(r, c, v)
for i, ch in enumerate(sorted("banana")):
    print(i, ch, end="; ")
print()
