def f(a, b):
    return a + b
def g(a, b=1):
    return a
def h():
    return 0
def make_inner():
    def inner(x):
        return x
    return inner
tests = [
    lambda: f(1),
    lambda: f(1, 2, 3),
    lambda: f(),
    lambda: g(),
    lambda: g(1, 2, 3),
    lambda: h(1),
    lambda: f(1, c=2),
    lambda: f(1, a=2),
    lambda: g(b=2),
    lambda: len(),
    lambda: len([1], [2]),
    lambda: make_inner()(),
]
for t in tests:
    try:
        t()
        print("no error")
    except TypeError as e:
        print("TypeError:", e)
class K:
    def m(self, x):
        return x
    def __init__(self, v):
        self.v = v
try:
    K()
except TypeError as e:
    print("TypeError:", e)
try:
    K(1).m()
except TypeError as e:
    print("TypeError:", e)
try:
    K(1).m(1, 2)
except TypeError as e:
    print("TypeError:", e)
