class Config:
    debug = False
    level = 1
    names = []
    def bump(self):
        self.level += 1
a = Config()
b = Config()
print(a.level, b.level, Config.level)
a.bump()
print(a.level, b.level, Config.level)
Config.level = 10
print(a.level, b.level, Config.level)
a.debug = True
print(a.debug, b.debug, Config.debug)
a.names.append("shared!")
print(b.names, Config.names)
b.names = ["own"]
print(a.names, b.names)
del a.level
print(a.level)
class Counter:
    instances = 0
    def __init__(self):
        Counter.instances += 1
        self.id = Counter.instances
cs = [Counter() for i in range(4)]
print(Counter.instances, [c.id for c in cs], cs[0].instances)
