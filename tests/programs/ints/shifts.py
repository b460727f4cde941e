for s in range(0, 70, 7):
    print(s, 1 << s, 3 << s, -1 << s, -5 << s)
for s in [0, 1, 2, 5, 10, 63, 64, 100, 1000]:
    print(s, 1000000 >> s, -1000000 >> s, -1 >> s, 7 >> s)
print(1 << 100)
print((1 << 100) >> 99, (1 << 100) >> 100, (1 << 100) >> 101)
print(-(1 << 100) >> 50)
print(0 << 1000, 0 >> 1000)
x = 1
x <<= 62
print(x)
x <<= 1
print(x)
x <<= 1
print(x)
x >>= 64
print(x)
try:
    print(1 << -1)
except ValueError as e:
    print("ValueError", e)
try:
    print(1 >> -1)
except ValueError as e:
    print("ValueError", e)
