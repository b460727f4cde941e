def box(width, height, depth=1, label="box"):
    return label + ":" + str(width * height * depth)
print(box(2, 3), box(2, 3, 4), box(width=2, height=5), box(height=2, width=5, label="w"))
print(box(1, height=7), box(1, 2, label="L", depth=3))
def kw_only_style(a, b=2, c=3):
    return [a, b, c]
print(kw_only_style(1, c=30), kw_only_style(c=0, a=9), kw_only_style(1, 2, 3))
print(sorted([3, 1, 2], reverse=True), print("inner", end="|"), "outer")
