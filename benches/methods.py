# Many small objects, attribute loads/stores, method calls, a little inheritance.
class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def add(self, other):
        return Vec(self.x + other.x, self.y + other.y)
    def scale(self, k):
        return Vec(self.x * k, self.y * k)
    def dot(self, other):
        return self.x * other.x + self.y * other.y

class Particle:
    def __init__(self, pos, vel):
        self.pos = pos
        self.vel = vel
        self.steps = 0
    def step(self, dt):
        self.pos = self.pos.add(self.vel.scale(dt))
        self.steps += 1
    def energy(self):
        return self.vel.dot(self.vel)

class Damped(Particle):
    def __init__(self, pos, vel, damping):
        super().__init__(pos, vel)
        self.damping = damping
    def step(self, dt):
        Particle.step(self, dt)
        self.vel = self.vel.scale(self.damping)

class Counter:
    def __init__(self):
        self.n = 0
    def inc(self):
        self.n += 1
        return self.n
    def get(self):
        return self.n

def main():
    ps = []
    for i in range(100):
        v = Vec(i % 7 - 3, i % 5 - 2)
        if i % 3 == 0:
            ps.append(Damped(Vec(i, -i), v, 0.999))
        else:
            ps.append(Particle(Vec(i, -i), v))
    c = Counter()
    for t in range(10000):
        for p in ps:
            p.step(0.01)
            c.inc()
    e = 0.0
    sx = 0.0
    for p in ps:
        e += p.energy()
        sx += p.pos.x + p.pos.y
    print(f"methods checksum {c.get()} {e:.6f} {sx:.6f} {ps[0].steps}")

if __name__ == "__main__":
    main()
