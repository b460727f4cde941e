cases = [
    lambda: [a for a, b in [(1, 2, 3)]],
    lambda: [a for a, b in [(1,)]],
    lambda: [a for a, b in [1]],
    lambda: [a for a, b in ["abc"]],
    lambda: [a for (a, (b, c)) in [(1, (2,))]],
]
for c in cases:
    try:
        c()
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
def f():
    x, y = [1, 2, 3, 4]
try:
    f()
except ValueError as e:
    print("ValueError:", e)
