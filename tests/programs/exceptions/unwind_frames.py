def level(n):
    try:
        if n == 0:
            raise ValueError("bottom")
        return level(n - 1)
    finally:
        print("unwinding", n)
try:
    level(5)
except ValueError as e:
    print("caught at top:", e)
def guarded(n):
    try:
        return level(n)
    except ValueError:
        return "handled at guarded"
print(guarded(2))
def partial(n):
    if n == 0:
        raise KeyError("k")
    try:
        partial(n - 1)
    except IndexError:
        print("wrong type, not caught here", n)
try:
    partial(4)
except LookupError as e:
    print("LookupError:", repr(e))
