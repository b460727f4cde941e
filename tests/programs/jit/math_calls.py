# math functions of one float called from hot loops: JIT code calls them
# directly. Domain and range errors, int arguments, and rebinding the
# function (on the module, or a name imported from it) must behave as in
# CPython.
import math
from math import sqrt, exp


def total(n):
    t = 0.0
    for i in range(1, n):
        x = i * 0.01
        t += math.sqrt(x) + math.sin(x) * math.cos(x) + math.fabs(-x) + math.atan(x)
        t += sqrt(i) + math.tan(x / 100.0) + exp(-x)
    return t


print(round(total(500), 6))


def errors(n):
    caught = []
    for i in range(n):
        try:
            v = math.sqrt(10 - i)
        except ValueError as e:
            caught.append(str(e))
        try:
            v = exp(i * 100.0)
        except OverflowError as e:
            caught.append(str(e))
    return caught[:2], len(caught)


print(errors(30))


def rebound(n):
    t = 0.0
    for i in range(n):
        t += math.sqrt(i)
        if i == 40:
            math.sqrt = lambda v: -1.0
    return t


saved = math.sqrt
print(rebound(80))
math.sqrt = saved


def global_rebound(n):
    global sqrt
    t = 0.0
    for i in range(n):
        t += sqrt(4.0)
        if i == 40:
            sqrt = abs
    return t


print(global_rebound(80))
print(math.sqrt(2), math.sqrt(True))
