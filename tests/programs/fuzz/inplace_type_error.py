# Found by the differential fuzzer's CPython oracle (minimised): a failing
# augmented assignment named its operator without the '=' ("for |:" instead
# of CPython's "for |=:"), in the interpreter and in JIT code alike.
def t0():
    acc1 = 7
    for i9 in range(12):
        try:
            acc1 |= ((1.7976931348623157e308 or i9),)
        except Exception as e:
            print(type(e).__name__, e)
        try:
            acc1 += (i9 if i9 < 6 else 'ab')
        except Exception as e:
            print(type(e).__name__, e)
    print(acc1)
t0()
x = 1.5
x -= 'a'
