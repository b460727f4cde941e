def minmax(lst):
    lo = lst[0]
    hi = lst[0]
    for v in lst:
        if v < lo:
            lo = v
        if v > hi:
            hi = v
    return lo, hi
print(minmax([3, 1, 4, 1, 5, 9, 2, 6]))
lo, hi = minmax([-3, 7])
print(lo, hi)
def stats(lst):
    n = len(lst)
    mean = sum(lst) / n
    return (n, mean, (min(lst), max(lst)))
n, mean, (a, b) = stats([2, 4, 6, 8])
print(n, mean, a, b, stats([1]))
