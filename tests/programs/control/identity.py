a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, a is not c, b is not a)
x = None
print(x is None, x is not None, None is None, True is True, False is not True)
def f():
    pass
print(f() is None, f is f, len is len)
class K:
    pass
k1 = K()
k2 = k1
k3 = K()
print(k1 is k2, k1 is k3, k1 is not k3)
d = {"k": a}
print(d["k"] is a, d.get("zz") is None, d.get("k") is b)
t = (a, c)
print(t[0] is a, t[1] is c, t[0] is t[1])
flag = 0 == 0
print(flag is True, (1 > 2) is False, bool(1) is True)
