# construct: yield
def gen(n):
    i = 0
    while i < n:
        yield i  # <- unsupported
        i += 1
print("must not be printed")
