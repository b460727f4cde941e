assert True
assert 1 == 1, "never shown"
x = 5
assert x > 0
try:
    assert x < 0, "x must be negative, got " + str(x)
except AssertionError as e:
    print("AssertionError:", e, e.args)
try:
    assert False
except AssertionError as e:
    print("bare assert:", repr(e), e.args, str(e) == "")
try:
    assert [], ["list", "msg"]
except AssertionError as e:
    print("caught", e.args[0])
print("done")
