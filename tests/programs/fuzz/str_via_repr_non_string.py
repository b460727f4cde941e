# A class with a __repr__ that returns no string and no __str__: str() and
# print() report it as __str__'s result (object.__str__ calls __repr__),
# repr() and containers as __repr__'s. Found by the CPython oracle (seed
# 8009412, minimised).
class K:
    def __init__(self, a):
        pass

    def __repr__(self):
        pass


for f in (str, repr, lambda o: [o], lambda o: print(o)):
    try:
        r = f(K(1))
        print(str(r) if not isinstance(r, list) else "list")
    except TypeError as e:
        print("TypeError:", e)
try:
    print([K(2)])
except TypeError as e:
    print("TypeError:", e)
print(K(3))
