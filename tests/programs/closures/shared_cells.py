def pair():
    value = []
    def push(x):
        value.append(x)
    def peek():
        return list(value)
    def replace(new):
        nonlocal value
        value = new
    return push, peek, replace
push, peek, replace = pair()
push(1)
push(2)
print(peek())
replace(["fresh"])
push(3)
print(peek())
def gen_ids(prefix):
    n = 0
    def nxt():
        nonlocal n
        n += 1
        return prefix + str(n)
    return nxt
a = gen_ids("a")
b = gen_ids("b")
print(a(), a(), b(), a(), b())
