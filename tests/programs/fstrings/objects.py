class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __str__(self):
        return "P(" + str(self.x) + ", " + str(self.y) + ")"
    def __repr__(self):
        return "P<" + repr(self.x) + "," + repr(self.y) + ">"
p = P(1, "a")
print(f"{p}", f"{p!r}", f"{p!s}", f"{[p, p]}", str(p), repr(p))
print(f"{p.x:>4}|{p.y:<3}|")
class Q:
    pass
q = Q()
q.v = 2.5
print(f"{q.v * 2:.3f}")
