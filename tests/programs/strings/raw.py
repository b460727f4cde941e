print(r"C:\new\table", R'\d+\s*', r"\n", len(r"\n"), r'it\'s')
print(repr(r"a\b"), repr(r"\\"), r"""raw
triple\t""")
print(r"\x41" == "\\x41")
