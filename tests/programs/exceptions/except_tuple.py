def risky(n):
    if n == 0:
        return 1 / 0
    if n == 1:
        return [][1]
    if n == 2:
        return {}["k"]
    if n == 3:
        return int("x")
    return "fine"
for n in range(5):
    try:
        print(risky(n))
    except (ZeroDivisionError, IndexError) as e:
        print("group A", type(e).__name__, e)
    except (KeyError, ValueError) as e:
        print("group B", type(e).__name__, e)
errs = (TypeError, AttributeError)
try:
    None.foo
except errs as e:
    print("via tuple variable:", type(e).__name__)
