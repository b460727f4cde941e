a = (1, 2, 3)
b = ("x",)
print(a + b, b * 2, a * 0, len(a + a), sum(a), max(a), min(a), sorted((3, 1, 2)))
print(a == (1, 2, 3), a != (1, 2), a is a, ("a", 1) < ("a", 2), ("b",) > ("a", 9))
t = ()
for i in range(5):
    t = t + (i,)
print(t)
print(list(a), tuple(list(a)), str(a), repr(b))
x, y, z = a
print(x, y, z)
