def solve(n):
    cols = [False] * n
    d1 = [False] * (2 * n)
    d2 = [False] * (2 * n)
    board = [0] * n
    solutions = []
    def place(r):
        if r == n:
            solutions.append(list(board))
            return
        for c in range(n):
            if not cols[c] and not d1[r + c] and not d2[r - c + n]:
                cols[c] = d1[r + c] = d2[r - c + n] = True
                board[r] = c
                place(r + 1)
                cols[c] = d1[r + c] = d2[r - c + n] = False
    place(0)
    return solutions
for n in range(1, 9):
    sols = solve(n)
    print(n, len(sols))
first = solve(6)[0]
for r in range(6):
    print("".join(["Q" if first[r] == c else "." for c in range(6)]))
print(solve(8)[:3])
