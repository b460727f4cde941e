out = ""
for i in range(1, 16):
    if i % 15 == 0:
        out += "FizzBuzz"
    elif i % 3 == 0:
        out += "Fizz"
    elif i % 5 == 0:
        out += "Buzz"
    else:
        out += str(i)
    out += " "
print(out.strip())
rev = ""
for ch in "stressed":
    rev = ch + rev
print(rev)
parts = []
for i in range(5):
    parts.append("#" * i + "." * (4 - i))
print("\n".join(parts))
caesar = ""
for ch in "hello zebra":
    if "a" <= ch <= "z":
        caesar += chr((ord(ch) - ord("a") + 3) % 26 + ord("a"))
    else:
        caesar += ch
print(caesar)
