def nothing():
    pass
def early(x):
    if x:
        return "early"
    print("  not early")
def bare():
    return
def multi():
    return 1, "two", [3]
print(nothing(), early(1), early(0), bare(), multi())
a, b, c = multi()
print(a, b, c)
def returns_func():
    def inner(y):
        return y + 1
    return inner
print(returns_func()(41))
def loop_return(lst):
    for x in lst:
        if x > 2:
            return x * 10
    return "none found"
print(loop_return([1, 2, 3, 4]), loop_return([0]))
