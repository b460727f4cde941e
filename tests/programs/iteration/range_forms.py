for i in range(3):
    print("a", i)
for i in range(2, 5):
    print("b", i)
for i in range(10, 0, -3):
    print("c", i)
for i in range(-1, -6, -2):
    print("d", i)
for i in range(0, 1, 5):
    print("e", i)
for i in range(5, 0):
    print("never")
n = 0
for i in range(1000000, 1000005):
    n += i
print(n)
total = 0
for i in range(-100, 101, 7):
    total += i
print(total)
r = range(4)
for i in r:
    for j in r:
        if i == j:
            print("diag", i)
