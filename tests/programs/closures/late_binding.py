fns = []
for i in range(4):
    fns.append(lambda: i)
print([f() for f in fns])
fns2 = []
for i in range(4):
    fns2.append(lambda i=i: i)
print([f() for f in fns2])
def make(i):
    return lambda: i * 10
fns3 = [make(i) for i in range(4)]
print([f() for f in fns3])
def outer():
    v = 1
    f = lambda: v
    v = 2
    return f
print(outer()())
