d = {"a": 1}
try:
    print(d["b"])
except KeyError as e:
    print("KeyError:", e, e.args, repr(e))
try:
    print(d[(1, 2)])
except KeyError as e:
    print("KeyError:", e)
try:
    del d["nope"]
except KeyError as e:
    print("KeyError:", e)
try:
    print({1: 2}[2 ** 70])
except LookupError as e:
    print(type(e).__name__, e)
try:
    d[[1]] = 2
except TypeError as e:
    print("TypeError:", e)
try:
    print({}[""])
except KeyError as e:
    print("KeyError:", e)
