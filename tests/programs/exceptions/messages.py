five = 5
abc = "abc"
one = 1
none = None
empty = []
tests = [
    lambda: 1 / 0,
    lambda: 1.5 / 0,
    lambda: 1 // 0,
    lambda: 1 % 0,
    lambda: 2.0 // 0.0,
    lambda: 2.0 % 0,
    lambda: [1, 2][5],
    lambda: (1,)[3],
    lambda: "s"[9],
    lambda: {"a": 1}["b"],
    lambda: {}[0],
    lambda: 1 + "a",
    lambda: "a" + 1,
    lambda: "a" * 1.5,
    lambda: [1] * "x",
    lambda: 1 - None,
    lambda: None < 1,
    lambda: "a" < 1,
    lambda: [1] < (1,),
    lambda: -"a",
    lambda: ~1.5,
    lambda: len(5),
    lambda: int("abc"),
    lambda: int("1.5"),
    lambda: float("x1"),
    lambda: int(None),
    lambda: five(),
    lambda: abc(),
    lambda: one[0],
    lambda: none[0],
    lambda: empty[None],
    lambda: [1, 2].index(3),
    lambda: [].pop(),
    lambda: chr(-1),
    lambda: ord("ab"),
    lambda: abs("x"),
    lambda: range(1.5),
    lambda: sum(["a", "b"]),
    lambda: max([]),
    lambda: min(1),
    lambda: {[]: 1},
    lambda: 1 in 5,
    lambda: "a" in ["a"] in "a",
    lambda: 10 ** 400 * 1.0,
    lambda: round(float("inf")),
    lambda: divmod(1, 0),
    lambda: 0.0 ** -2,
    lambda: (1, 2) + [3],
    lambda: "x".join([1, 2]),
    lambda: dict([1, 2]),
]
for i, t in enumerate(tests):
    try:
        r = t()
        print(i, "no error", r)
    except Exception as e:
        print(i, type(e).__name__ + ":", e)
