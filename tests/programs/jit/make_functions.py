# Functions made in hot loops (lambdas, nested defs with defaults, keyword
# defaults and closures): JIT code makes them with a helper and goes on.


def run(n):
    total = 0
    fs = []
    for i in range(n):
        k = i % 5
        f = lambda x, k=k: x * k
        g = lambda x: x + i
        def h(a, b=2, *, c=k):
            return a * b + c
        total += f(3) + g(1) + h(1) + h(2, 3, c=1)
        if i % 50 == 0:
            fs.append(g)
    return total, [f(1) for f in fs], sorted([3, 1, 2], key=lambda v: -v)


def counter():
    count = 0
    def bump(step=1):
        nonlocal count
        count += step
        return count
    return bump


print(run(200))
b = counter()
for i in range(100):
    b(i % 3)
print(b(0))
