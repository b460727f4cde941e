class Stack:
    def __init__(self):
        self.items = []
    def push(self, x):
        self.items.append(x)
    def pop(self):
        return self.items.pop()
    def peek(self):
        return self.items[-1]
    def empty(self):
        return len(self.items) == 0
    def size(self):
        return len(self.items)
def balanced(s):
    st = Stack()
    pairs = {")": "(", "]": "[", "}": "{"}
    for ch in s:
        if ch in "([{":
            st.push(ch)
        elif ch in ")]}":
            if st.empty() or st.pop() != pairs[ch]:
                return False
    return st.empty()
for s in ["()", "([]{})", "(]", "((", "", "{[()()]}", "}"]:
    print(repr(s), balanced(s))
s = Stack()
for i in range(5):
    s.push(i * i)
print(s.peek(), s.size(), s.pop(), s.size())
