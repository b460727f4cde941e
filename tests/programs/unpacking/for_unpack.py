for a, b in [(1, 2), (3, 4), [5, 6]]:
    print(a + b)
for k, v in sorted({"z": 26, "a": 1}.items()):
    print(k, v)
for x, y, z in ["abc", "def"]:
    print(z, y, x)
for i, (a, b) in enumerate(zip("xy", "XY")):
    print(i, a, b)
