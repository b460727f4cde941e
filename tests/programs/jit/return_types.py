# Direct calls continue in a version chosen by the type the callee returned:
# results of every type, one call site seeing several, callees finished by
# the interpreter after a side exit, results used straight away in
# arithmetic, branches and indexing.

def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def pick(i):
    k = i % 7
    if k == 0:
        return i
    if k == 1:
        return i * 0.5
    if k == 2:
        return "s" + str(i)
    if k == 3:
        return None
    if k == 4:
        return [i, i]
    if k == 5:
        return i > 10
    return (i,)


def grow(x):
    # Overflows out of the small-int range: the JIT exits and the
    # interpreter finishes the call with a big int.
    return x * 1000003


def half(x):
    return x / 2


def describe(v):
    if v is None:
        return "none"
    return type(v).__name__


def main():
    print(fib(20))
    seen = {}
    total = 0
    for i in range(2000):
        v = pick(i)
        name = describe(v)
        seen[name] = seen.get(name, 0) + 1
        if isinstance(v, int) and not isinstance(v, bool):
            total += v
    print(sorted(seen.items()), total)
    x = 3
    for i in range(12):
        x = grow(x)
    print(x, x % 1000)
    acc = 0.0
    for i in range(1000):
        acc += half(i) + half(i * 1.5)
    print(acc)
    lst = [pick(i * 7 + 4) for i in range(5)]
    print(lst[0][1] + lst[4][0], len(lst))


main()
