class PQ:
    def __init__(self):
        self.heap = []
    def push(self, prio, item):
        h = self.heap
        h.append((prio, item))
        i = len(h) - 1
        while i > 0:
            parent = (i - 1) // 2
            if h[i] < h[parent]:
                h[i], h[parent] = h[parent], h[i]
                i = parent
            else:
                break
    def pop(self):
        h = self.heap
        top = h[0]
        last = h.pop()
        if h:
            h[0] = last
            i = 0
            n = len(h)
            while True:
                l = 2 * i + 1
                r = l + 1
                m = i
                if l < n and h[l] < h[m]:
                    m = l
                if r < n and h[r] < h[m]:
                    m = r
                if m == i:
                    break
                h[i], h[m] = h[m], h[i]
                i = m
        return top
    def __len__(self):
        return len(self.heap)
    def empty(self):
        return len(self.heap) == 0
pq = PQ()
for p, name in [(5, "write"), (1, "urgent"), (3, "review"), (4, "test"), (2, "fix"), (3, "deploy")]:
    pq.push(p, name)
while not pq.empty():
    print(pq.pop())
x = 12345
nums = []
for i in range(50):
    x = (x * 1103515245 + 12345) % 2147483648
    nums.append(x % 1000)
q = PQ()
for v in nums:
    q.push(v, "")
out = []
while not q.empty():
    out.append(q.pop()[0])
print(out == sorted(nums), out[:10])
graph = {"A": [("B", 4), ("C", 1)], "B": [("D", 1)], "C": [("B", 2), ("D", 5)], "D": []}
dist = {"A": 0}
pq = PQ()
pq.push(0, "A")
while not pq.empty():
    d, u = pq.pop()
    if d > dist[u]:
        continue
    for v, w in graph[u]:
        nd = d + w
        if v not in dist or nd < dist[v]:
            dist[v] = nd
            pq.push(nd, v)
print(sorted(dist.items()))
