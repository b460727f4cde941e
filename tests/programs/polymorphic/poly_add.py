# the same code sees many operand types (the JIT must version or deoptimize)
def add(a, b):
    return a + b
def mul(a, b):
    return a * b
def lt(a, b):
    return a < b
samples = [(1, 2), (1.5, 2), (2, 0.25), ("ab", "cd"), ([1], [2]), ((1,), (2, 3)),
           (2 ** 62, 2 ** 62), (True, True), (-(2 ** 63), -1), (0.1, 0.2), (2 ** 70, 1.0)]
for rnd in range(3):
    for a, b in samples:
        print(rnd, repr(add(a, b)), repr(mul(a, 3) if not isinstance(a, float) or rnd else mul(a, b)), lt(a, a))
acc_i = 0
acc_f = 0.0
acc_s = ""
for i in range(3000):
    acc_i = add(acc_i, i)
    acc_f = add(acc_f, i / 8)
    if i % 500 == 0:
        acc_s = add(acc_s, str(i))
print(acc_i, acc_f, acc_s)
mixed = 0
for i in range(2000):
    if i % 3 == 0:
        mixed = add(mixed, 1)
    elif i % 3 == 1:
        mixed = add(mixed, 0.5)
    else:
        mixed = add(mixed, True)
print(mixed, type(mixed).__name__)
