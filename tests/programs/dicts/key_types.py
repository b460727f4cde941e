d = {}
d[1] = "int one"
d[True] = "bool true"
d[1.0] = "float one"
print(d, len(d))
d[0] = "zero"
d[False] = "false"
d[0.0] = "f zero"
d[-0.0] = "neg zero"
print(d)
e = {True: "t"}
e[1] = "one"
print(e)
m = {"1": "str", 1: "int", (1,): "tuple", 1.5: "float", None: "none", (1, 2): "pair"}
print(m["1"], m[1], m[(1,)], m[1.5], m[None], m[1, 2], m[True])
print(2 ** 64 in {2 ** 64: 1}, {2 ** 64: "big"}[2 ** 64], {2.0: "f"}[2])
k = {10 ** 20: "a", float(2 ** 70): "b"}
print(k[10 ** 20], k[2 ** 70])
