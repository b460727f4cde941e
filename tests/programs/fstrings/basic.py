name = "World"
n = 42
x = 3.14159
print(f"Hello, {name}!", f"{n}", f"{x}", f"{n + 1} {n * 2}", f"{'nested'}")
print(f"{name!r}", f"{name!s}", f"{[1, 'a']}", f"{None} {True}", f"{{literal}}", f"{{{n}}}")
print(f"" == "", f"plain", F"upper {n}", rf"\n{n}", fr"{n}\t")
print(f"{1 / 3}", f"{2 ** 64}", f"{-0.0}", f"{1e16}")
items = ["a", "b"]
print(f"{len(items)} items: {', '.join(items)}")
print(f"{'yes' if n > 40 else 'no'}", f"{n:}", f"{x!r:>10}")
