# An exception raised deep in hot JIT code and caught outside it.
def inner(i):
    if i == 777:
        raise ValueError("deep " + str(i))
    return i * 2

def middle(i):
    return inner(i) + 1

def outer(n):
    s = 0
    for i in range(n):
        s += middle(i)
    return s

try:
    outer(2000)
except ValueError as e:
    print("caught", e)
print(outer(700))

def depth(n):
    if n == 0:
        return 0
    return depth(n - 1) + 1

print(depth(900))
try:
    depth(5000)
except RecursionError as e:
    print("recursion:", e)

def fails_late(xs):
    t = 0
    for x in xs:
        t += 10 // x
    return t

try:
    fails_late(list(range(50, 0, -1)) + [0])
except ZeroDivisionError as e:
    print("zero:", e)
