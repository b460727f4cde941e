# crossing the likely tagged-int widths: 2**31, 2**32, 2**46..2**48, 2**52..2**54, 2**62..2**64
for e in [31, 32, 46, 47, 48, 52, 53, 54, 62, 63, 64]:
    b = 2 ** e
    vals = [b - 2, b - 1, b, b + 1, -b - 1, -b, -b + 1]
    print(e, vals)
    print("  add", [v + 1 for v in vals])
    print("  sub", [v - 1 for v in vals])
    print("  mul", [v * 2 for v in vals], [v * -3 for v in vals])
    print("  neg", [-v for v in vals], [abs(v) for v in vals])
    print("  div", [v // 2 for v in vals], [v % 7 for v in vals], [v // -3 for v in vals])
    print("  shl", [v << 1 for v in vals], [v >> 1 for v in vals])
    print("  cmp", [v < b for v in vals], [v == b for v in vals])
    print("  flt", [float(v) for v in vals[:2]], [v / 2 for v in vals[:3]])
x = 1
for i in range(70):
    x = x * 2
    if i % 10 == 0 or i > 60:
        print(i, x, -x, x - 1)
for i in range(70):
    x = x // 2
    if i % 10 == 0 or i > 65:
        print(i, x)
acc = 0
step = 2 ** 45 + 12345
for i in range(2 ** 17):
    acc += step
    if i % 10007 == 3:
        acc = -acc
print(acc, acc // step, acc % step)
y = -(2 ** 47)
y -= 1
y += 1
y *= 1
print(y, y == -(2 ** 47), y - (-(2 ** 47)))
m = 3037000499
print(m * m, (m + 1) * (m + 1), m * -m, 94906265 * 94906265, 94906266 * 94906266)
print(2 ** 46 * 2 ** 1, 2 ** 23 * 2 ** 23, -(2 ** 23) * 2 ** 24, 11863283 * 11863283)
