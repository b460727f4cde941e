grid = {}
for i in range(3):
    for j in range(3):
        grid[(i, j)] = i * 3 + j
print(grid[(1, 2)], grid[2, 0], (0, 0) in grid, (3, 3) in grid)
print(list(grid.keys())[:4])
memo = {(0, 0): 1}
def paths(r, c):
    if r < 0 or c < 0:
        return 0
    if (r, c) in memo:
        return memo[(r, c)]
    v = paths(r - 1, c) + paths(r, c - 1)
    memo[(r, c)] = v
    return v
print(paths(10, 10), len(memo))
d = {(1, "a"): "x", (1, ("b", 2)): "y"}
print(d[(1, ("b", 2))], d)
