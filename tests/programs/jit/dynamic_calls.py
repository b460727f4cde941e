# Calls whose callee JIT code learns only at run time: functions in lists,
# dicts and variables, methods of receivers of many classes, callees that
# need the interpreter's argument binding (defaults, closures), recursion
# to the limit and exceptions through such calls.

def add(a, b):
    return a + b


def mul(a, b):
    return a * b


def cat(a, b):
    return str(a) + str(b)


def with_default(a, b=10):
    return a - b


def make_adder(k):
    def adder(a, b):
        return a + b + k
    return adder


ops = [add, mul, cat, with_default, make_adder(100)]


def apply_all(n):
    out = []
    for i in range(n):
        f = ops[i % len(ops)]
        r = f(i, 3)
        out.append(r)
    return out


class Shape:
    def area(self):
        return 0

    def name(self):
        return "shape"


class Square(Shape):
    def __init__(self, s):
        self.s = s

    def area(self):
        return self.s * self.s


class Circle(Shape):
    def __init__(self, r):
        self.r = r

    def area(self):
        return 3.0 * self.r * self.r

    def name(self):
        return "circle"


class Label(Shape):
    def __init__(self, t):
        self.t = t

    def area(self):
        return self.t


def total_area(shapes, reps):
    t = 0.0
    names = {}
    for _ in range(reps):
        for s in shapes:
            a = s.area()
            if isinstance(a, str):
                names[a] = names.get(a, 0) + 1
            else:
                t += a
            n = s.name()
            names[n] = names.get(n, 0) + 1
    return t, sorted(names.items())


def down(f, n):
    if n == 0:
        return 0
    return 1 + f(f, n - 1)


def boom(k):
    if k == 0:
        raise ValueError("deep")
    return boom(k - 1)


def call_boom(g):
    try:
        return g(30)
    except ValueError as e:
        return "caught " + str(e)


def big(x):
    return x * x * x


def main():
    r = apply_all(500)
    print(r[:10], r[-5:], len(r))
    shapes = [Square(2), Circle(1.5), Label("t"), Shape(), Square(3)]
    print(total_area(shapes, 200))
    print(down(down, 500))
    try:
        down(down, 100000)
    except RecursionError as e:
        print("RecursionError", e)
    print(call_boom(boom))
    h = big
    acc = 0
    for i in range(50):
        acc += h(10 ** 5 + i)
    print(acc)


main()
