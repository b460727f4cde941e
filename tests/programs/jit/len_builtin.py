# len() of lists, tuples and strs (read inline by the JIT) beside dicts and
# instances with __len__, values whose type changes at one site, and len
# rebound while hot.
real_len = len


class Box:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n


def total(xs):
    t = 0
    for x in xs:
        t += len(x)
    return t


def lengths():
    lst = []
    out = 0
    for i in range(300):
        lst.append(i)
        out += len(lst) + len((i, i)) + len("héllo" * (i % 4)) + len("")
    return out


def fake_len(x):
    return -1


def rebind():
    global len
    t = 0
    for i in range(100):
        if i == 60:
            len = fake_len
        t += len([1, 2, 3])
    len = real_len
    return t


print(lengths())
print(total([[1, 2], (3,), "abc", {"a": 1}, Box(7), "ü€", [], ()] * 50))
print(rebind(), len([0] * 5))
try:
    print(total([[1], 5]))
except TypeError as e:
    print("TypeError:", e)
