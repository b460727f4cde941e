a, b = 0, 1
for i in range(301):
    if i % 20 == 0 or 88 <= i <= 96:
        print(i, a)
    a, b = b, a + b
def fib(n):
    x, y = 0, 1
    for i in range(n):
        x, y = y, x + y
    return x
print(fib(1000) % 1000000007)
print(len(str(fib(1000))))
