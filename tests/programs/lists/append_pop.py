stack = []
for i in range(8):
    stack.append(i * i)
print(stack)
print(stack.pop(), stack.pop(), stack)
print(stack.pop(0), stack.pop(-2), stack.pop(1), stack)
while stack:
    print("popped", stack.pop())
try:
    stack.pop()
except IndexError as e:
    print("IndexError:", e)
try:
    [1].pop(5)
except IndexError as e:
    print("IndexError:", e)
big = []
for i in range(1000):
    big.append(i)
s = 0
while big:
    s += big.pop()
print(s)
