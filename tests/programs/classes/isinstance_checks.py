class A:
    pass
class B(A):
    pass
class C(B):
    pass
class D:
    pass
objs = [A(), B(), C(), D(), 1, "s", 1.5, [1], (1,), {}, None, True]
for o in objs:
    print(isinstance(o, A), isinstance(o, B), isinstance(o, C), isinstance(o, (B, D)))
print(isinstance(1, int), isinstance(True, int), isinstance(1.0, int), isinstance(1, float))
print(isinstance("", str), isinstance([], list), isinstance((), tuple), isinstance({}, dict))
print(isinstance(2 ** 80, int), isinstance(None, object), isinstance(A(), object))
print(isinstance(ValueError("x"), Exception), isinstance(KeyError(), LookupError), isinstance(1, (str, float)))
