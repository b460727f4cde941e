# results that come back into the small range must behave like small ints
big = 2 ** 64
x = big + 5 - big
print(x, x == 5, x * 3, x << 2)
lst = [10, 20, 30, 40, 50, 60]
print(lst[x], lst[(big + 2) - big], lst[-(big + 1) + big])
d = {5: "five"}
print(d[x], x in d, (2 ** 70 // 2 ** 68) in {4: 1})
y = (2 ** 100) // (2 ** 98)
print(y, y == 4, range(y), list(range(y)))
z = 2 ** 63
z -= 1
z -= 2 ** 62
print(z, z + z, z * 2 == 2 ** 63 - 2)
for i in range(big - 3 - big + 6):
    print("i", i)
print((big * big) // big // big, 2 ** 200 % 7)
s = "abcdef"
print(s[big - big + 1], s[2 ** 65 // 2 ** 64])
