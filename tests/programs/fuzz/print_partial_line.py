# Found by the differential fuzzer's CPython oracle (minimised): when str()
# of an argument fails, print() has already written the arguments before it
# and their separators; basil printed nothing of the line.
class K0:
    def __init__(self, a):
        self.x = a
    def __repr__(self):
        return 'K0(' + repr(self.x) + ')'
def t2():
    o26 = K0(1)
    for i in range(15):
        if i == 12:
            del o26.x
        try:
            print(i, 0.5, o26, 'after')
        except Exception as e:
            print(type(e).__name__, e)
    print(-140737488355300, 0.5, K0, 0, o26)
t2()
