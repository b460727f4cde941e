# integer literals in every base, with underscores
print(0, 00, 0_0)
print(42, -42, +42)
print(1_000_000, 1_0, 9_9_9)
print(0x1F, 0XFF, 0xdead_beef, 0x0)
print(0o17, 0O777, 0o1_0)
print(0b1011, 0B1111_0000, 0b0)
print(-0x10, -0o10, -0b10)
print(0x7FFFFFFF, 0xFFFFFFFF)
print(0x7FFF_FFFF_FFFF_FFFF)
print(0xFFFF_FFFF_FFFF_FFFF)
print(0o777_777_777_777_777_777_777)
print(0b1111111111111111111111111111111111111111111111111111111111111111)
print(123456789012345678901234567890)
print(1_2_3 + 0x1_0 + 0o1_0 + 0b1_0)
x = 0xff
y = 0b11111111
z = 0o377
print(x == y == z == 255)
print(type(10).__name__)
