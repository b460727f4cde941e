a = [1, 2, 3]
a.insert(0, "start")
a.insert(2, "mid")
a.insert(100, "end")
a.insert(-1, "before-end")
a.insert(-100, "very-start")
print(a)
b = [9]
b.extend([8, 7])
b.extend((6,))
b.extend("ab")
b.extend([])
b.extend(range(3))
print(b)
c = [1, 2]
c.extend(c)
print(c)
c += [3]
c += "xy"
print(c)
d = []
for i in range(5):
    d.insert(0, i)
print(d)
