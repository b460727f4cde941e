counter = 0
items = []
def inc():
    global counter
    counter += 1
    items.append(counter)
def reset():
    global counter, items
    counter = 0
    items = []
for i in range(3):
    inc()
print(counter, items)
reset()
inc()
print(counter, items)
def make_global():
    global created
    created = "I exist"
make_global()
print(created)
def shadow():
    counter = 99
    return counter
print(shadow(), counter)
def read_only():
    return counter + 1
print(read_only())
