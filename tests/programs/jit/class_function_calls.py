# `Base.method(self, ...)`: JIT code resolves the function on the class once,
# behind the class's identity and the class epoch. Rebinding the method, or
# the global naming the class, while the loop is hot must be seen.


class Base:
    def __init__(self, v):
        self.v = v

    def get(self):
        return self.v


class Sub(Base):
    def __init__(self, v):
        Base.__init__(self, v)
        self.w = v + 1

    def get(self):
        return Base.get(self) * 2 + self.w


class Other:
    def get(self):
        return 1000


items = [Sub(i) for i in range(5)]
t = 0
for r in range(300):
    for s in items:
        t += s.get()
    if r == 100:
        Base.get = lambda self: -self.v
    if r == 200:
        Base = Other
print(t)

# A class attribute that is no function, and a builtin class.
class Holder:
    value = 7
    fn = len


u = 0
for r in range(200):
    u += Holder.value + Holder.fn([r, r]) + str.upper("a").count("A")
print(u)
