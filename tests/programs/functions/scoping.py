x = "global"
def read():
    return x
def local():
    x = "local"
    return x
def unbound():
    print(x)
    x = "assigned later"
print(read(), local(), x)
try:
    unbound()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
def counter_bad():
    total = 0
    def inc():
        total += 1
    try:
        inc()
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
counter_bad()
def outer():
    y = 1
    def inner():
        return y + 1
    return inner()
print(outer())
for i in range(3):
    pass
print("loop var survives:", i)
