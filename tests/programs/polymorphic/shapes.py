class P:
    pass
def make(i):
    p = P()
    if i % 3 == 0:
        p.a = i
        p.b = -i
    elif i % 3 == 1:
        p.b = -i
        p.a = i
    else:
        p.c = 0
        p.a = i
        p.b = -i
    return p
def total(objs):
    s = 0
    for o in objs:
        s += o.a - o.b
    return s
objs = [make(i) for i in range(3000)]
print(total(objs))
for i in range(0, 3000, 7):
    del objs[i].a
    objs[i].a = 1
print(total(objs))
for i in range(0, 3000, 11):
    objs[i].b = 0.5
print(total(objs))
errors = 0
for i in range(0, 3000, 13):
    del objs[i].b
for o in objs:
    try:
        o.b
    except AttributeError:
        errors += 1
print(errors)
class Q:
    def __init__(self, v):
        self.v = v
def getv(o):
    return o.v
vals = []
for i in range(2000):
    o = P() if i % 2 else Q(i)
    if i % 2:
        o.v = -i
    vals.append(getv(o))
print(sum(vals), vals[:6])
