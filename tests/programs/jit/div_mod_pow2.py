# Floor division and modulo of ints by constant powers of two (compiled to
# shifts and masks), negative dividends and the 48-bit boundaries included,
# beside other divisors.

def run(vals):
    out = []
    for v in vals:
        out.append((v // 1, v % 1, v // 2, v % 2, v // 8, v % 8,
                    v // 1024, v % 1024, v // 2 ** 40, v % 2 ** 40,
                    v // 2 ** 46, v % 2 ** 46, v // 3, v % 3, v // -4, v % -4))
    return out


vals = [0, 1, -1, 2, -2, 7, -7, 8, -8, 1023, -1025, 2 ** 46, -(2 ** 46),
        2 ** 47 - 1, -(2 ** 47), 2 ** 47, -(2 ** 47) - 1, 2 ** 62, -(2 ** 63)]
res = None
for rep in range(30):
    res = run(vals)
for row in res:
    print(row)
t = 0
for i in range(-5000, 5000):
    t += i // 4 + i % 16 + (i * 7) // 2 - (i % 2)
print(t)
