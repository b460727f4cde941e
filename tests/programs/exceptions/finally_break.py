for i in range(5):
    try:
        if i == 2:
            continue
        if i == 4:
            break
        print("body", i)
    finally:
        print("finally", i)
print("after loop")
def loop_ret():
    out = []
    while True:
        try:
            out.append("a")
            break
        finally:
            out.append("f")
    return out
print(loop_ret())
def swallow():
    for i in range(3):
        try:
            raise KeyError(i)
        finally:
            break
    return "swallowed by break"
print(swallow())
