t = (1, 2, 3)
u = 4, 5
v = (6,)
w = ()
x = 7,
print(t, u, v, w, x, len(t), len(w))
print(t[0], t[-1], t[1:], t[::-1], u + v, v * 3)
print((1, 2) == (1, 2), (1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 100), () < (0,))
print(1 in t, 9 in t, t.index(2) if False else "-")
nested = ((1, 2), (3, (4, 5)))
print(nested, nested[1][1][0])
try:
    t[0] = 9
except TypeError as e:
    print("TypeError:", e)
try:
    print(t[3])
except IndexError as e:
    print("IndexError:", e)
print(tuple(), tuple([1, 2]), tuple("ab"), tuple(range(3)))
