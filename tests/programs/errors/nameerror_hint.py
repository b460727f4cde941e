value = 5
def compute():
    return valeu * 2
print("computing")
print(compute())
