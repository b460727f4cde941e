for x in [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 0.49999999999999994, 2.675, 1e300]:
    print(x, round(x), type(round(x)).__name__)
print(round(2.675, 2), round(1.005, 2), round(0.125, 2), round(0.375, 2))
print(round(3.14159, 3), round(3.14159, 0), round(-3.14159, 1), round(1234.5678, -2))
print(round(15, -1), round(25, -1), round(35, -1), round(-25, -1), round(14, -1))
print(round(123456, -3), round(5, 0), round(7), round(-7))
print(round(1.23456789e10, 2), round(0.1 + 0.2, 10))
print(round(2.5, 0), round(3.5, 0), round(-0.5, 0))
