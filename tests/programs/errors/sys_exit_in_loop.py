import sys
for i in range(10):
    print("i =", i)
    if i == 2:
        try:
            sys.exit(i + 40)
        except ValueError:
            pass
