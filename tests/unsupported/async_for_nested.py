# construct: async
def outer():
    def inner():
        return 1
    return inner
print("must not be printed")
class K:
    async def method(self):  # <- unsupported
        return 2
