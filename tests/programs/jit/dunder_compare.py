# Comparisons on instances: JIT code calls the left operand's __lt__ (...)
# directly. NotImplemented, reflected methods, != without __ne__, other
# classes and rebinding must follow the runtime protocol.


class P:
    def __init__(self, k):
        self.k = k

    def __lt__(self, o):
        if not isinstance(o, P):
            return NotImplemented
        return self.k < o.k

    def __eq__(self, o):
        if isinstance(o, P):
            return self.k == o.k
        if isinstance(o, int):
            return self.k == o
        return NotImplemented

    def __gt__(self, o):
        return self.k > o.k


class Q:
    def __gt__(self, o):
        return "Q.gt"


def run(n):
    ps = [P(i % 7) for i in range(20)]
    lt = eq = ne = 0
    log = []
    for i in range(n):
        a, b = ps[i % 20], ps[(i * 3) % 20]
        if a < b:
            lt += 1
        if a == b:
            eq += 1
        if a != b:
            ne += 1
        if a == 3:
            eq += 100
        if i == 5:
            log.append(a < Q())
        if i == 6:
            try:
                a < "s"
            except TypeError as e:
                log.append(str(e))
            log.append(a == "s")
        if i == 50:
            P.__lt__ = lambda self, o: True
    return lt, eq, ne, log, max(ps).k, sorted(ps)[0].k


print(run(200))
