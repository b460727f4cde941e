t = 0
for i in range(3000):
    t += (i % 3 == 0) + (i % 5 == 0) * 2
print(t)
flags = [i % 2 == 0 for i in range(100)]
print(sum(flags), flags.index(False), True in flags)
b = True
for i in range(1001):
    b = not b
print(b, b + 0, -b, b * 1.5)
c = 0
for i in range(1000):
    c += True
    c -= False
print(c, c is True, c == 1000)
x = True
for i in range(10):
    x = x + x
print(x, type(x).__name__)
print(True & 1, True | 2, False ^ True, ~False, True << 3, True / 4)
