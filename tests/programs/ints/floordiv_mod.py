# Python floors: the result of % has the sign of the divisor
pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 3), (0, -3), (6, 3), (-6, 3),
         (6, -3), (1, 10), (-1, 10), (1, -10), (-1, -10), (123456, 789), (-123456, 789)]
for a, b in pairs:
    q = a // b
    r = a % b
    print(a, b, q, r, q * b + r == a)
for a in range(-5, 6):
    print(a, a // 3, a % 3, a // -3, a % -3)
print(-1 // 1, -1 % 1, 5 // 1, -5 % 5)
x = -17
x //= 4
print(x)
x %= 3
print(x)
