class Item:
    def __init__(self, sku, name, price, qty):
        self.sku = sku
        self.name = name
        self.price = price
        self.qty = qty
    def value(self):
        return self.price * self.qty
    def __repr__(self):
        return f"Item({self.sku!r}, {self.name!r}, {self.price}, {self.qty})"
    def __lt__(self, other):
        return self.value() < other.value()
class OutOfStock(Exception):
    pass
class Inventory:
    def __init__(self):
        self.items = {}
    def add(self, item):
        if item.sku in self.items:
            self.items[item.sku].qty += item.qty
        else:
            self.items[item.sku] = item
    def remove(self, sku, qty):
        if sku not in self.items:
            raise KeyError(sku)
        it = self.items[sku]
        if it.qty < qty:
            raise OutOfStock(f"only {it.qty} of {it.name} left")
        it.qty -= qty
        if it.qty == 0:
            del self.items[sku]
    def total(self):
        return round(sum([i.value() for i in self.items.values()]), 2)
inv = Inventory()
inv.add(Item("A1", "widget", 2.5, 10))
inv.add(Item("B2", "gadget", 12.99, 3))
inv.add(Item("C3", "doohickey", 0.35, 200))
inv.add(Item("A1", "widget", 2.5, 5))
print(inv.total(), list(inv.items))
for sku, q in [("A1", 4), ("B2", 3), ("C3", 500), ("Z9", 1)]:
    try:
        inv.remove(sku, q)
        print("removed", q, sku)
    except OutOfStock as e:
        print("OutOfStock:", e)
    except KeyError as e:
        print("unknown sku", e)
print(sorted(inv.items.values()))
print(max(inv.items.values()), inv.total())
