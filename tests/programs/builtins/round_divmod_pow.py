print(round(3.7), round(-3.7), round(3.14159, 2), round(2.5), round(3.5), round(10, -1))
print(divmod(17, 5), divmod(-17, 5), divmod(17.5, 5), divmod(2 ** 64, 10))
print(pow(2, 10), pow(2, -2), pow(2.5, 2), pow(3, 4, 5), pow(10, 20, 7), pow(-2, 3))
print(abs(-3), abs(3.5), abs(-0.0), abs(True))
