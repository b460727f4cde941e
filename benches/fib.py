# Recursive Fibonacci: call overhead, small-int arithmetic, comparisons.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

def main():
    total = 0
    for n in range(20, 33):
        total += fib(n)
    print("fib checksum", total, fib(25))

if __name__ == "__main__":
    main()
