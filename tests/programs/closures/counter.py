def make_counter(start=0, step=1):
    n = start
    def inc():
        nonlocal n
        n += step
        return n
    return inc
c1 = make_counter()
c2 = make_counter(100, 10)
print(c1(), c1(), c2(), c1(), c2())
counters = [make_counter(i) for i in range(3)]
for c in counters:
    c()
print([c() for c in counters])
