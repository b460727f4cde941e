print(abs(5), abs(-5), abs(0), abs(-2 ** 63), abs(-(2 ** 100)))
print(min(3, 1, 2), max(3, 1, 2), min([5, -5, 0]), max([5, -5, 0]))
print(min(-1, -1.5), max(2, 2.0), max(2.0, 2))
print(max("apple", "banana"), min("b", "ab"))
print(sum(range(101)), sum([]), sum([-1, -2, -3]))
acc = 0
for i in range(-50, 51):
    acc += abs(i)
print(acc)
