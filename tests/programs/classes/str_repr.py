class Both:
    def __init__(self, v):
        self.v = v
    def __str__(self):
        return "Both(" + str(self.v) + ")"
    def __repr__(self):
        return "Both<" + repr(self.v) + ">"
class OnlyRepr:
    def __repr__(self):
        return "OnlyRepr!"
class OnlyStr:
    def __str__(self):
        return "OnlyStr!"
b = Both("x")
print(b, str(b), repr(b), [b], (b,), {"k": b})
r = OnlyRepr()
print(r, str(r), repr(r), [r])
s = OnlyStr()
print(s, str(s), f"{s}")
print(str([s])[:9])
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __str__(self):
        sign = "-" if self.cents < 0 else ""
        c = abs(self.cents)
        return sign + "$" + str(c // 100) + "." + f"{c % 100:02d}"
print(Money(12345), Money(-5), Money(100))
