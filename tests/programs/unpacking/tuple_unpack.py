a, b = 1, 2
print(a, b)
a, b, c = "xyz"
print(a, b, c)
(a, b) = [3, 4]
print(a, b)
[a, b] = (5, 6)
print(a, b)
x = y = z = 0
print(x, y, z)
p = 1, 2, 3
q, r, s = p
print(p, q, r, s)
k, v = list({"key": "val"}.items())[0]
print(k, v)
a, b = b, a
print(a, b)
first, second = "ab"
print(first, second)
