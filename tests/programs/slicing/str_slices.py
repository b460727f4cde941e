s = "Hello, World!"
print(s[0:5], s[7:], s[:-1], s[-6:], s[::-1], s[::2], s[1::3], s[-1:-8:-2])
print(repr(s[5:5]), repr(s[100:]), s[-100:3], s[2:-2][::-1])
for i in range(0, len(s), 4):
    print(repr(s[i:i + 4]))
word = "racecar"
print(word == word[::-1], "python"[::-1], "abcdef"[1:-1])
def is_pal(w):
    w = w.lower()
    return w == w[::-1]
print([is_pal(w) for w in ["Level", "abc", "", "x", "Noon"]])
