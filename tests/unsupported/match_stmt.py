# construct: match
print("must not be printed: rejection happens at compile time")
def f(cmd):
    x = 1
    match cmd:  # <- unsupported
        case "go":
            return 1
        case _:
            return 0
print(f("go"))
