x = 3
assert x == 3, "fine"
print("first assert passed")
assert x == 4, "x should be 4 but is " + str(x)
