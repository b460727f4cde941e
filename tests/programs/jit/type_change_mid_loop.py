# A variable whose type changes at the same sites while the loop is hot.
def step(x, i):
    if i < 300:
        return x + 1
    if i < 600:
        return x + 0.5
    if i < 900:
        return str(x)[:6] + "!"
    return None

def run():
    x = 0
    seen = []
    for i in range(1200):
        y = step(x if x is not None else 0, i)
        if y is None:
            x = None
        elif isinstance(y, str):
            x = len(y)
            seen.append(y)
        else:
            x = y
        if i % 97 == 0:
            print(i, type(x).__name__, x)
    print(len(seen), seen[:3], x)

run()
