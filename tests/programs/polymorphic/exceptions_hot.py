caught = 0
total = 0
for i in range(3000):
    try:
        total += 1000 // (i % 100)
    except ZeroDivisionError:
        caught += 1
print(caught, total)
d = {}
misses = 0
for i in range(2000):
    try:
        d[i % 50] += 1
    except KeyError:
        misses += 1
        d[i % 50] = 1
print(misses, d[0], d[49])
def maybe_fail(i):
    if i % 250 == 0:
        raise ValueError("bad " + str(i))
    return i
ok = 0
msgs = []
for i in range(2000):
    try:
        ok += maybe_fail(i)
    except ValueError as e:
        msgs.append(str(e))
    finally:
        ok += 1
print(ok, msgs)
lst = [1, 2, 3]
hits = 0
for i in range(1000):
    try:
        hits += lst[i % 5]
    except IndexError:
        hits -= 1
print(hits)
