a = []
b = [1]
c = [1, 2, 3,]
d = [1, "two", 3.0, None, True, [4, 5], (6,), {"7": 8}]
print(a, b, c, d, len(a), len(d))
print([[]], [[], []], [a, b], [-1, -2.5])
print(a == [], b == [1], c != [1, 2], [1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 9])
print(bool([]), bool([0]), [] is [], c is c)
x = [1, 2]
y = x
y.append(3)
print(x, y, x is y, x == [1, 2, 3])
