# construct: generator
nums = [1, 2, 3]
print("must not be printed")
total = sum(x * x for x in nums)  # <- unsupported
