words = "the quick brown fox jumps over the lazy dog".split()
lengths = dict([(w, len(w)) for w in words])
print(lengths)
caps = [w[0].upper() + w[1:] for w in words]
print(" ".join(caps))
matrix = [[(r * 4 + c) % 7 for c in range(4)] for r in range(4)]
print(matrix)
print([sum(row) for row in matrix], [max([matrix[r][c] for r in range(4)]) for c in range(4)])
pairs = sorted([(len(w), w) for w in words])
print(pairs)
print([i for i, w in enumerate(words) if w == "the"])
