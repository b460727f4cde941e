for s in ["1.5", "-2.25", "  3  ", "1e5", "1E-3", "inf", "-inf", "nan", "+0.5", ".5", "5.",
          "1_000.5", "0x10", "abc", "", "1.2.3"]:
    try:
        print(repr(s), float(s))
    except ValueError as e:
        print(repr(s), "ValueError:", e)
print(float(3), float(-7), float(True), float(2 ** 60), float(0))
print(int(7.99), int(-7.99), int(1e16), int(123456789.0))
print(str(1.0), str(1e16), str(0.1 + 0.2), repr(1e-7))
print(float("1" * 20), float("0." + "0" * 10 + "1"))
