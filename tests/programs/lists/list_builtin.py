print(list(), list("abc"), list(range(5)), list((1, 2)), list([3, 4]))
print(list({"a": 1, "b": 2}), list(range(10, 0, -3)), list(""))
a = [1, [2]]
b = list(a)
b[1].append(3)
b.append(4)
print(a, b, a is b, a[1] is b[1])
print(len(list(range(1000))), list(reversed([1, 2, 3])), list(enumerate("ab")))
