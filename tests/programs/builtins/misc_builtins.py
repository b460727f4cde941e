data = [5, 3, 9, 1]
print(len(data), sum(data) / len(data), max(data) - min(data), sorted(data)[len(data) // 2])
print(list(zip(data, sorted(data))), [i for i, v in enumerate(data) if v > 3])
print(abs(min(-4, -9)), str(max(1, 2)) * 3, bool(len([])))
print(tuple(reversed(sorted(data))), dict(zip(["a", "b"], [1, 2])))
