vals = [1, 1.0, "1", [1], (1,), {1: 1}, None, True, 2 ** 80]
for v in vals:
    print(repr(v), isinstance(v, int), isinstance(v, float), isinstance(v, str), isinstance(v, list), isinstance(v, tuple), isinstance(v, dict), isinstance(v, bool))
print(isinstance(3, (float, int)), isinstance("x", (list, tuple)))
