vals = [0, 1, -1, 0.0, 0.5, -0.0, "", "a", " ", [], [0], (), (0,), {}, {0: 0}, None, True, False, 2 ** 70, float("nan")]
for v in vals:
    if v:
        print(repr(v), "truthy", bool(v))
    else:
        print(repr(v), "falsy", bool(v))
class C:
    pass
print(bool(C()), bool(C), bool(len))
n = 3
while n:
    print("n", n)
    n -= 1
