# Attribute, store and method sites that see more shapes than an inline
# cache holds, typed slots whose stores change type, methods rebound while
# a megamorphic site is hot, and list.append resolved at compile time.

class Base:
    def __init__(self, k):
        self.k = k
        self.v = 0

    def bump(self, d):
        self.v = self.v + d
        return self.v


def make(i):
    # Six shapes of Base: different extra attributes, in different orders.
    o = Base(i)
    j = i % 6
    if j == 1:
        o.a = 1
    elif j == 2:
        o.b = 2.5
    elif j == 3:
        o.a = 1
        o.b = 2
    elif j == 4:
        o.b = "s"
        o.a = None
    elif j == 5:
        o.c = [1]
    return o


objs = [make(i) for i in range(12)]


def read_all(n):
    s = 0
    for r in range(n):
        for o in objs:
            s += o.k + o.v
    return s


def store_all(n):
    for r in range(n):
        for o in objs:
            # v holds ints, then a float, then a str, then ints again.
            if r == n // 2:
                o.v = 0.5
            elif r == n // 2 + 1:
                o.v = "x"
            else:
                o.v = r
    return [o.v for o in objs]


def call_all(n):
    t = 0
    for r in range(n):
        for o in objs:
            t += o.bump(1)
        if r == n // 2:
            # Rebinding the method while the site is hot.
            Base.bump = lambda self, d: -d
    return t


def appends(n):
    out = []
    other = []
    for i in range(n):
        out.append(i * 2)
        if i % 3 == 0:
            other.append(str(i))
    holder = [out, other]
    for lst in holder:
        lst.append(None)
    return len(out), out[-2], len(other), other[-2], out[-1]


print(read_all(50))
print(store_all(40))
print(call_all(40))
for o in objs:
    o.v = 0
print(read_all(5))
print(appends(1000))
