# searching without for/else: flag variables and early return
def find_first_neg(lst):
    for i in range(len(lst)):
        if lst[i] < 0:
            return i
    return -1
print(find_first_neg([1, 2, -3, 4]), find_first_neg([1, 2]), find_first_neg([]))
def nested_return():
    for i in range(5):
        for j in range(5):
            if i * j == 6:
                return (i, j)
    return None
print(nested_return())
total = 0
for i in range(100):
    if i % 7 == 0:
        continue
    if total > 500:
        break
    total += i
print(total, i)
