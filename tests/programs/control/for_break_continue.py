for i in range(10):
    if i == 2:
        continue
    if i == 7:
        break
    print(i)
print("after loop, i =", i)
found = None
for w in ["alpha", "beta", "gamma", "delta"]:
    if w.startswith("g"):
        found = w
        break
print(found)
primes = []
for n in range(2, 50):
    is_prime = True
    for d in range(2, n):
        if d * d > n:
            break
        if n % d == 0:
            is_prime = False
            break
    if not is_prime:
        continue
    primes.append(n)
print(primes)
for x in []:
    print("never")
for ch in "abc":
    pass
print(ch)
