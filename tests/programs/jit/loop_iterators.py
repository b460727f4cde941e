# `for` loops give their iterators back for reuse when they end. An iterator
# someone else can still see (made by iter(), shared between loops, passed
# to a comprehension) must keep its place.


def first_even(xs):
    for x in xs:
        if x % 2 == 0:
            return x
    return None


def nested(n):
    total = 0
    for i in range(n):
        for j in range(i):
            if j > 5:
                break
            total += j
        for k in [i, i + 1, i + 2]:
            total += k
    return total


def shared(n):
    it = iter(range(n))
    out = []
    for a in it:
        if a == 3:
            break
        out.append(a)
    # The same iterator goes on where it stopped.
    for b in it:
        out.append(b * 10)
        if b > 6:
            break
    out.append(next(it))
    return out


def zipped(n):
    it = iter(list(range(n)))
    pairs = []
    for a in it:
        for b in it:
            pairs.append((a, b))
            break
    return pairs


def comprehensions(n):
    acc = 0
    for r in range(n):
        acc += sum([x * r for x in range(5)])
        acc += len([y for y in "abc" if y != "b"])
    return acc


def raising(n):
    caught = 0
    for r in range(n):
        try:
            for x in [1, 2, 0, 4]:
                caught += 10 // x
        except ZeroDivisionError:
            caught += 1
    return caught


for rounds in range(3):
    print(first_even([1, 3, 5, 6, 7]), first_even([1, 3]), nested(40))
    print(shared(12), zipped(7))
    print(comprehensions(50), raising(50))
