for x in [-1, 0, 5, 10, 11]:
    print(x, 0 <= x <= 10, 0 < x < 10, x == x == x, 0 != x != 5)
a, b, c = 1, 2, 3
print(a < b < c, a < b > c, a < c > b, a == 1 < b, c > b >= 2 > a)
print(1 < 2 < 3 < 4 < 5, 1 < 2 < 3 < 2 < 5)
print("a" < "b" < "c", [1] < [2] < [3], None is None is not True)
def v(x):
    print("eval", x)
    return x
print(v(3) < v(1) < v(5))
print(v(1) < v(3) < v(5))
