# construct: with
class Ctx:
    def __enter__(self):
        return self
    def __exit__(self, a, b, c):
        return False
print("must not be printed")
with Ctx() as c:  # <- unsupported
    print(c)
