total = 0.0
for i in range(1, 101):
    total += 1.0 / i
print(total)
s = 0.0
for i in range(1000):
    s += 0.001
print(s)
pi4 = 0.0
sign = 1.0
for k in range(1000):
    pi4 += sign / (2 * k + 1)
    sign = -sign
print(pi4 * 4)
x = 1.0
for i in range(50):
    x = x / 2 + 1 / x
print(x)
vals = []
v = 1.0
for i in range(12):
    vals.append(v)
    v = v * 0.3 + 0.01
print(vals)
