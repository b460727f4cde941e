# Lists mutated during indexing loops: growth, shrinking, element type changes.
xs = list(range(20))
i = 0
while i < len(xs):
    if xs[i] % 3 == 0:
        xs.append(xs[i] + 100)
    if len(xs) > 40:
        xs.pop(0)
    i += 1
print(xs)
ys = [1, 2, 3, 4, 5, 6, 7, 8]
total = 0
for j in range(400):
    k = j % len(ys)
    total += ys[k] if isinstance(ys[k], (int, float)) else len(ys[k])
    if j == 100:
        ys[3] = "four"
    if j == 200:
        ys[-1] = 2.5
        total = int(total)
    if j == 300:
        del ys[0:4]
print(total, ys)
try:
    for j in range(100):
        ys[j] = j
except IndexError as e:
    print("index:", e, ys)
