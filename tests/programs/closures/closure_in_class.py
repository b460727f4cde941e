def make_class(factor):
    class Scaler:
        def __init__(self, v):
            self.v = v
        def scaled(self):
            return self.v * factor
    return Scaler
S2 = make_class(2)
S5 = make_class(5)
print(S2(10).scaled(), S5(10).scaled())
class Holder:
    def __init__(self):
        self.count = 0
    def make_inc(self):
        def inc():
            self.count += 1
            return self.count
        return inc
h = Holder()
f = h.make_inc()
f()
f()
print(h.count, f())
