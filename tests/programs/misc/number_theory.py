def gcd(a, b):
    while b:
        a, b = b, a % b
    return abs(a)
def lcm(a, b):
    return a // gcd(a, b) * b
def isqrt(n):
    if n < 2:
        return n
    x = n
    y = (x + 1) // 2
    while y < x:
        x = y
        y = (x + n // x) // 2
    return x
def modpow(b, e, m):
    r = 1
    b %= m
    while e > 0:
        if e & 1:
            r = r * b % m
        b = b * b % m
        e >>= 1
    return r
def is_probable_prime(n):
    if n < 2:
        return False
    for p in [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]:
        if n % p == 0:
            return n == p
    d = n - 1
    s = 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for a in [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]:
        x = modpow(a, d, n)
        if x == 1 or x == n - 1:
            continue
        comp = True
        for i in range(s - 1):
            x = x * x % n
            if x == n - 1:
                comp = False
                break
        if comp:
            return False
    return True
print(gcd(462, 1071), gcd(-12, 18), gcd(2 ** 100, 6 ** 50), lcm(4, 6), lcm(2 ** 64, 3 ** 40))
print(isqrt(99), isqrt(100), isqrt(10 ** 40), isqrt(2 ** 127), isqrt(2 * 10 ** 30))
print(modpow(3, 10 ** 18, 10 ** 9 + 7) == pow(3, 10 ** 18, 10 ** 9 + 7), modpow(2, 2 ** 70, 97))
print([n for n in range(100) if is_probable_prime(n)])
print(is_probable_prime(2 ** 61 - 1), is_probable_prime(2 ** 64 + 1), is_probable_prime(2 ** 89 - 1), is_probable_prime(10 ** 18 + 9))
