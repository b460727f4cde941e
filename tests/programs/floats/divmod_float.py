print(divmod(7.5, 2), divmod(-7.5, 2), divmod(7.5, -2), divmod(1.0, 0.3))
print(divmod(10, 2.5), divmod(-10, 3.0))
for e in [ZeroDivisionError]:
    try:
        divmod(1.0, 0.0)
    except e as err:
        print("caught", err)
try:
    print(5.0 // 0)
except ZeroDivisionError as err:
    print("ZeroDivisionError:", err)
try:
    print(5.0 % 0.0)
except ZeroDivisionError as err:
    print("ZeroDivisionError:", err)
try:
    print(5 / 0.0)
except ZeroDivisionError as err:
    print("ZeroDivisionError:", err)
try:
    print(0.0 ** -1)
except ZeroDivisionError as err:
    print("ZeroDivisionError:", err)
