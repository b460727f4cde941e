def f(n):
    if n == 0:
        return 0.5
    if n % 3 == 0:
        return f(n - 1) + 1
    if n % 3 == 1:
        return f(n - 1) * 2 if n < 40 else f(n - 1) + 2 ** 62
    return f(n - 1) - 1
for n in [0, 1, 5, 10, 39, 40, 41, 60]:
    print(n, f(n))
def g(n, acc):
    if n == 0:
        return acc
    return g(n - 1, acc + (n if n % 2 else str(n)[0:0] and 0 or 0.5))
print(g(500, 0))
def walk(x):
    if isinstance(x, list):
        s = 0
        for y in x:
            s += walk(y)
        return s
    if isinstance(x, str):
        return len(x)
    return x
print(walk([1, [2.5, "abc", [2 ** 70, [True, ["xy"]]]], -3]))
