nums = [4, 8, 15, 16, 23, 42]
total = 0
prod = 1
evens = []
running = []
for n in nums:
    total += n
    prod *= n
    if n % 2 == 0:
        evens.append(n)
    running.append(total)
print(total, prod, evens, running)
best = None
for n in nums:
    if best is None or n % 7 > best % 7:
        best = n
print(best)
pairs = []
for i in range(len(nums)):
    for j in range(i + 1, len(nums)):
        if nums[i] + nums[j] == 31:
            pairs.append((nums[i], nums[j]))
print(pairs)
idx = 0
while idx < len(nums) and nums[idx] < 20:
    idx += 1
print(idx)
