def a():
    b()
def b():
    c()
def c():
    raise RuntimeError("deep failure at level " + str(3))
print("start")
a()
