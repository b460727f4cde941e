def f(a, b):
    return a // b
print(f(7, 2))
print(f(7, 0))
