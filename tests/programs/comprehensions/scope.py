x = "outer"
ys = [x for x in range(3)]
print(x, ys)
n = 10
print([n * i for i in range(4)])
def f(k):
    return [k + i for i in range(3)]
print(f(100))
def g():
    base = 5
    return [[base + i + j for j in range(2)] for i in range(2)]
print(g())
fns = [lambda v, i=i: v + i for i in range(3)]
print([fn(10) for fn in fns])
late = [lambda: i for i in range(3)]
print([fn() for fn in late])
class K:
    vals = [1, 2, 3]
    doubled = [v * 2 for v in vals]
print(K.doubled)
