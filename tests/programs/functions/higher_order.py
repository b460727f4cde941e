def apply_all(fs, x):
    out = []
    for f in fs:
        out.append(f(x))
    return out
def double(x):
    return x * 2
print(apply_all([double, str, abs, lambda v: v ** 2, len if False else double], -4))
def my_map(f, lst):
    return [f(v) for v in lst]
def my_filter(p, lst):
    return [v for v in lst if p(v)]
def my_reduce(f, lst, init):
    acc = init
    for v in lst:
        acc = f(acc, v)
    return acc
nums = list(range(1, 11))
print(my_map(double, nums), my_filter(lambda v: v % 3 == 0, nums), my_reduce(lambda a, b: a * b, nums, 1))
ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b}
for sym in ["+", "-", "*"]:
    print(sym, ops[sym](7, 3))
print(sorted(nums, key=lambda v: (v % 3, -v)))
