n = 27
steps = 0
while n != 1:
    if n % 2 == 0:
        n = n // 2
    else:
        n = 3 * n + 1
    steps += 1
print("collatz steps", steps)
i = 0
while True:
    i += 1
    if i % 2 == 0:
        continue
    if i > 15:
        break
    print("odd", i)
a, b = 1071, 462
while b:
    a, b = b, a % b
print("gcd", a)
count = 0
while count < 3:
    count += 1
print(count)
x = 10
while x > 0: x -= 3
print(x)
