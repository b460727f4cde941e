# Float specials through JIT fast paths: NaN compares, -0.0, inf, int/float mixing.
nan = float("nan")
inf = float("inf")
vals = [0.0, -0.0, 1.5, -2.25, inf, -inf, nan, 3, -7, 2**40, 0]
lt = eq = ne = ge = 0
acc = 0.0
for r in range(50):
    for a in vals:
        for b in vals:
            if a < b:
                lt += 1
            if a == b:
                eq += 1
            if a != b:
                ne += 1
            if a >= b:
                ge += 1
            if b != 0 and not (isinstance(a, float) and a != a):
                acc += a * 0.5 - b * 0.25
print(lt, eq, ne, ge)
print(acc, -0.0 * 1, 0.0 * -1, 1 / inf, -1 / inf)
x = 1e308
for i in range(5):
    x = x * 10
print(x, x - x, -x)
z = 0
for i in range(100):
    z = z + i * 0.1
print(z, z == 495.0, round(z, 6))
try:
    for i in range(10):
        print(1.0 / (5 - i))
except ZeroDivisionError as e:
    print("zero:", e)
