def outer():
    x = 1
    y = "unchanged"
    def middle():
        nonlocal x
        x += 10
        def inner():
            nonlocal x
            x *= 2
            y = "inner only"
            return y
        r = inner()
        return r
    print(middle(), x, y)
    print(middle(), x)
    return x
print(outer())
def account(balance):
    def deposit(v):
        nonlocal balance
        balance += v
        return balance
    def withdraw(v):
        nonlocal balance
        if v > balance:
            return "insufficient"
        balance -= v
        return balance
    def get():
        return balance
    return deposit, withdraw, get
dep, wd, get = account(50)
print(dep(25), wd(100), wd(30), get())
