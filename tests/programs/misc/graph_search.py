edges = [("a", "b"), ("a", "c"), ("b", "d"), ("c", "d"), ("d", "e"), ("f", "g"), ("e", "b")]
graph = {}
for u, v in edges:
    graph.setdefault(u, []).append(v)
    graph.setdefault(v, []).append(u)
for k in graph:
    graph[k].sort()
print(graph)
def bfs(start):
    dist = {start: 0}
    queue = [start]
    head = 0
    while head < len(queue):
        u = queue[head]
        head += 1
        for v in graph[u]:
            if v not in dist:
                dist[v] = dist[u] + 1
                queue.append(v)
    return dist
def dfs(start):
    seen = {}
    order = []
    stack = [start]
    while stack:
        u = stack.pop()
        if u in seen:
            continue
        seen[u] = True
        order.append(u)
        for v in reversed(graph[u]):
            if v not in seen:
                stack.append(v)
    return order
print(bfs("a"))
print(dfs("a"), dfs("f"))
def components():
    seen = {}
    comps = []
    for node in sorted(graph):
        if node not in seen:
            comp = dfs(node)
            for x in comp:
                seen[x] = True
            comps.append(sorted(comp))
    return comps
print(components())
maze = ["#########",
        "#S..#...#",
        "#.#.#.#.#",
        "#.#...#.#",
        "#.#####.#",
        "#......E#",
        "#########"]
def solve_maze(m):
    for r in range(len(m)):
        for c in range(len(m[r])):
            if m[r][c] == "S":
                start = (r, c)
    prev = {start: None}
    q = [start]
    i = 0
    while i < len(q):
        r, c = q[i]
        i += 1
        if m[r][c] == "E":
            path = []
            cur = (r, c)
            while cur is not None:
                path.append(cur)
                cur = prev[cur]
            return path[::-1]
        for dr, dc in [(0, 1), (1, 0), (0, -1), (-1, 0)]:
            nr, nc = r + dr, c + dc
            if m[nr][nc] != "#" and (nr, nc) not in prev:
                prev[(nr, nc)] = (r, c)
                q.append((nr, nc))
    return None
p = solve_maze(maze)
print(len(p) - 1, p)
