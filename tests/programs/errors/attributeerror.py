class Foo:
    pass
f = Foo()
print("made foo")
print(f.x)
