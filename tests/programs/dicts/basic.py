d = {}
print(d, len(d), bool(d))
d["a"] = 1
d["b"] = 2
d["c"] = 3
print(d, len(d), d["b"], "a" in d, "z" in d, "z" not in d)
d["a"] = 100
print(d)
e = {"x": [1, 2], "y": {"z": None}, 3: "three", 2.5: True}
print(e, e[3], e[2.5], e["y"]["z"])
print({} == {}, {"a": 1} == {"a": 1}, {"a": 1} != {"a": 2}, {"a": 1, "b": 2} == {"b": 2, "a": 1})
f = d
f["new"] = 0
print(d is f, d)
print({1: 1, 1: 2}, {"k": 1, "k": 3, "j": 0})
