memo = {0: 0, 1: 1}
calls = 0
def fib(n):
    global calls
    calls += 1
    if n in memo:
        return memo[n]
    r = fib(n - 1) + fib(n - 2)
    memo[n] = r
    return r
print(fib(30), calls)
print(fib(100), calls)
print(fib(300))
print(len(memo))
def fib_naive(n):
    return n if n < 2 else fib_naive(n - 1) + fib_naive(n - 2)
print([fib_naive(i) for i in range(15)] == [fib(i) for i in range(15)])
cache = {}
def ways(n, coins):
    key = (n, len(coins))
    if key in cache:
        return cache[key]
    if n == 0:
        return 1
    if n < 0 or not coins:
        return 0
    r = ways(n - coins[0], coins) + ways(n, coins[1:])
    cache[key] = r
    return r
print(ways(100, [50, 25, 10, 5, 1]), ways(300, [200, 100, 50, 20, 10, 5, 2, 1]))
