# Found by the differential fuzzer's CPython oracle (minimised): a NameError
# inside a function had no "Did you mean" hint drawn from the function's own
# local names (they are not interned, and the hint looked them up), e.g.
# `f0 = f1` in a function gives "Did you mean: 'f0'?" in CPython 3.11.
def t0():
    counter = 0
    for i in range(30):
        try:
            counter = counter + (i if i < 20 else countr)
        except NameError as e:
            print(i, e)
    print(counter)
    f0 = f1
t0()
