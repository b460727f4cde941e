# Found by the differential fuzzer's CPython oracle (minimised; the oracle
# compares whole tracebacks): CPython prints a run of identical traceback
# entries three times, then "[Previous line repeated N more times]"; basil
# printed every one. tests/differential.rs checks this file's full stderr.
def rec(d, x):
    if d <= 0:
        return x + 'a'
    return rec(d - 1, x + 0.5) + 1
for i in range(20):
    try:
        rec(i % 7, 1.5)
    except TypeError as e:
        print(i, e)
print(rec(2, 'a'))
rec(6, 1.5)
