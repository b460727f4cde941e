def f():
    try:
        1 / 0
    except ZeroDivisionError:
        [][0]
try:
    f()
except IndexError as e:
    print("IndexError from except block:", e)
def g():
    try:
        raise ValueError("a")
    except ValueError:
        try:
            raise TypeError("b")
        except TypeError as e:
            print("nested handled:", e)
        return "g done"
print(g())
def h():
    try:
        raise KeyError("x")
    except KeyError:
        raise ValueError("from handler")
    finally:
        print("h finally")
try:
    h()
except ValueError as e:
    print("caught:", e)
