print(repr("  hi  ".strip()), repr("\t\nhi\n ".strip()), repr("xxhixx".strip("x")))
print(repr("abcba".strip("ab")), repr("".strip()), repr("   ".strip()))
s = "hello world, hello there"
print(s.find("hello"), s.find("there"), s.find("xyz"), s.find(""), s.find("o", 5), s.find("o", 5, 7))
print(s.replace("hello", "bye"), s.replace("l", "L", 2), s.replace("zz", "q"), "aaa".replace("a", "bb"))
print("abc".replace("", "-"), s.replace(" ", ""))
print(s.startswith("hello"), s.startswith("world"), s.endswith("there"), s.endswith(""), s.startswith(""))
print("filename.py".endswith(".py"), "x".startswith("xy"))
