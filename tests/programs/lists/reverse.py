a = [1, 2, 3, 4, 5]
a.reverse()
print(a)
b = []
b.reverse()
print(b)
c = ["x"]
c.reverse()
print(c, a[::-1], list(reversed(a)))
d = [1, 2, 3, 4]
print(d.reverse(), d)
