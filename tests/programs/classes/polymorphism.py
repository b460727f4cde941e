import math
class Shape:
    def area(self):
        return 0.0
    def name(self):
        return "shape"
    def __str__(self):
        return self.name() + " area=" + f"{self.area():.3f}"
class Circle(Shape):
    def __init__(self, r):
        self.r = r
    def area(self):
        return math.pi * self.r ** 2
    def name(self):
        return "circle"
class Rect(Shape):
    def __init__(self, w, h):
        self.w = w
        self.h = h
    def area(self):
        return self.w * self.h
    def name(self):
        return "rect"
class Square(Rect):
    def __init__(self, s):
        super().__init__(s, s)
    def name(self):
        return "square"
shapes = [Circle(1), Rect(2, 3.5), Square(4), Shape(), Circle(0.5)]
for s in shapes:
    print(s)
total = 0
for s in shapes:
    total += s.area()
print(round(total, 6))
print(sorted([s.name() for s in shapes]))
