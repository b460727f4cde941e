# Found by the differential fuzzer (JIT modes; minimised): the JIT learnt
# `self`'s shape before emitting the shape guard, so the guard's failure
# target (the next version in the guard chain) assumed the very shape that
# had just failed. After `del o.z` rebuilt the instance's layout, m0 read
# `self.n` from a stale slot: garbage floats, or memory past the slots.
class K0:
    pass
class K2(K0):
    def __init__(self, a):
        self.z = [1, 2.5]
        self.n = 0
    def m0(self, a):
        self.n += 1
        return self.n
def t0():
    o8 = K2(0.5)
    for i10 in range(3):
        print(o8.m0(0))
        try:
            del o8.z
        except AttributeError as e:
            print(e)
        o8.w = i10
t0()
o = K2(1)
print(o.m0(0))
del o.z
print(o.m0(0), o.n)
