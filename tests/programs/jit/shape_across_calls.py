# JIT code keeps `self`'s shape across a call when no instance can leave that
# shape. These callees make a way out of it while the caller's loop is hot:
# the code after each call must stop trusting the old shape.


class Box:
    def __init__(self):
        self.n = 0
        self.tag = 1

    def touch(self, i):
        if i == 300:
            # The int slot widens: a new shape, and `self` moves to it.
            self.n = "widened"
        return i

    def loop(self, k):
        total = 0
        for i in range(k):
            self.touch(i)
            v = self.n
            if i < 300:
                total += v + self.tag
            else:
                total += len(v)
        return total


print("widen", Box().loop(1000))


class Gone:
    def __init__(self):
        self.a = 5
        self.b = 6

    def drop(self, i):
        if i == 200:
            del self.a

    def loop(self):
        s = 0
        for i in range(400):
            self.drop(i)
            try:
                s += self.a + self.b
            except AttributeError:
                s += 1000
        return s


print("del", Gone().loop())


class Grow:
    def __init__(self):
        self.x = 1

    def add(self, i):
        if i == 150:
            self.y = 2
        if i == 250:
            self.x = 1.5

    def loop(self):
        s = 0
        for i in range(400):
            self.add(i)
            s += self.x * 2
            if i > 150:
                s += self.y
        return s


print("grow", Grow().loop())


# Another object of the same class takes the way out; `self` keeps its shape.
class Pair:
    def __init__(self, other):
        self.v = 3
        self.other = other

    def poke(self, i):
        if i == 100 and self.other is not None:
            self.other.v = "s"
        return i

    def loop(self):
        t = 0
        for i in range(300):
            self.poke(i)
            t += self.v
        return t


inner = Pair(None)
outer = Pair(inner)
print("pair", outer.loop(), inner.v)
