x = 10
print(x)
del x
try:
    print(x)
except NameError as e:
    print("NameError:", e)
x = 20
print(x)
a = b = 3
del a, b
def f():
    y = 1
    del y
    try:
        print(y)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
f()
lst = [1, 2, 3]
d = {"k": 1}
del lst[1], d["k"]
print(lst, d)
class O:
    pass
o = O()
o.attr = 5
del o.attr
try:
    print(o.attr)
except AttributeError as e:
    print("AttributeError:", e)
