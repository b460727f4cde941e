# A method call whose arguments change the receiver's shape (add, widen or
# delete attributes, or rebind the method) between the method load and the
# call: the callee must not trust the shape seen at the load.

class A:
    def __init__(self, x):
        self.x = x

    def get(self, k):
        return self.x + k


def grow(a, i):
    a.extra = i
    return i


def widen(a, i):
    a.x = float(a.x) if i % 2 else str(a.x)
    return 0 if i % 2 else ""


def drop(a):
    del a.x
    return 1


def rebind(i):
    if i == 30:
        A.get = lambda self, k: ("rebound", k)
    return i


def main():
    out = []
    for i in range(40):
        a = A(i)
        out.append(a.get(grow(a, i)))
    print(out[-5:])
    for i in range(40):
        a = A(i)
        out.append(a.get(widen(a, i)))
    print(out[-6:])
    for i in range(25):
        a = A(i)
        try:
            out.append(a.get(drop(a) if i > 20 else 1))
        except AttributeError as e:
            out.append(str(e))
    print(out[-6:])
    for i in range(40):
        a = A(i)
        out.append(a.get(rebind(i)))
    print(out[-12:])


main()
