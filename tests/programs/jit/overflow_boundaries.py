# Int arithmetic crossing the unboxed range and 2**62 / 2**63 / 2**64 in hot loops.
def grow(start, k, n):
    v = start
    out = []
    for i in range(n):
        v = v * k + i
        out.append(v)
    return out

for start in (1, -1, 2**46, -(2**46), 2**47 - 1, -(2**47)):
    vals = grow(start, 2, 70)
    print(start, vals[45], vals[46], vals[47], vals[61], vals[62], vals[63], vals[-1])

acc = 0
for i in range(200):
    acc += 2**62 - i
    acc -= 2**62
print(acc)
x = 2**63 - 1
for i in range(100):
    x = x + 1 - 1
    x = -x
print(x, x * x, x // 7, x % 7, -x >> 3)
m = 1
for i in range(1, 100):
    m = (m * 3) % (2**64 + 13)
print(m)
