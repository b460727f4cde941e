a = [10, 20, 30, 20, "x", 2.5]
print(a.index(10), a.index(20), a.index("x"), a.index(2.5), a.index(30))
print(a.index(20, 2), a.index(20, 1, 4))
print([1, True].index(True), [0, 1.0].index(1))
try:
    a.index(99)
except ValueError as e:
    print("ValueError:", e)
try:
    a.index("y")
except ValueError as e:
    print("ValueError:", e)
