class Foo:
    def __init__(self):
        self.value = 1
        self.counter = 0
    def method(self):
        return self.valeu
f = Foo()
try:
    print(f.x)
except AttributeError as e:
    print("AttributeError:", e)
try:
    print(f.vale)
except AttributeError as e:
    print("AttributeError:", e)
try:
    f.method()
except AttributeError as e:
    print("AttributeError:", e)
try:
    print(Foo.nope)
except AttributeError as e:
    print("AttributeError:", e)
try:
    print((5).foo)
except AttributeError as e:
    print("AttributeError:", e)
try:
    "abc".uper()
except AttributeError as e:
    print("AttributeError:", e)
try:
    [].apend(1)
except AttributeError as e:
    print("AttributeError:", e)
try:
    None.x
except AttributeError as e:
    print("AttributeError:", e)
