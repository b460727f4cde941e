# for-loops over range() calls: every arity, negative and empty ranges,
# step zero raising, huge bounds, and range rebound while the loop is hot.
real_range = range


def sums(n):
    t = 0
    for i in range(n):
        t += i
    for i in range(2, n):
        t += i
    for i in range(n, -n, -3):
        t += i
    for i in range(n, 0):
        t += 1000
    return t


def stepper(k):
    t = 0
    for i in range(0, 10, k):
        t += i
    return t


def wide(a):
    c = 0
    for i in range(a, a + 3):
        c += i
    return c


def patched(n):
    t = 0
    for i in range(n):
        t += i
    return t


def main():
    total = 0
    for n in range(200):
        total += sums(n)
    print(total)
    print([stepper(k) for k in (1, 2, 3, -1, 7)])
    try:
        for k in (3, 2, 1, 0):
            print(stepper(k))
    except ValueError as e:
        print("ValueError:", e)
    print(wide(2 ** 46), wide(-(2 ** 47)), wide(2 ** 62))
    print(rebind())
    print(patched(5))


def fake_range(n):
    return [n, n, n]


def rebind():
    global range
    acc = 0
    for rep in real_range(50):
        acc += patched(20)
    range = fake_range
    acc += patched(20)
    range = real_range
    return acc


main()
