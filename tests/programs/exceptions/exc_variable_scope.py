try:
    1 / 0
except ZeroDivisionError as e:
    print("inside:", e)
try:
    print(e)
except NameError as ne:
    print("NameError:", ne)
e = "rebound"
print(e)
def f():
    err = None
    try:
        raise ValueError("kept")
    except ValueError as ex:
        err = ex
    return err
print(repr(f()))
