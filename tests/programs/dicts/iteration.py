d = {"x": 1, "y": 2, "z": 3}
for k in d:
    print(k, d[k])
for k, v in d.items():
    print(k, "->", v)
for v in d.values():
    print(v * 10)
total = 0
for k in d.keys():
    total += d[k]
print(total)
for i, k in enumerate(d):
    print(i, k)
print(sorted(d), sorted(d.values(), reverse=True), list(reversed(list(d))))
inv = {}
for k, v in d.items():
    inv[v] = k
print(inv)
