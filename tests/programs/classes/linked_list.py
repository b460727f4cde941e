class Node:
    def __init__(self, val, nxt=None):
        self.val = val
        self.next = nxt
class LinkedList:
    def __init__(self):
        self.head = None
        self.size = 0
    def push_front(self, v):
        self.head = Node(v, self.head)
        self.size += 1
    def append(self, v):
        node = Node(v)
        if self.head is None:
            self.head = node
        else:
            cur = self.head
            while cur.next is not None:
                cur = cur.next
            cur.next = node
        self.size += 1
    def reverse(self):
        prev = None
        cur = self.head
        while cur:
            nxt = cur.next
            cur.next = prev
            prev = cur
            cur = nxt
        self.head = prev
    def to_list(self):
        out = []
        cur = self.head
        while cur:
            out.append(cur.val)
            cur = cur.next
        return out
    def __str__(self):
        return " -> ".join([str(v) for v in self.to_list()]) or "<empty>"
ll = LinkedList()
print(ll)
for i in range(5):
    ll.append(i)
ll.push_front(-1)
print(ll, ll.size)
ll.reverse()
print(ll)
