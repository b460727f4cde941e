grid = [[0] * 3 for i in range(3)]
grid[1][1] = 5
print(grid)
bad = [[0] * 3] * 3
bad[0][0] = 9
print(bad)
m = [[i * 3 + j for j in range(3)] for i in range(3)]
print(m, m[2][1], m[-1][-1])
t = [[m[j][i] for j in range(3)] for i in range(3)]
print(t)
flat = []
for row in m:
    for v in row:
        flat.append(v)
print(flat)
deep = [1, [2, [3, [4, [5]]]]]
x = deep
depth = 0
while len(x) == 2:
    x = x[1]
    depth += 1
print(depth, x)
