lst = [1, 2, 3, 4, 5, 6]
for x in list(lst):
    if x % 2 == 0:
        lst.pop(lst.index(x))
print(lst)
d = {"a": 1, "b": 2, "c": 3}
for k in list(d):
    if d[k] == 2:
        del d[k]
print(d)
s = "abc"
out = []
for c in s:
    s = s + "x"
    out.append(c)
print(out, s)
