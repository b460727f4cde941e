cases = [
    (lambda: 1 / 0, ArithmeticError),
    (lambda: 1 // 0, ArithmeticError),
    (lambda: {}["k"], LookupError),
    (lambda: [][0], LookupError),
    (lambda: "abc"[5], LookupError),
    (lambda: int("q"), ValueError),
    (lambda: 1 + "a", TypeError),
    (lambda: undefined_name, NameError),
    (lambda: float(10 ** 400), OverflowError),
    (lambda: 10 ** 400 / 3, ArithmeticError),
]
for fn, cls in cases:
    try:
        fn()
    except cls as e:
        print(cls.__name__, "caught", type(e).__name__, "-", e)
for fn, _ in cases:
    try:
        fn()
    except Exception as e:
        print("Exception caught", type(e).__name__)
try:
    1 / 0
except BaseException as e:
    print("BaseException caught", type(e).__name__)
print(isinstance(ZeroDivisionError(), ArithmeticError), isinstance(KeyError(), LookupError), isinstance(IndexError(), LookupError))
print(isinstance(UnboundLocalError(), NameError), isinstance(RecursionError(), RuntimeError), isinstance(OverflowError(), ArithmeticError))
print(isinstance(StopIteration(), Exception), isinstance(AssertionError(), Exception), isinstance(ValueError(), BaseException))
print(isinstance(KeyError(), IndexError), isinstance(ZeroDivisionError(), ValueError))
