import math
for f, arg in [(math.sqrt, -1), (math.log, 0), (math.log, -5)]:
    try:
        print(f(arg))
    except ValueError as e:
        print("ValueError:", e)
try:
    math.exp(1000)
except OverflowError as e:
    print("OverflowError:", e)
try:
    math.floor(float("inf"))
except OverflowError as e:
    print("OverflowError:", e)
try:
    math.ceil(float("nan"))
except ValueError as e:
    print("ValueError:", e)
try:
    math.sqrt("4")
except TypeError as e:
    print("TypeError:", e)
print(math.sqrt(float("inf")), math.exp(-1000), math.fabs(float("-inf")))
