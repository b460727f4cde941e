def step(grid):
    h = len(grid)
    w = len(grid[0])
    new = []
    for r in range(h):
        row = []
        for c in range(w):
            n = 0
            for dr in (-1, 0, 1):
                for dc in (-1, 0, 1):
                    if dr == 0 and dc == 0:
                        continue
                    rr = (r + dr) % h
                    cc = (c + dc) % w
                    n += grid[rr][cc]
            if grid[r][c] == 1:
                row.append(1 if n == 2 or n == 3 else 0)
            else:
                row.append(1 if n == 3 else 0)
        new.append(row)
    return new
def show(grid):
    for row in grid:
        print("".join(["#" if v else "." for v in row]))
    print()
g = [[0] * 10 for _ in range(8)]
for r, c in [(0, 1), (1, 2), (2, 0), (2, 1), (2, 2), (5, 6), (5, 7), (5, 8)]:
    g[r][c] = 1
show(g)
for gen in range(4):
    g = step(g)
    show(g)
for gen in range(30):
    g = step(g)
print(sum([sum(row) for row in g]))
show(g)
