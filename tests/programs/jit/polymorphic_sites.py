# One call site and one attribute site seeing many classes and shapes.
class A:
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v

class B(A):
    def get(self):
        return self.v * 2

class C:
    def __init__(self, v):
        self.w = 0
        self.v = v
    def get(self):
        return -self.v

class D:
    def get(self):
        return 1.5

objs = []
for i in range(60):
    k = i % 4
    objs.append(A(i) if k == 0 else B(i) if k == 1 else C(i) if k == 2 else D())

def total(items):
    s = 0
    for o in items:
        s = s + o.get()
    return s

def attrs(items):
    s = 0
    for o in items:
        if hasattr(o, "v"):
            s += o.v
    return s

for r in range(40):
    t = total(objs)
    a = attrs(objs)
print(t, a)
fs = [len, abs, str, lambda x: x * 3, total.__class__]
out = []
for i in range(200):
    f = fs[i % 4]
    out.append(f([1, 2]) if f is len else f(-i) if f is not str else f(i))
print(out[:8], out[-4:])
