def fact(n):
    r = 1
    i = 2
    while i <= n:
        r *= i
        i += 1
    return r
def fact_rec(n):
    if n <= 1:
        return 1
    return n * fact_rec(n - 1)
for n in [0, 1, 5, 10, 20, 21, 25, 30, 50]:
    print(n, fact(n), fact(n) == fact_rec(n))
f100 = fact(100)
print(f100)
s = 0
for ch in str(f100):
    s += int(ch)
print("digit sum", s, "digits", len(str(f100)))
zeros = 0
x = f100
while x % 10 == 0:
    x //= 10
    zeros += 1
print("trailing zeros", zeros)
print(fact(100) // fact(98))
