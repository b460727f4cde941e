print(",".join(["a", "b", "c"]), "".join(["x", "y"]), " - ".join([]), "-".join("abc"))
print("a b  c   d".split(), "  lead trail  ".split(), "".split(), "   ".split())
print("a,b,,c".split(","), ",a,".split(","), "".split(","), "abc".split(","))
print("a::b::c".split("::"), "one two three four".split(" ", 2), "a,b,c,d".split(",", 1))
print("x  y z".split(None, 1), "k=v=w".split("=", 0), "a b c".split(maxsplit=1))
print("line1\nline2\n\nline4".split("\n"), "tab\tsep\nnl".split())
words = "the rain in spain stays mainly in the plain".split()
print(len(words), "|".join(words))
print(" ".join([str(i) for i in range(10)]))
try:
    "a b".split("")
except ValueError as e:
    print("ValueError:", e)
