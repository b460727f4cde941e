for n in range(-2, 3):
    print(n, "pos" if n > 0 else "zero" if n == 0 else "neg")
x = 5
y = x * 2 if x > 3 else x / 2
print(y)
print([("even" if i % 2 == 0 else "odd") for i in range(4)])
f = lambda v: v if v >= 0 else -v
print(f(-3), f(3))
calls = []
def t(v):
    calls.append(v)
    return v
r = t("a") if t(False) else t("b")
print(r, calls)
