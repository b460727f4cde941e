x = 0
for i in range(3000):
    x += 1
    if i == 1000:
        x = x + 0.5
    if i == 2000:
        x = int(x) * 2 ** 70
print(x)
for i in range(3000):
    x //= 3
    if x < 10:
        break
print(i, x)
v = 1
log = []
for i in range(200):
    v = v * 3 if i < 100 else v // 3
    if i % 20 == 0 or i == 199:
        log.append(v)
print(log)
y = 10
for i in range(1000):
    if i == 500:
        y = "now a string"
    if i == 700:
        y = [1, 2]
    if i == 900:
        y = None
print(y)
z = 1.0
for i in range(2000):
    z = z * 1.001
    if i == 1500:
        z = int(z)
print(z, type(z).__name__)
