# additions and subtractions crossing 2**62, 2**63, 2**64 in both directions
b62 = 4611686018427387904
b63 = 9223372036854775808
b64 = 18446744073709551616
print(b62 == 2 ** 62, b63 == 2 ** 63, b64 == 2 ** 64)
for base in [b62, b63, b64]:
    for d in [-2, -1, 0, 1, 2]:
        print(base + d, base - 1 + d, -base + d, -base - 1 - d)
x = b62 - 3
for i in range(6):
    x = x + 1
    print(x, x - b62)
x = -b63 + 2
for i in range(5):
    x = x - 1
    print(x)
big = b64 + b64 + b64
print(big, big - b64 - b64 - b64, big - big)
m = 9223372036854775807
print(m + 1, m + m, m + m + 2, -m - 1, -m - 2)
s = 0
for i in range(200):
    s += 2 ** 60
print(s)
for i in range(200):
    s -= 2 ** 60
print(s, s + 1)
