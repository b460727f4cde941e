s = "héllo wörld ✓"
print(s, len(s), s.upper(), s[1], s[-1])
print(ord("é"), chr(233), ord("✓"), chr(10003), chr(65), ord("A"))
print("日本語", len("日本語"), "日本語"[1])
print(repr("ü"), "naïve".find("ï"))
