# A right operand whose class is a proper subclass of the left operand's
# goes first: with its reflected method when it overrides it (binary
# operators), with the swapped comparison always (rich comparisons).


class Base:
    def __init__(self, v):
        self.v = v

    def __add__(self, o):
        return ("Base.add", self.v, o.v)

    def __radd__(self, o):
        return ("Base.radd", self.v)

    def __mul__(self, o):
        return ("Base.mul", self.v)

    def __lt__(self, o):
        return "Base.lt"

    def __gt__(self, o):
        return "Base.gt"


class Sub(Base):
    def __radd__(self, o):
        return ("Sub.radd", self.v, o.v)


class Same(Base):
    pass


class Declines(Base):
    def __radd__(self, o):
        return NotImplemented

    def __gt__(self, o):
        return NotImplemented


def run(n):
    out = []
    b, s, same, dec = Base(1), Sub(2), Same(3), Declines(4)
    for i in range(n):
        r = [b + s, s + b, b + same, b * s, b < s, s < b, b < same, b + dec, b < dec]
        if i == n - 1:
            out = r
    return out


for r in run(60):
    print(r)
