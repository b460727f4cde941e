items = [3, 1, "two"]
print("sorting")
items.sort()
