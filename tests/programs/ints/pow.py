print(2 ** 0, 2 ** 1, 2 ** 10, 2 ** 30)
print((-2) ** 3, (-2) ** 4, -2 ** 2, (-3) ** 5)
print(0 ** 0, 0 ** 5, 1 ** 1000, (-1) ** 1001, (-1) ** 1000)
print(2 ** -1, 2 ** -2, 10 ** -3, (-2) ** -3, 4 ** -1)
print(type(2 ** -1).__name__, type(2 ** 2).__name__)
print(3 ** 3 ** 2, (3 ** 3) ** 2)
print(2 ** 3 * 2, 2 * 3 ** 2, -3 ** 2)
print(pow(3, 4), pow(2, -1), pow(7, 2, 5), pow(2, 100, 97), pow(-3, 3, 7))
for e in range(0, 20):
    print(e, 3 ** e, 5 ** e)
x = 3
x **= 4
print(x)
try:
    print(0 ** -1)
except ZeroDivisionError as err:
    print("ZeroDivisionError", err)
