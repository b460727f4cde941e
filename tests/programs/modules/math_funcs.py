import math
print(math.pi, math.sqrt(2), math.sqrt(16), math.sqrt(0.25), math.sqrt(10 ** 20))
print(math.floor(2.7), math.floor(-2.7), math.ceil(2.1), math.ceil(-2.1), math.floor(5), math.ceil(-0.0))
print(type(math.floor(2.5)).__name__, math.floor(1e20), math.ceil(123456789012.5))
print(math.fabs(-3), math.fabs(2.5), math.exp(0), math.exp(1), math.exp(-1), math.exp(10))
print(math.log(1), math.log(math.e), math.log(100), math.log(8, 2), math.log(1000, 10), math.log(2 ** 100))
print(math.sin(0), math.cos(0), math.sin(math.pi / 2), math.cos(math.pi), math.sin(1.0), math.cos(2.5))
print(math.atan2(1, 1), math.atan2(-1, -1), math.atan2(0, -1), math.atan2(1, 0), math.atan2(0.0, 0.0))
print(round(math.sin(math.pi), 10), math.sqrt(math.pi * math.e))
r = 2.5
print("area", math.pi * r * r, "circ", 2 * math.pi * r)
