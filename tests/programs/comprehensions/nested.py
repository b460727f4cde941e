print([(i, j) for i in range(3) for j in range(3)])
print([(i, j) for i in range(4) for j in range(i)])
print([[i * j for j in range(4)] for i in range(4)])
m = [[1, 2], [3, 4], [5, 6]]
print([v for row in m for v in row])
print([[row[i] for row in m] for i in range(2)])
print([c + d for c in "ab" for d in "xyz"])
print([[x for x in range(n)] for n in range(4)])
