class V:
    def __init__(self, n):
        self.n = n
    def __eq__(self, other):
        return isinstance(other, V) and self.n == other.n
    def __lt__(self, other):
        return self.n < other.n
    def __repr__(self):
        return "V(" + str(self.n) + ")"
a, b, c = V(1), V(2), V(1)
print(a == c, a == b, a != b, a != c, a is c, a == 1)
print(a < b, b < a, b > a, a > b)
vs = [V(5), V(2), V(9), V(1), V(2)]
print(sorted(vs), max(vs), min(vs))
vs.sort(reverse=True)
print(vs)
print(V(2) in vs, V(7) in vs, vs.index(V(9)))
class Plain:
    pass
p = Plain()
print(p == p, p == Plain(), p != Plain())
try:
    print(Plain() < Plain())
except TypeError as e:
    print("TypeError:", e)
