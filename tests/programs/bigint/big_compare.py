big = 2 ** 70
vals = [0, 1, -1, 2 ** 62, 2 ** 63, -(2 ** 63), big, -big, big + 1]
for a in vals:
    row = []
    for b in vals:
        row.append((a < b, a == b, a >= b))
    print(a, row)
print(big == float(big), big + 1 == float(big + 1), big < float("inf"), -big > float("-inf"))
print(2 ** 53 + 1 == float(2 ** 53 + 1), 2 ** 53 + 1 > float(2 ** 53))
print(max(vals), min(vals), sorted(vals))
