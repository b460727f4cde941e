d = {"a": 1, "b": 2, "c": 3}
print(d.get("a"), d.get("z"), d.get("z", 0), d.get("b", 99))
print(list(d.keys()), list(d.values()), list(d.items()))
print(d.keys(), d.values(), d.items())
print(d.setdefault("a", 50), d.setdefault("n", 50), d.setdefault("m"), d)
print(d.pop("a"), d.pop("zz", "default"), d)
try:
    d.pop("zz")
except KeyError as e:
    print("KeyError:", e)
groups = {}
for w in ["apple", "avocado", "banana", "blueberry", "cherry", "apricot"]:
    groups.setdefault(w[0], []).append(w)
print(groups)
print(len(d.keys()), "b" in d.keys(), 2 in d.values())
