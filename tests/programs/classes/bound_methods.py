class Acc:
    def __init__(self):
        self.total = 0
    def add(self, v):
        self.total += v
        return self
acc = Acc()
add = acc.add
for i in range(10):
    add(i)
print(acc.total)
acc.add(1).add(2).add(3)
print(acc.total)
ops = [Acc().add, Acc().add]
ops[0](5)
print(ops[0](1).total)
class Greeter:
    def __init__(self, name):
        self.name = name
    def greet(self, other):
        return self.name + " greets " + other.name
g1, g2 = Greeter("A"), Greeter("B")
fs = [g1.greet, g2.greet]
print([f(g1) for f in fs])
unbound = Greeter.greet
print(unbound(g2, g1))
