def append_to(x, acc=[]):
    acc.append(x)
    return acc
print(append_to(1))
print(append_to(2))
print(append_to(3, []))
print(append_to(4))
def counter(d={}):
    d["n"] = d.get("n", 0) + 1
    return d["n"]
print(counter(), counter(), counter(), counter({}))
calls = []
def make_default():
    calls.append("evaluated")
    return 42
def uses(x=make_default()):
    return x
print(uses(), uses(), uses(1), calls)
