text = "the cat and the hat and the bat sat on the mat"
counts = {}
for w in text.split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
best = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
for w, c in best[:4]:
    print(w, c)
letters = {}
for ch in text:
    if ch != " ":
        if ch in letters:
            letters[ch] += 1
        else:
            letters[ch] = 1
print(sorted(letters.items()))
