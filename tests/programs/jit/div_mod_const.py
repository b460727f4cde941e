# Int floor division and modulo by constants that are not powers of two:
# JIT code divides without a division instruction (by a reciprocal, then one
# correction). Every result must be exact, negative dividends and values
# near the unboxed limit (2**47) included.


def check(xs):
    acc = 0
    for x in xs:
        acc += x // 3 + x % 3
        acc += x // 7 - x % 7
        acc += x // 10 + x % 10
        acc += (x // 17) * 17 + x % 17 - x
        acc += x // 1000003 + x % 1000003
        acc += x // 1099511627777 + x % 1099511627777
        acc += x // 70368744177663 + x % 70368744177663
        acc += x // 12345678901 - x % 12345678901
    return acc


big = 2**47 - 1
xs = list(range(0, 400)) + list(range(-50, 0))
xs += [big, big - 1, big - 2, big // 3, big // 7 * 7, big // 7 * 7 - 1, -big, -big - 1]
xs += [k * 1000003 + d for k in (1, 99, 123456) for d in (-1, 0, 1)]
xs += [k * 70368744177663 + d for k in (1, 2) for d in (-1, 0, 1) if k * 70368744177663 + d <= big]
print(check(xs))
for x in xs[-14:]:
    print(x, x // 3, x % 3, x // 1000003, x % 1000003, x // 12345678901, x % 12345678901)
# Beyond the unboxed range: big ints take the generic path.
print((2**60 + 5) // 7, (2**60 + 5) % 7, (-(2**60)) // 10, (-(2**60)) % 10)
