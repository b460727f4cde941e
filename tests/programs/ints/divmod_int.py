for a in [17, -17, 0, 1, -1, 100]:
    for b in [5, -5, 1, -1, 3]:
        print(a, b, divmod(a, b))
q, r = divmod(1234567, 1000)
print(q, r)
print(divmod(2 ** 70, 7), divmod(-(2 ** 70), 7))
try:
    divmod(5, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
