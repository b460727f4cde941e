class InsufficientFunds(Exception):
    def __init__(self, account, amount):
        super().__init__("insufficient funds in " + account.owner + ": need " + str(amount))
        self.amount = amount
class Account:
    next_id = 1
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.id = Account.next_id
        Account.next_id += 1
        self.history = []
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(("dep", amount))
    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(self, amount)
        self.balance -= amount
        self.history.append(("wd", amount))
    def __str__(self):
        return f"#{self.id} {self.owner:<6} {self.balance:>10,.2f}"
class Savings(Account):
    def __init__(self, owner, balance, rate):
        super().__init__(owner, balance)
        self.rate = rate
    def add_interest(self):
        interest = round(self.balance * self.rate, 2)
        self.deposit(interest)
        return interest
    def __str__(self):
        return super().__str__() + f" (savings {self.rate:.1%})"
class Bank:
    def __init__(self):
        self.accounts = {}
    def open(self, acct):
        self.accounts[acct.id] = acct
        return acct
    def transfer(self, src, dst, amount):
        a = self.accounts[src]
        b = self.accounts[dst]
        a.withdraw(amount)
        b.deposit(amount)
    def total(self):
        t = 0
        for acct in self.accounts.values():
            t += acct.balance
        return t
    def report(self):
        for k in sorted(self.accounts):
            print(self.accounts[k])
        print(f"total: {self.total():,.2f}")
bank = Bank()
alice = bank.open(Account("alice", 100))
bob = bank.open(Savings("bob", 2500, 0.035))
carol = bank.open(Account("carol"))
bank.report()
ops = [(1, 3, 50), (2, 1, 1000), (3, 2, 500), (1, 2, 10.5), (9, 1, 1)]
for src, dst, amt in ops:
    try:
        bank.transfer(src, dst, amt)
        print("transfer", src, "->", dst, amt, "ok")
    except InsufficientFunds as e:
        print("FAILED:", e, "| amount", e.amount)
    except KeyError as e:
        print("no such account:", e)
for month in range(3):
    print("interest", bob.add_interest())
try:
    carol.deposit(-5)
except ValueError as e:
    print("ValueError:", e)
bank.report()
print(alice.history)
print(bob.history)
