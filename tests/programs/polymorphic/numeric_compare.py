vals = [0, 1, -1, 0.5, -0.5, 2 ** 53, 2 ** 53 + 1, float(2 ** 53), 2 ** 64, -(2 ** 64), 1e19, True, False, float("inf")]
n = len(vals)
lt = 0
eq = 0
for rep in range(20):
    for i in range(n):
        for j in range(n):
            a = vals[i]
            b = vals[j]
            if a < b:
                lt += 1
            if a == b:
                eq += 1
print(lt, eq)
for a in vals:
    print(repr(a), sum([1 for b in vals if a < b]), sum([1 for b in vals if a == b]))
x = 0
i = 0
while x < 1000.5:
    x += 1
    i += 1
print(x, i)
f = 0.0
while f < 100:
    f += 0.75
print(f)
