vals = [0, 1, 2, 5, 12, 255, -1, -2, -5, -256, 1023]
for a in vals:
    print(a, ~a, -a)
for a in [0, 6, 12, -6, -12, 255]:
    for b in [3, 5, -3, -128]:
        print(a, b, a & b, a | b, a ^ b)
print(0xF0 & 0x3C, 0xF0 | 0x0F, 0xFF ^ 0x0F)
print(~0, ~~5, ~-1)
x = 0b1010
x &= 0b0110
print(x)
x |= 0b1000
print(x)
x ^= 0b1111
print(x)
print(5 & 3 | 8, 5 | 3 & 8, 5 ^ 3 & 1)
