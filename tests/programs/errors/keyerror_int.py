d = {}
for i in range(3):
    d[i] = i * i
print(d)
print(d[2 ** 70])
