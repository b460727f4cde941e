d = {}
for k in ["one", "two", "three", "four", "five"]:
    d[k] = len(k)
print(d)
del d["two"]
print(d)
d["two"] = 2
print(d)
d["one"] = 11
print(d)
d.pop("three")
d["three"] = 3
print(list(d))
for i in range(100):
    d["tmp" + str(i)] = i
for i in range(100):
    if i % 3 != 0:
        del d["tmp" + str(i)]
print(len(d), list(d)[:8])
for i in range(0, 100, 3):
    del d["tmp" + str(i)]
print(d)
e = {1: "a", 2: "b"}
del e[1]
e[1] = "c"
print(e)
