s = "the quick brown fox"
print("quick" in s, "slow" in s, "" in s, "fox" not in s, "T" in s)
print("abc" < "abd", "abc" < "ab", "B" < "a", "" < "a", "Z" > "a", "abc" == "abc")
print("apple" <= "apple", "b" >= "abc", "a" != "A", "10" < "9")
words = ["pear", "Apple", "banana", "apple", "Banana", "cherry"]
print(sorted(words), max(words), min(words))
print("a" < "b" < "c", "x" == "x" != "y")
