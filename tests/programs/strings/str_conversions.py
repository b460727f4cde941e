print(str(42) + str(-1.5) + str(None) + str(True) + str([1]) + str((2,)))
print(len(str(10 ** 20)), str(0.1) == "0.1", repr("a") == "'a'")
n = 0
for c in str(2 ** 30):
    n = n * 10 + (ord(c) - ord("0"))
print(n)
print(str("already"), str(""), bool(""), bool(" "), bool("0"))
