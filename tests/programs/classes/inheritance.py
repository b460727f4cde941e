class Animal:
    kind = "animal"
    def __init__(self, name):
        self.name = name
    def speak(self):
        return "..."
    def describe(self):
        return self.name + " the " + self.kind + " says " + self.speak()
class Dog(Animal):
    kind = "dog"
    def speak(self):
        return "Woof"
class Puppy(Dog):
    def speak(self):
        return "Yip"
class Cat(Animal):
    kind = "cat"
    def __init__(self, name, indoor):
        Animal.__init__(self, name)
        self.indoor = indoor
    def speak(self):
        return "Meow" if self.indoor else "HISS"
zoo = [Animal("generic"), Dog("rex"), Puppy("bit"), Cat("tom", True), Cat("wild", False)]
for a in zoo:
    print(a.describe())
print(isinstance(zoo[2], Dog), isinstance(zoo[2], Animal), isinstance(zoo[1], Puppy), isinstance(zoo[3], Dog))
print(Puppy.kind, Puppy("x").name)
