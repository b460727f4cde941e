s = "hi"
print(f"[{s:^10}] [{s:*<7}] [{s:>5}] [{s:<5}] [{s:-^9}] [{s:10}]")
print(f"[{s!r:^10}] [{s!r}] [{'it' + chr(39) + 's'!r}] [{s:.1}] [{'abcdef':.3}] [{'abcdef':>8.2}]")
for w in ["a", "abc", "abcdefghijk"]:
    print(f"|{w:<8}|{w:>8}|{w:^8}|")
print(f"{'x':0>4}", f"{'':*^4}", f"{'abc'!s:>5}")
print(f"{[1, 2]!s:>10}", f"{[1, 2]!r}")
