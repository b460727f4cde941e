class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def add(self, o):
        return Vec(self.x + o.x, self.y + o.y)
    def scale(self, k):
        return Vec(self.x * k, self.y * k)
    def dot(self, o):
        return self.x * o.x + self.y * o.y
    def __eq__(self, o):
        return self.x == o.x and self.y == o.y
    def __repr__(self):
        return f"Vec({self.x}, {self.y})"
v = Vec(1, 2)
w = Vec(3.5, -1)
print(v.add(w), v.scale(3), w.dot(v), v == Vec(1, 2), v == w)
acc = Vec(0, 0)
for i in range(100):
    acc = acc.add(Vec(i, i * 0.5))
print(acc)
path = [Vec(0, 0)]
for step in [Vec(1, 0), Vec(0, 1), Vec(-2, 0), Vec(0, -3)]:
    path.append(path[-1].add(step))
print(path)
