# NameError "Did you mean" scans the module's globals in the order they
# were bound (CPython's dict order), not alphabetically: 'f0' and 't0' are
# equally close to 'K0', and 't0' was bound first ('f0' only when t0()
# ran). Found by the CPython oracle (seed 2692991057870905041, minimised).
def f1(p0, q='xyz'):
    pass


def t0():
    global f0, g1, f1
    f0 = f1


t0()
o31 = K0
