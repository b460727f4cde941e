class Bad:
    def __init__(self, x):
        self.x = x
        if x == 150:
            return 5

class Raiser:
    def __init__(self, x):
        if x == 160:
            raise ValueError("no %d" % x)
        self.x = x

out = 0
for i in range(200):
    try:
        b = Bad(i)
        out += b.x
    except TypeError as e:
        print("TypeError", e, i)
    try:
        r = Raiser(i)
        out += r.x
    except ValueError as e:
        print("ValueError", e)

def deep(n):
    if n == 0:
        return 0
    return deep(n - 1) + 1

for k in range(3):
    try:
        print(deep(2000))
    except RecursionError as e:
        print("RecursionError", k)
print(deep(500), out)

class P:
    def m(self):
        return 1

p = P()
t = 0
for i in range(300):
    t += p.m()
    if i == 100:
        p.m = lambda: 10
    if i == 200:
        del p.m
print(t)

class Q:
    def __init__(self):
        self.a = 1
    def get(self):
        return self.a

qs = [Q() for _ in range(5)]
s = 0
for i in range(500):
    q = qs[i % 5]
    s += q.get()
    if i == 250:
        qs[2].b = 5
        qs[3].a = 2.5
print(s)

def kw(a, b=2, *, c=3):
    return a + b + c
z = 0
for i in range(300):
    z += kw(i, c=i) + kw(1) + kw(a=2, b=3)
print(z)
