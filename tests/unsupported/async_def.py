# construct: async
x = 1
print("must not be printed")
async def fetch():  # <- unsupported
    return 1
