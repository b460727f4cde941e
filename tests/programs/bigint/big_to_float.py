print(float(2 ** 64), float(-(2 ** 64)), float(2 ** 100), float(10 ** 30))
print(2 ** 64 / 3, 2 ** 64 / 2 ** 32, (10 ** 30 + 1) / 10 ** 15)
print(float(2 ** 53 + 1), float(2 ** 53 + 2), float(2 ** 63 - 1))
print(int(float(2 ** 80)), int(1e30), int(-1.5e19))
print(2 ** 64 + 0.5, 2 ** 64 * 1.0, 2 ** 100 - 1.0)
try:
    print(float(10 ** 400))
except OverflowError as e:
    print("OverflowError:", e)
try:
    print(10 ** 400 / 7)
except OverflowError as e:
    print("OverflowError:", e)
try:
    print(2 ** 2000 + 1.0)
except OverflowError as e:
    print("OverflowError:", e)
try:
    print(int(float("inf")))
except OverflowError as e:
    print("OverflowError:", e)
try:
    print(int(float("nan")))
except ValueError as e:
    print("ValueError:", e)
print(10 ** 400 // 10 ** 399)
