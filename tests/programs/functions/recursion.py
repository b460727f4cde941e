def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))
def hanoi(n, a, b, c, moves):
    if n == 0:
        return
    hanoi(n - 1, a, c, b, moves)
    moves.append(a + c)
    hanoi(n - 1, b, a, c, moves)
def is_even(n):
    return True if n == 0 else is_odd(n - 1)
def is_odd(n):
    return False if n == 0 else is_even(n - 1)
print([fact(i) for i in range(10)])
print([fib(i) for i in range(20)])
print(ackermann(2, 3), ackermann(3, 3))
m = []
hanoi(4, "A", "B", "C", m)
print(len(m), m[:7])
print(is_even(100), is_odd(77), is_even(7))
def flatten(x, out):
    if isinstance(x, list):
        for y in x:
            flatten(y, out)
    else:
        out.append(x)
    return out
print(flatten([1, [2, [3, [4]], 5], [[6]]], []))
