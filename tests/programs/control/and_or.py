print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or "default", "" or [] or 0)
print([] and "x", [1] and "x", "a" or "b", 0.0 or -0.0, None and 1)
print(not 1, not 0, not "", not [0], not None, not not 5)
log = []
def t(name, val):
    log.append(name)
    return val
print(t("a", 0) and t("b", 1), log)
log = []
print(t("a", 1) or t("b", 1), log)
log = []
print(t("a", 1) and t("b", 0) or t("c", "C"), log)
x = None
name = x or "anonymous"
print(name)
d = {}
print(d.get("k") or "missing", d and d["k"])
print(1 < 2 and 2 < 3, 1 > 2 or 3, (1 and 0) or (2 and 3))
