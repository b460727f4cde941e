a, b = 1, 2
a, b = b, a
print(a, b)
a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)
lst = [10, 20, 30, 40]
lst[0], lst[3] = lst[3], lst[0]
print(lst)
i, j = 1, 2
lst[i], lst[j] = lst[j], lst[i]
print(lst)
x, y = 0, 1
for _ in range(10):
    x, y = y, x + y
print(x, y)
class P:
    pass
p = P()
p.a, p.b = "A", "B"
p.a, p.b = p.b, p.a
print(p.a, p.b)
d = {}
d["x"], d["y"] = 1, 2
print(d)
def bubble(v):
    v = list(v)
    for n in range(len(v)):
        for k in range(len(v) - 1 - n):
            if v[k] > v[k + 1]:
                v[k], v[k + 1] = v[k + 1], v[k]
    return v
print(bubble([5, 2, 9, 1, 5, 6]))
