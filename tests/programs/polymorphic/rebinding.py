def f(x):
    return x + 1
def g(x):
    return x * 100
out = []
for i in range(2000):
    if i == 1000:
        f = g
    out.append(f(i))
print(out[998:1003], sum(out))
class C:
    def m(self):
        return "orig"
def replacement(self):
    return "patched"
c = C()
res = []
for i in range(1500):
    if i == 700:
        C.m = replacement
    if i == 1200:
        c.m = lambda: "instance attr"
    res.append(c.m())
print(res[699], res[700], res[1199], res[1200], len(res))
def my_len(x):
    return -1
total = 0
for i in range(1000):
    if i == 400:
        len = my_len
    if i == 800:
        del len
    total += len("abc")
print(total)
K = 5
def useK():
    return K * 2
acc = 0
for i in range(1000):
    if i == 600:
        K = 0.5
    acc += useK()
print(acc)
