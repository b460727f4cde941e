(a, b), c = (1, 2), 3
print(a, b, c)
a, (b, (c, d)) = 1, (2, (3, 4))
print(a, b, c, d)
[(x1, y1), (x2, y2)] = [(0, 1), (2, 3)]
print(x1, y1, x2, y2)
for (i, j), name in [((0, 0), "origin"), ((1, 2), "pt")]:
    print(i, j, name)
data = [("ann", (30, "oslo")), ("bob", (25, "rome"))]
for name, (age, city) in data:
    print(name, age, city)
