for i in range(1, 6):
    row = ""
    for j in range(1, 6):
        row += " " + str(i * j)
    print(row)
count = 0
for a in range(1, 30):
    for b in range(a, 30):
        for c in range(b, 30):
            if a * a + b * b == c * c:
                print("triple", a, b, c)
                count += 1
print(count)
i = 0
while i < 3:
    j = 0
    while j < 3:
        if j == i:
            j += 1
            continue
        print(i, j)
        j += 1
    i += 1
