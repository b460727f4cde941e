a = 2 ** 100 + 2 ** 64 + 255
b = 2 ** 99 + 2 ** 64 + 15
print(a & b, a | b, a ^ b)
print(a & -1 == a, a | 0 == a, a ^ a)
print(~a, ~(-a))
print(-a & 0xFFFFFFFF, -a & (2 ** 128 - 1))
print((2 ** 64 - 1) & (2 ** 63), (2 ** 64) | 1, (2 ** 64) ^ (2 ** 64 + 1))
m = (1 << 64) - 1
x = 0x123456789ABCDEF0
for i in range(5):
    x = ((x << 13) ^ (x >> 7)) & m
    print(x)
