log = []
def t(name, v):
    log.append(name)
    return v
def f(a, b, c=0):
    return a * 100 + b * 10 + c
print(f(t("a", 1), t("b", 2), c=t("c", 3)), log)
log = []
print(f(c=t("c", 3), b=t("b", 2), a=t("a", 1)), log)
log = []
r = [t("x", 1), t("y", 2)][t("i", 1)]
print(r, log)
log = []
d = {t("k1", "a"): t("v1", 1), t("k2", "b"): t("v2", 2)}
print(d, log)
log = []
print(t("l", 1) + t("r", 2) * t("rr", 3), log)
