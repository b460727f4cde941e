pts = [(0.5, -1.25), (1e16, 1e-5), (-0.0, float("inf"))]
print(pts)
d = {"x": 0.1, "y": 0.2, "sum": 0.1 + 0.2}
print(d)
print(str(pts), repr(d))
print([1.0, 2.0, 3.0], [i / 4 for i in range(6)])
print((1.5,), [float(i) for i in range(3)])
