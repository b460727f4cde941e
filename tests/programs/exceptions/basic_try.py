def safe_div(a, b):
    try:
        return a / b
    except ZeroDivisionError:
        return "div by zero"
print(safe_div(10, 4), safe_div(1, 0))
try:
    x = [1, 2, 3][10]
except IndexError as e:
    print("caught IndexError:", e)
try:
    int("nope")
except ValueError as e:
    print("caught ValueError:", e)
try:
    None + 1
except TypeError as e:
    print("caught TypeError:", e)
try:
    raise RuntimeError("custom message")
except RuntimeError as e:
    print("caught RuntimeError:", e)
try:
    print("no error")
except Exception:
    print("never")
print("after")
