# Found by the differential fuzzer's CPython oracle (minimised): `x in obj`
# on an instance without __contains__ or __iter__ raised "'K0' object is not
# iterable" instead of CPython's "argument of type 'K0' is not iterable".
class K0:
    def __init__(self, a):
        self.x = a
o7 = K0(0.5)
for i in range(12):
    try:
        print((i not in o7) if i % 2 else (i in o7))
    except Exception as e:
        print(type(e).__name__, e)
print('x' in K0(1))
