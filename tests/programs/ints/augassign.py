x = 10
x += 5; print(x)
x -= 20; print(x)
x *= -3; print(x)
x //= 4; print(x)
x %= 7; print(x)
x **= 3; print(x)
x <<= 3; print(x)
x >>= 1; print(x)
x &= 0xF0; print(x)
x |= 1; print(x)
x ^= 0xFF; print(x)
x /= 2; print(x)
g = 0
def bump():
    global g
    g += 1
    g *= 2
for i in range(5):
    bump()
print(g)
lst = [1, 2, 3]
lst[0] += 10
lst[-1] *= 5
print(lst)
d = {"a": 1}
d["a"] += 41
print(d)
class C:
    pass
c = C()
c.v = 3
c.v += 4
c.v **= 2
print(c.v)
