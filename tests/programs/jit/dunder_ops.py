# Binary operators on instances: JIT code calls the left operand's dunder
# method directly. NotImplemented, reflected methods, in-place methods,
# other classes, rebinding and exceptions must follow the runtime protocol.


class V:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, o):
        if isinstance(o, V):
            return V(self.x + o.x, self.y + o.y)
        if isinstance(o, (int, float)):
            return V(self.x + o, self.y + o)
        return NotImplemented

    def __mul__(self, k):
        return V(self.x * k, self.y * k)

    def __sub__(self, o):
        if o == 0:
            raise ValueError("no zero")
        return V(self.x - o.x, self.y - o.y)

    def __iadd__(self, o):
        if isinstance(o, str):
            return NotImplemented
        self.x += 1
        return self

    def __repr__(self):
        return f"V({self.x}, {self.y})"


class W:
    def __init__(self, v):
        self.v = v

    def __radd__(self, other):
        return "W.radd"


class Plain:
    pass


def run(n):
    a = V(0, 0)
    one = V(1, 2)
    log = []
    for i in range(n):
        a = a + one
        a = a + 1
        b = one * 2.5
        c = a - one
        if i == 10:
            log.append(a + W(3))
        if i == 20:
            try:
                a + Plain()
            except TypeError as e:
                log.append(str(e))
        if i == 30:
            try:
                a - 0
            except ValueError as e:
                log.append(str(e))
        if i == 40:
            V.__mul__ = lambda self, k: V(-1, -1)
        d = V(5, 5)
        d += one
        d += 2
        try:
            d += "s"
        except TypeError as e:
            if i == 50:
                log.append(str(e))
    return a, b, c, d, log


print(run(100))
