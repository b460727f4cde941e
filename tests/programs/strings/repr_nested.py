print(["it's", 'say "hi"', 'plain', 'both \' "'])
print(("a",), ("a", "b"), ())
print({"key": "val", "it's": ['x', "y"]})
print(str(["a", 1, 2.5, None, True]), repr(["a"]), str("a"), repr("a"))
nested = [[1, [2, [3, ["four"]]]], {"k": (5, "six")}, None]
print(nested)
print(repr(nested) == str(nested))
print([["\n", "\t"], "\\"])
print(str(None), repr(None), str(True), [False])
