def greet(name, greeting="Hello", punct="!"):
    return greeting + ", " + name + punct
print(greet("Bob"), greet("Bob", "Hi"), greet("Bob", "Yo", "?"))
print(greet("Ann", punct="."), greet(greeting="Hey", name="Zed"))
N = 10
def f(x, n=N):
    return x * n
N = 20
print(f(2), f(2, 3), f(x=1), f(n=1, x=7))
def g(a, b=None):
    if b is None:
        b = []
    b.append(a)
    return b
print(g(1), g(2), g(3, [0]))
def power(base, exp=2, mod=None):
    r = base ** exp
    if mod is not None:
        r %= mod
    return r
print(power(3), power(3, 3), power(3, mod=5), power(2, 10, 1000))
