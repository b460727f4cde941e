def f():
    try:
        return "try"
    finally:
        print("finally runs")
def g():
    try:
        return "try"
    finally:
        return "finally wins"
def h():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"
def k():
    x = 1
    try:
        return x
    finally:
        x = 2
        print("x set to", x)
def counter():
    n = 0
    for i in range(5):
        try:
            if i == 3:
                return n
            n += i
        finally:
            n += 100
    return n
print(f())
print(g())
print(h())
print(k())
print(counter())
