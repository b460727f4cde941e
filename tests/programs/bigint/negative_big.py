a = -(2 ** 80) - 7
b = 2 ** 40 + 3
print(a, b)
print(a // b, a % b, -a // b, -a % b, a // -b, a % -b)
print(divmod(a, b), divmod(a, -b))
print(a * b, a * -b, a - b, a + b, abs(a))
print(a < 0, a < -(2 ** 80), a > -(2 ** 81), -a > 2 ** 80)
print(a & 0xFFFF, a | 1, a ^ -1, ~a)
print(-(2 ** 63), -(2 ** 63) - 1, -(2 ** 63) + 1)
print(-(2 ** 64) // 3, -(2 ** 64) % 3)
print((-7) ** 31, (-7) ** 32)
