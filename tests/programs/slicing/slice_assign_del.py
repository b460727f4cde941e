a = list(range(8))
a[2:4] = ["a", "b", "c", "d"]
print(a)
a[::3] = [0, 0, 0, 0]
print(a)
a[-2:] = []
print(a)
del a[1:3]
print(a)
del a[::-2]
print(a)
b = [1, 2, 3]
b[1:1] = [9, 9]
print(b)
b[:] = "xyz"
print(b)
c = list(range(10))
del c[-3:]
del c[:2]
print(c)
c[1:4] = c[3:0:-1]
print(c)
