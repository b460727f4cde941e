print([x for x in range(20) if x % 3 == 0])
print([x for x in range(50) if x % 2 if x % 3 if x % 5])
print([x if x > 0 else 0 for x in [-2, -1, 0, 1, 2]])
print([w for w in ["apple", "kiwi", "banana", "fig"] if len(w) > 3])
print([(i, j) for i in range(5) if i % 2 == 0 for j in range(5) if j > i])
primes = [n for n in range(2, 60) if [d for d in range(2, n) if n % d == 0] == []]
print(primes)
