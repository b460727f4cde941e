s = "tab\there\nnewline\\backslash\'q\"dq"
print(s)
print(repr(s))
print("\x41\x62\x7a", "\101\102", "\u00e9\u4e2d", "\0".replace("\0", "NUL"))
print(repr("\x00\x01\x1f\x7f"), repr("\r\n\t"), repr("\u00e9"))
print(len("\n"), len("\\n"), len("\x41"), ord("\t"), ord("\\"))
print("a\
b")
print("bell\a" == "bell\x07", repr("\a\b\f\v"))
