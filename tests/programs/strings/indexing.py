s = "Hello, World"
print(s[0], s[4], s[-1], s[-5], s[len(s) - 1], len(s))
for i in range(-len(s), len(s), 3):
    print(i, s[i])
t = "x"
print(t[0], t[-1])
try:
    print(s[100])
except IndexError as e:
    print("IndexError:", e)
try:
    print(s[-13])
except IndexError as e:
    print("IndexError:", e)
