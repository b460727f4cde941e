class Bag:
    def __init__(self):
        self.a = 1
b = Bag()
b.b = 2
b.c = [3]
b.a = "replaced"
print(b.a, b.b, b.c)
other = Bag()
try:
    print(other.b)
except AttributeError as e:
    print("AttributeError:", e)
for i in range(5):
    o = Bag()
    if i % 2:
        o.extra = i
        print(i, o.a, o.extra)
    else:
        o.other = -i
        print(i, o.a, o.other)
def method_like(self):
    return "fn"
b.fn = method_like
print(b.fn(b))
Bag.shared = "class-level"
print(b.shared, other.shared)
