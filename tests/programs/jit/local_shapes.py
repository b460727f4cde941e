# JIT code knows the shapes of instances in a few locals (not only `self`),
# passes them to callees, and keeps final ones across calls. Aliases, shape
# changes through another name, and callees that change a shape must all be
# seen.


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y


class Q:
    def __init__(self, x, y):
        self.y = y
        self.x = x


def aliased(a, b, n):
    t = 0
    for i in range(n):
        t += a.x + b.x
        if i == 50:
            # Widens x through b; when a is b, a's shape changed too.
            b.x = 0.5
        if i == 80:
            b.z = 1
        t += a.x * 2 + a.y
    return t


class R:
    def __init__(self, x, y):
        self.x = x
        self.y = y


def mutate(o, i):
    if i == 70:
        o.x = 2.5
    if i == 90:
        del o.y
        o.y = 7


def across_calls(a, n):
    t = 0
    for i in range(n):
        mutate(a, i)
        t += a.x * 2 + a.y
    return t


def norm(o):
    return o.x * o.x + o.y * o.y


def passed(items, n):
    t = 0
    for i in range(n):
        for o in items:
            t += norm(o)
    return t


p = P(1, 2)
print(aliased(p, p, 120), p.x, p.z)
print(aliased(P(1, 2), P(3, 4), 120))
print(across_calls(R(1, 2), 120))
print(passed([P(1, 2), Q(3, 4), P(0.5, 1.5)], 100))
