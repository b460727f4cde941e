def r(kind):
    if kind == 0:
        raise ValueError
    if kind == 1:
        raise ValueError()
    if kind == 2:
        raise ValueError("with msg")
    if kind == 3:
        err = TypeError("prebuilt")
        raise err
    if kind == 4:
        raise Exception("generic")
for k in range(5):
    try:
        r(k)
    except Exception as e:
        print(k, repr(e), str(e), e.args)
try:
    raise 5
except TypeError as e:
    print("TypeError:", e)
try:
    raise
except RuntimeError as e:
    print("RuntimeError:", e)
