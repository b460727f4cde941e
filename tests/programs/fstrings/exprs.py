d = {"key": "value", "n": 3}
lst = [10, 20, 30]
print(f"{d['key']} {d['n'] * 2} {lst[-1]} {lst[1:]} {len(d)}")
print(f"{'-'.join([str(i) for i in range(4)])}", f"{'a' 'b'}", f"{(1, 2)}")
def sq(v):
    return v * v
print(f"{sq(7)} {sq(sq(2))} {max(lst)} {lst.index(20)}")
a, b = 5, 7
print(f"{a} + {b} = {a + b}; {a} < {b} is {a < b}")
print(f"{a}{b}{a}", f"{a:>3}{b:<3}|", f"{-a}", f"{not a}")
s = "text"
print(f"{s.upper()} {s[::-1]} {s * 2}")
