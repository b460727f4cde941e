s = "abc" 'def' """ghi"""
print(s, len(s))
t = ("first line, "
     "second part, "
     'third')
print(t)
u = "x" r"\y" "z"
print(u)
print("a" + "b" * 3 + "c", "-" * 10, 3 * "ab", "" * 5, "x" * 0, "x" * -2)
w = ""
for i in range(5):
    w += str(i) + ","
print(w)
