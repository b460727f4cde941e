# Calls that bind defaults, keyword arguments and keyword-only parameters:
# JIT code lays the callee's parameters out itself when the call shape
# allows it, and leaves every error to the generic path (same messages).


def add(a, b=1, *, c=0):
    return a + b + c


def mixed(x, y=2.5, z="z", *, flag=False, scale=3):
    return (x * scale + (y if flag else 0), z)


class Acc:
    def __init__(self, start=0, step=1):
        self.total = start
        self.step = step

    def bump(self, times=1, *, by=None):
        self.total += (self.step if by is None else by) * times
        return self.total


def run(n):
    t = 0
    acc = Acc(step=2)
    for i in range(n):
        t += add(i) + add(i, 2) + add(i, b=3) + add(i, c=4) + add(b=5, a=i) + add(i, 6, c=7)
        r = mixed(i, flag=i % 2 == 0)
        t += r[0] if isinstance(r[0], int) else int(r[0])
        t += len(mixed(i, z="abc", y=1)[1])
        acc.bump()
        acc.bump(2, by=i % 3)
        acc.bump(times=3)
    return t, acc.total, Acc(5).bump(by=2)


print(run(300))

# Errors keep CPython's messages, in a hot loop too.
for call in (
    lambda: add(),
    lambda: add(1, 2, 3),
    lambda: add(1, a=2),
    lambda: add(1, d=2),
    lambda: mixed(1, 2, 3, 4),
    lambda: Acc(1, 2, 3),
):
    for i in range(30):
        try:
            call()
        except TypeError as e:
            msg = str(e)
    print(msg)
