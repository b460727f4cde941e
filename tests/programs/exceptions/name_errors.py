counter = 1
length = 2
def f():
    return countr
def g():
    lenght = 5
    return lenght + lenth
def h():
    return undefined_thing_xyz
tests = [f, g, h, lambda: prnt("x"), lambda: Lenn([1]), lambda: Exceptoin, lambda: tru, lambda: none]
for t in tests:
    try:
        t()
    except NameError as e:
        print("NameError:", e)
class K:
    def m(self):
        return self.valeu
    def __init__(self):
        self.value = 3
try:
    K().m()
except AttributeError as e:
    print("AttributeError:", e)
