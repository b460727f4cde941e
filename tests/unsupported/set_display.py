# construct: set
a = [1, 2, 3]
print("must not be printed")
s = {1, 2, 3}  # <- unsupported
print(len(s))
