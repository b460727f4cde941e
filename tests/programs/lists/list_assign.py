a = [0, 1, 2, 3, 4, 5]
a[0] = "a"
a[-1] = "z"
print(a)
a[1:3] = ["X", "Y", "Z"]
print(a)
a[1:4] = []
print(a)
a[:0] = [-2, -1]
print(a)
a[len(a):] = [100]
print(a)
a[::2] = ["e0", "e1", "e2", "e3"]
print(a)
try:
    a[10] = 1
except IndexError as e:
    print("IndexError:", e)
try:
    a[::2] = [1]
except ValueError as e:
    print("ValueError:", e)
