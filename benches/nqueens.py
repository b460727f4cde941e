# N-queens by backtracking with lists of booleans: recursion, list indexing, branches.
def solve(n):
    cols = [False] * n
    diag1 = [False] * (2 * n)
    diag2 = [False] * (2 * n)
    return place(0, n, cols, diag1, diag2)

def place(row, n, cols, diag1, diag2):
    if row == n:
        return 1
    count = 0
    for c in range(n):
        d1 = row + c
        d2 = row - c + n
        if not cols[c] and not diag1[d1] and not diag2[d2]:
            cols[c] = True
            diag1[d1] = True
            diag2[d2] = True
            count += place(row + 1, n, cols, diag1, diag2)
            cols[c] = False
            diag1[d1] = False
            diag2[d2] = False
    return count

def main():
    results = []
    for rep in range(4):
        results = []
        for n in range(4, 12):
            results.append(solve(n))
    print("nqueens", results, sum(results))

if __name__ == "__main__":
    main()
