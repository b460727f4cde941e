print(dict(), dict([("a", 1), ("b", 2)]), dict(x=1, y="two"), dict({"k": "v"}))
print(dict([(i, i * i) for i in range(5)]), dict(zip("abc", [1, 2, 3])))
print(dict([("a", 1)], b=2), dict(enumerate("xy")))
a = {"q": [1]}
b = dict(a)
b["q"].append(2)
b["r"] = 0
print(a, b)
