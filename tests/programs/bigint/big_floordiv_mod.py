n = 123456789012345678901234567890
for d in [7, -7, 10 ** 10, -(10 ** 10), 2 ** 64, -(2 ** 64), 3]:
    print(d, n // d, n % d, -n // d, -n % d)
print(n / 10 ** 20, -n / 3)
q = n
digits = []
while q > 0:
    digits.append(q % 10)
    q //= 10
print(digits)
print(2 ** 64 // 2 ** 63, 2 ** 64 % (2 ** 63 - 1), (2 ** 64 - 1) // 2)
print(divmod(10 ** 30, 10 ** 15 + 1))
