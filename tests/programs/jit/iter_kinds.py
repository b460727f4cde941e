# One loop site iterating lists, tuples, strings, ranges (including negative
# and huge steps), dict views and a shared iterator advanced inside the
# loop: the iterator's kind learned at the first iteration must be re-tested
# whenever a different kind of iterator reaches the loop.

def count(xs):
    n = 0
    last = None
    for x in xs:
        n += 1
        last = x
    return n, last


def shared(xs):
    it = iter(xs)
    out = []
    for x in it:
        out.append(x)
        nxt = next(it, None)
        if nxt is not None:
            out.append(-nxt)
    return out


def main():
    for i in range(30):
        count([1, 2, 3, i])
        count(range(i))
    print(count(tuple(range(100))), count("abcdef"), count((4, 5)))
    print(count(range(10, 0, -3)), count(range(0, 2**60, 2**58)))
    print(count(range(2**50, 2**50 + 5)), count({1: 2, 3: 4}.items()))
    print(count([]), count(()), count(""), count(range(0)))
    for i in range(20):
        shared([1, 2, 3, 4, 5])
    print(shared([1, 2, 3, 4, 5]), shared(range(7)), shared("abc" * 0 + ""))
    xs = [1, 2, 3]
    seen = []
    for x in xs:
        seen.append(x)
        if len(xs) < 8:
            xs.append(x * 10)
    print(seen)


main()
