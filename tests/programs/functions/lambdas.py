sq = lambda x: x * x
add = lambda a, b=10: a + b
const = lambda: "const"
print(sq(5), add(1), add(1, 2), const(), (lambda x, y: x - y)(10, 3))
fns = [lambda x: x + 1, lambda x: x * 2, lambda x: -x]
v = 3
for f in fns:
    v = f(v)
print(v)
pairs = [(3, "c"), (1, "a"), (2, "b")]
print(sorted(pairs, key=lambda p: p[1]), max(pairs), min(pairs))
compose = lambda f, g: lambda x: f(g(x))
inc_then_sq = compose(sq, lambda x: x + 1)
print(inc_then_sq(4))
print((lambda: (lambda: "deep")())())
