class Base:
    def __init__(self, v):
        self.v = v
        self.log = ["Base.__init__"]
    def value(self):
        return self.v
    def hello(self):
        return "Base hello"
class Mid(Base):
    def __init__(self, v, w):
        super().__init__(v)
        self.w = w
        self.log.append("Mid.__init__")
    def value(self):
        return super().value() * 10 + self.w
    def hello(self):
        return "Mid+" + super().hello()
class Leaf(Mid):
    def __init__(self):
        super().__init__(1, 2)
        self.log.append("Leaf.__init__")
    def value(self):
        return super().value() + 1000
    def hello(self):
        return "Leaf+" + super().hello()
x = Leaf()
print(x.value(), x.hello(), x.log)
m = Mid(5, 6)
print(m.value(), m.hello(), m.log)
class Err(Exception):
    def __init__(self, code):
        super().__init__("code " + str(code))
        self.code = code
e = Err(404)
print(e, e.code, e.args)
