items = [1, 2.5, "three", [4], (5,), None, True, 2 ** 65, -0.0, {"k": 6}]
counts = {}
for rep in range(300):
    for it in items:
        name = type(it).__name__
        counts[name] = counts.get(name, 0) + 1
print(sorted(counts.items()))
nums = []
for i in range(2000):
    if i % 4 == 0:
        nums.append(i)
    elif i % 4 == 1:
        nums.append(i + 0.5)
    elif i % 4 == 2:
        nums.append(2 ** 64 + i)
    else:
        nums.append(-i)
print(sum(nums), max(nums), min(nums))
print(sorted(nums)[:5], sorted(nums)[-3:])
total = 0
for i in range(len(nums)):
    v = nums[i]
    if v > 1000:
        total += 1
    elif v < -1000:
        total -= 1
print(total)
d = {}
for i in range(1000):
    key = i if i % 2 else str(i)
    d[key] = i
print(len(d), d[999], d["998"], 1 in d, "1" in d, 2 in d)
