# Globals, builtins and methods rebound while a loop is hot.
def f(x):
    return x + 1

class K:
    def m(self):
        return 1

total = 0
k = K()
for i in range(3000):
    total += f(i) + k.m() + len([i])
    if i == 1000:
        def f(x):
            return x * 2
    if i == 1500:
        K.m = lambda self: 100
    if i == 2000:
        len = lambda x: -1
    if i == 2500:
        del len
print(total)

def g():
    return 7

def h():
    s = 0
    for i in range(2000):
        s += g()
    return s

print(h())
g = lambda: 9
print(h())
