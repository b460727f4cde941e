# Typed shapes: attribute slots whose value types differ between instances
# of one class, change after creation, or were added in different orders.
# A shape guard that fails must not leave the next version believing the
# old shape (or its slot types).

class P:
    def __init__(self, flip, a, b):
        if flip:
            self.b = b
            self.a = a
        else:
            self.a = a
            self.b = b

    def total(self):
        return self.a + self.b

    def shift(self, d):
        self.a = self.a + d
        return self.a


class Node:
    def __init__(self, v):
        self.v = v
        self.next = None


class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def add(self, o):
        return Vec(self.x + o.x, self.y + o.y)


def main():
    acc = Vec(0, 0)
    for i in range(60):
        acc = acc.add(Vec(i, i * 0.5))
    print(acc.x, acc.y)

    objs = [P(i % 2 == 0, i, i * 0.25) for i in range(8)]
    objs.append(P(True, "s", "t"))
    objs.append(P(False, 2**62, 2**62))
    objs.append(P(True, True, False))
    s = []
    for k in range(30):
        for o in objs:
            s.append(o.total())
    print(s[:12], s[-3:], len(s))

    for o in objs[:4]:
        for k in range(25):
            o.shift(0.5 if k % 3 == 0 else 1)
        print(o.a, o.b, o.total())
    objs[0].a = None
    try:
        objs[0].total()
    except TypeError as e:
        print("TypeError", e)

    head = Node(0)
    cur = head
    for i in range(1, 40):
        n = Node(i if i % 5 else float(i))
        cur.next = n
        cur = n
    total = 0
    cur = head
    while cur is not None:
        total = total + cur.v
        cur = cur.next
    print(total)

    big = Vec(2**46, 1)
    for i in range(40):
        big = big.add(Vec(2**46, -1))
    print(big.x, big.y)
    del big.y
    big.y = "y"
    print(big.add(Vec(1, "z")).y)


main()
