def add(a, b):
    return a + b
def add3(a, b, c):
    return a + b + c
def noargs():
    return "none"
print(add(1, 2), add("x", "y"), add([1], [2]), add3(1, 2, 3), noargs())
def describe(name, age, city):
    return name + " (" + str(age) + ") from " + city
print(describe("Ann", 30, "Oslo"))
def apply_twice(f, x):
    return f(f(x))
print(apply_twice(lambda v: v * 3, 2))
def side(x):
    x = x + 1
    return x
v = 5
print(side(v), v)
def mutate(lst):
    lst.append("added")
l = []
mutate(l)
print(l)
