class Node:
    def __init__(self, key):
        self.key = key
        self.left = None
        self.right = None
class BST:
    def __init__(self):
        self.root = None
        self.count = 0
    def insert(self, key):
        if self.root is None:
            self.root = Node(key)
            self.count += 1
            return True
        cur = self.root
        while True:
            if key == cur.key:
                return False
            if key < cur.key:
                if cur.left is None:
                    cur.left = Node(key)
                    break
                cur = cur.left
            else:
                if cur.right is None:
                    cur.right = Node(key)
                    break
                cur = cur.right
        self.count += 1
        return True
    def contains(self, key):
        cur = self.root
        while cur is not None:
            if key == cur.key:
                return True
            cur = cur.left if key < cur.key else cur.right
        return False
    def inorder(self):
        out = []
        def walk(n):
            if n is None:
                return
            walk(n.left)
            out.append(n.key)
            walk(n.right)
        walk(self.root)
        return out
    def height(self):
        def h(n):
            if n is None:
                return 0
            return 1 + max(h(n.left), h(n.right))
        return h(self.root)
t = BST()
vals = [50, 30, 70, 20, 40, 60, 80, 30, 65, 10, 45]
print([t.insert(v) for v in vals])
print(t.inorder(), t.count, t.height())
print([t.contains(v) for v in [45, 46, 10, 100]])
words = BST()
for w in "the quick brown fox jumps over the lazy dog".split():
    words.insert(w)
print(words.inorder(), words.height())
x = 7
big = BST()
for i in range(500):
    x = (x * 31 + 17) % 1009
    big.insert(x)
print(big.count, big.height(), big.inorder()[:10])
