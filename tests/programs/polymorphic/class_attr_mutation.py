class Cfg:
    scale = 2
    def apply(self, v):
        return v * self.scale
c = Cfg()
out = 0
for i in range(3000):
    if i == 1000:
        Cfg.scale = 3
    if i == 2000:
        c.scale = 0.5
    out += c.apply(i)
print(out)
class Base:
    def val(self):
        return 1
class Derived(Base):
    pass
d = Derived()
s = 0
for i in range(2000):
    if i == 1000:
        Derived.val = lambda self: 10
    s += d.val()
print(s)
class Counter:
    n = 0
for i in range(500):
    Counter.n += 1
print(Counter.n)
objs = [Cfg() for i in range(10)]
Cfg.scale = 7
objs[3].scale = 1
print([o.apply(1) for o in objs])
