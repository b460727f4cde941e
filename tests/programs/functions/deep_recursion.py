def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)
print(depth(900))
def sum_to(n, acc):
    if n == 0:
        return acc
    return sum_to(n - 1, acc + n)
print(sum_to(900, 0))
def build(n):
    if n == 0:
        return []
    lst = build(n - 1)
    lst.append(n)
    return lst
print(len(build(800)), build(800)[-3:])
