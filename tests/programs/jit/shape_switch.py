# Sites that meet instances of many shapes (more than the version cap) and
# values that are no instances at all: the JIT dispatches on the shape, and
# every receiver must still find its own attributes and methods.


class A:
    def __init__(self):
        self.v = 1

    def get(self):
        return self.v

    def bump(self):
        self.v = self.v + 1
        return self.v


class B(A):
    def __init__(self):
        self.w = 10
        self.v = 2


class C(A):
    def __init__(self):
        self.pad = None
        self.extra = "x"
        self.v = 3

    def get(self):
        return self.v * 100


class D(A):
    def __init__(self):
        self.v = 4.5


class E:
    def __init__(self):
        self.v = "e"

    def get(self):
        return len(self.v)

    def bump(self):
        self.v += "e"
        return len(self.v)


class F(B):
    def __init__(self):
        B.__init__(self)
        self.u = 0


class G(C):
    pass


items = [A(), B(), C(), D(), E(), F(), G(), 7, "str", None, [1, 2]]
total = 0
missing = 0
for r in range(200):
    for it in items:
        try:
            total += it.get()
        except AttributeError:
            missing += 1
        try:
            x = it.v
            if x == 4.5:
                total += 1
        except AttributeError:
            missing += 1
    if r % 50 == 0:
        for it in items[:7]:
            total += it.bump()
print(total, missing)
print([type(it.v).__name__ for it in items[:7]])
