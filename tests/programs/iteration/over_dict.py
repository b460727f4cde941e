prices = {"apple": 1.25, "pear": 0.75, "kiwi": 2.0}
for name in prices:
    print(name, prices[name])
for name, p in prices.items():
    print(f"{name}: {p:.2f}")
total = 0.0
for p in prices.values():
    total += p
print(total)
for k in list(prices.keys()):
    if prices[k] < 1:
        del prices[k]
print(prices)
try:
    for k in prices:
        prices[k + "!"] = 0
except RuntimeError as e:
    print("RuntimeError:", e)
