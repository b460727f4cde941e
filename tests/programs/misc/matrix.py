def matmul(a, b):
    n = len(a)
    m = len(b[0])
    k = len(b)
    out = []
    for i in range(n):
        row = []
        for j in range(m):
            s = 0
            for t in range(k):
                s += a[i][t] * b[t][j]
            row.append(s)
        out.append(row)
    return out
def identity(n):
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]
def mat_pow(m, e):
    result = identity(len(m))
    while e > 0:
        if e % 2 == 1:
            result = matmul(result, m)
        m = matmul(m, m)
        e //= 2
    return result
def show(m):
    for row in m:
        print(" ".join([f"{v:>6}" for v in row]))
a = [[1, 2, 3], [4, 5, 6]]
b = [[7, 8], [9, 10], [11, 12]]
show(matmul(a, b))
fib = [[1, 1], [1, 0]]
print(mat_pow(fib, 10)[0][1], mat_pow(fib, 90)[0][1], mat_pow(fib, 200)[0][1])
f = [[0.5, -1.25], [2.0, 0.1]]
print(matmul(f, f))
n = 12
big = [[(i * n + j) % 7 - 3 for j in range(n)] for i in range(n)]
p = matmul(big, big)
print(sum([sum(r) for r in p]), p[3][4], p[-1][-1])
def transpose(m):
    return [[m[i][j] for i in range(len(m))] for j in range(len(m[0]))]
print(transpose(a))
def det(m):
    if len(m) == 1:
        return m[0][0]
    total = 0
    for c in range(len(m)):
        minor = [row[:c] + row[c + 1:] for row in m[1:]]
        sign = -1 if c % 2 else 1
        total += sign * m[0][c] * det(minor)
    return total
print(det([[2, 0, 1], [1, 3, 2], [1, 1, 1]]), det(identity(5)), det(big[:5][:5]))
