for x in [1, "two", 3.0, None]:
    print(repr(x))
for x in (10, 20):
    print(x)
for ch in "héllo":
    print(ch, end=".")
print()
for k in {"b": 1, "a": 2}:
    print(k)
for row in [[1, 2], [3, 4]]:
    for v in row:
        print(v, end=" ")
print()
lst = [1, 2, 3]
for x in lst:
    if x < 10:
        lst.append(x * 10)
print(lst)
