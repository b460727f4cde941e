s = "0123456789"
for start in [None, 9, 5, -1, -3, 0]:
    for stop in [None, 0, 2, -8, -11]:
        print(start, stop, repr(s[start:stop:-1]), repr(s[start:stop:-3]))
lst = list(s)
print(lst[::-1] == list(reversed(lst)), lst[-1::-1][:3])
