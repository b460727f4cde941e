a = [5, 3, 8, 1, 9, 2, 7, 3, -4, 0]
a.sort()
print(a)
b = [2.5, -1, 3, 0.5, 2]
b.sort()
print(b)
c = ["pear", "apple", "fig", "Banana", "cherry"]
c.sort()
print(c)
d = [[3, 1], [1, 2], [3, 0], [1]]
d.sort()
print(d)
e = [(2, "b"), (1, "z"), (2, "a"), (1, "a")]
e.sort()
print(e)
f = []
f.sort()
print(f, a.sort())
g = [5, 1, 4]
h = sorted(g)
print(g, h)
try:
    [1, "a"].sort()
except TypeError as err:
    print("TypeError:", err)
