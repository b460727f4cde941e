a = 17
b = 5
print(a + b, a - b, a * b)
print(-a + b, -a - b, -a * b, a * -b)
print(b - a, -(a - b), +a, -(-a))
print(0 * -1, -0, 0 - 0)
vals = [0, 1, -1, 7, -7, 100, -100, 12345, -98765]
for x in vals:
    row = []
    for y in vals:
        row.append(x * y + x - y)
    print(x, row)
total = 0
i = 0
while i < 1000:
    total = total + i * i - 3 * i
    i = i + 1
print("total", total)
print(3 - 2 - 1, 2 * 3 + 4 * 5, (2 + 3) * (4 - 9))
print(10 - -3, 10 + -3, -10 - +3)
