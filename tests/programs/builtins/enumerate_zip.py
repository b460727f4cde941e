for i, ch in enumerate("abc"):
    print(i, ch)
for i, v in enumerate([10, 20, 30], 1):
    print(i, v)
for i, v in enumerate(["x", "y"], start=100):
    print(i, v)
print(list(enumerate([])), list(enumerate("hi", -1)))
for a, b in zip([1, 2, 3], "abc"):
    print(a, b)
print(list(zip([1, 2, 3], [4, 5])), list(zip()), list(zip("ab", "cd", "ef")))
names = ["ann", "bob"]
ages = [30, 40]
d = {}
for n, a in zip(names, ages):
    d[n] = a
print(d)
for i, (n, a) in enumerate(zip(names, ages)):
    print(i, n, a)
