print(chr(65), chr(97), chr(48), chr(32) == " ", chr(0x263A), ord("a"), ord("Z"), ord(" "), ord("\n"))
print([ord(c) for c in "Hi!"], "".join([chr(c) for c in [80, 121, 116, 104, 111, 110]]))
print(repr(1), repr(1.5), repr("s"), repr([1, "s"]), repr(None), repr(True), repr((1,)), repr({}))
print(repr("tab\there"), repr('q"uote'), repr("q'uote"), repr("both'\""))
