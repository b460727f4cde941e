def attempt(x):
    log = []
    try:
        log.append("try")
        r = 10 // x
    except ZeroDivisionError:
        log.append("except")
    else:
        log.append("else " + str(r))
    finally:
        log.append("finally")
    return log
print(attempt(2))
print(attempt(0))
def only_finally(x):
    try:
        return 100 // x
    finally:
        print("  cleanup for", x)
print(only_finally(5))
try:
    only_finally(0)
except ZeroDivisionError as e:
    print("propagated:", e)
