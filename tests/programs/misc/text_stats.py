text = """It was the best of times, it was the worst of times, it was the age of
wisdom, it was the age of foolishness, it was the epoch of belief, it was the
epoch of incredulity, it was the season of Light, it was the season of Darkness"""
lines = text.split("\n")
words = []
for line in lines:
    for w in line.split():
        w = w.strip(",.").lower()
        if w:
            words.append(w)
print(len(lines), len(words), len(text))
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))
for w, n in top[:6]:
    print(f"{w:>10} {n:3d} {'*' * n}")
longest = ""
for w in words:
    if len(w) > len(longest):
        longest = w
print("longest:", longest)
avg = sum([len(w) for w in words]) / len(words)
print(f"avg length {avg:.3f}")
vowels = 0
for ch in text.lower():
    if ch in "aeiou":
        vowels += 1
print("vowels", vowels)
caps = [w for w in text.replace(",", " ").split() if w[0].upper() == w[0] and w[0].isdigit() == False]
print(caps)
