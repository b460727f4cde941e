# Sieve of Eratosthenes, repeated: list stores, while loops, range with steps.
def sieve(n):
    flags = [True] * (n + 1)
    flags[0] = False
    flags[1] = False
    i = 2
    while i * i <= n:
        if flags[i]:
            j = i * i
            while j <= n:
                flags[j] = False
                j += i
        i += 1
    count = 0
    for f in flags:
        if f:
            count += 1
    return count

def main():
    total = 0
    for rep in range(30):
        total += sieve(250000 + rep)
    print("sieve checksum", total)

if __name__ == "__main__":
    main()
