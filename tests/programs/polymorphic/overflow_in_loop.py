p = 1
for i in range(1, 40):
    p *= i
    if i > 17:
        print(i, p)
s = 0
for i in range(5000):
    s += 2 ** 50 + i
print(s)
n = 2 ** 61
for i in range(10):
    n = n + n
    print(i, n)
for i in range(10):
    n = n - 2 ** 60 * i
print(n)
m = -1
for i in range(70):
    m = m * 2
print(m, m - 1, -m)
for i in range(70):
    m = m // 2
print(m)
q = 3
for i in range(100):
    q = (q * q) % (2 ** 61 - 1)
print(q)
h = 0
for i in range(3000):
    h = (h * 31 + i) & 0xFFFFFFFFFFFFFFFF
print(h)
h2 = 0
for i in range(3000):
    h2 = h2 * 31 + i
print(h2 % 1000000007, h2 > 10 ** 4000, h2 < 10 ** 4500)
