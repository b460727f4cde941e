def insertion(a):
    a = list(a)
    for i in range(1, len(a)):
        k = a[i]
        j = i - 1
        while j >= 0 and a[j] > k:
            a[j + 1] = a[j]
            j -= 1
        a[j + 1] = k
    return a
def merge_sort(a):
    if len(a) <= 1:
        return list(a)
    mid = len(a) // 2
    l = merge_sort(a[:mid])
    r = merge_sort(a[mid:])
    out = []
    i = j = 0
    while i < len(l) and j < len(r):
        if l[i] <= r[j]:
            out.append(l[i])
            i += 1
        else:
            out.append(r[j])
            j += 1
    out.extend(l[i:])
    out.extend(r[j:])
    return out
def quick(a):
    if len(a) <= 1:
        return a
    p = a[len(a) // 2]
    return quick([x for x in a if x < p]) + [x for x in a if x == p] + quick([x for x in a if x > p])
def selection(a):
    a = list(a)
    for i in range(len(a)):
        m = i
        for j in range(i + 1, len(a)):
            if a[j] < a[m]:
                m = j
        a[i], a[m] = a[m], a[i]
    return a
seed = 42
data = []
for i in range(200):
    seed = (seed * 6364136223846793005 + 1442695040888963407) % (2 ** 64)
    data.append((seed >> 33) % 1000 - 500)
ref = sorted(data)
print(data[:10], ref[:10], ref[-5:])
print(insertion(data) == ref, merge_sort(data) == ref, quick(data) == ref, selection(data) == ref)
print(merge_sort(["pear", "apple", "fig"]), quick([3.5, -1.0, 2.25]), insertion([]), selection([1]))
