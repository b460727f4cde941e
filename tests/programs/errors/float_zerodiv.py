print("start")
vals = [1.5, 2.5, 0.0]
for v in vals:
    print(10.0 / v)
