def inner():
    try:
        raise ValueError("original")
    except ValueError:
        print("inner logging, re-raising")
        raise
try:
    inner()
except ValueError as e:
    print("outer got:", e)
def convert():
    try:
        {}["missing"]
    except KeyError as e:
        raise RuntimeError("converted: " + str(e))
try:
    convert()
except RuntimeError as e:
    print(type(e).__name__, e)
def rethrow_other():
    try:
        raise TypeError("first")
    except TypeError as e:
        err = e
    raise err
try:
    rethrow_other()
except TypeError as e:
    print("rethrown:", e)
try:
    try:
        raise KeyError("k")
    except KeyError as e:
        print("handling", repr(e))
        raise
except Exception as e2:
    print("got again:", repr(e2))
