a = 7.5
b = -2.25
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** 2, b ** 2)
print(0.1 + 0.7, 1.0 - 0.9, 3.0 * 0.1, 0.3 / 0.1, 1e-10 + 1)
print(2 + 0.5, 3 * 1.5, 7 / 2.0, 1 - 0.25, 10 // 3.0, 10 % 3.0)
x = 0.0
for i in range(10):
    x += 0.1
print(x, x == 1.0, abs(x - 1.0) < 1e-9)
acc = 1.0
for i in range(1, 30):
    acc = acc * 1.5 - 0.25 * i
print(acc)
y = 2.0
y *= 3
y -= 0.5
y /= 4
y **= 2
print(y)
print(-a, +a, -(-a), abs(b))
