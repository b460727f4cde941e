for e in [Exception(), Exception("one"), Exception("a", 2), Exception(42), ValueError(""), KeyError("k"), KeyError(1, 2), IndexError(None)]:
    print(repr(e), "|", str(e), "|", e.args, "|", len(e.args))
try:
    raise ValueError("msg", 1)
except ValueError as e:
    print(e, e.args[0], e.args[1])
e = RuntimeError("stored")
print(type(e).__name__, isinstance(e, RuntimeError))
try:
    raise e
except RuntimeError as caught:
    print(caught is e, caught)
print(str(ZeroDivisionError("custom zd")))
