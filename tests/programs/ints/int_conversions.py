print(int("42"), int("-42"), int("+7"), int("  12  "), int("0"), int("-0"))
print(int("1_000"), int("000123"))
print(int("ff", 16), int("FF", 16), int("777", 8), int("1011", 2), int("z", 36))
print(int("0x1f", 16), int("0o17", 8), int("0b101", 2), int("0x1f", 0), int("10", 0))
print(int(3.9), int(-3.9), int(0.5), int(-0.5), int(1e10), int(True))
print(int(2.5e20), int(-1e18))
print(int("123456789012345678901234567890") + 1)
for s in ["12a", "", " ", "1.5", "abc", "0x10", "1__0", "--1"]:
    try:
        print(int(s))
    except ValueError as e:
        print("ValueError:", e)
try:
    int("12", 2)
except ValueError as e:
    print("ValueError:", e)
print(str(12345), str(-0), repr(-99))
print(int(int("7") * 3))
