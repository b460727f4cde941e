class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm2(self):
        return self.x * self.x + self.y * self.y
    def moved(self, dx, dy):
        return Point(self.x + dx, self.y + dy)
    def move(self, dx, dy=0):
        self.x += dx
        self.y += dy
p = Point(3, 4)
print(p.x, p.y, p.norm2())
q = p.moved(1, 1)
print(q.x, q.y, p.x)
p.move(10)
p.move(dy=5, dx=1)
print(p.x, p.y)
pts = [Point(i, -i) for i in range(5)]
print([pt.norm2() for pt in pts])
print(isinstance(p, Point), p is not q)
m = p.norm2
print(m())
print(Point.norm2(q))
