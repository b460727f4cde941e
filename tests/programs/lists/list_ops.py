a = [1, 2]
b = [3]
print(a + b, a * 3, 2 * b, a * 0, [] * 5, a + [])
print(1 in a, 3 in a, "x" not in a, [1] in [[1], [2]])
print(len(a * 100), (a + b)[2])
print([1, 2, 3] == [1, 2, 3], [1, 2] == [2, 1], [1] != [1.0])
print(max([3, 9, 2]), min([3, 9, 2]), sum([3, 9, 2]), sorted([3, 9, 2]))
c = a
c = c + [9]
print(a, c)
d = a
d += [9]
print(a, d)
try:
    print([1] + (2,))
except TypeError as e:
    print("TypeError:", e)
