import time
t0 = time.perf_counter()
w0 = time.time()
s = 0
for i in range(100000):
    s += i
t1 = time.perf_counter()
w1 = time.time()
print(s)
print(isinstance(t0, float), isinstance(w0, float), t1 >= t0, w1 >= w0 - 1)
print(w0 > 1600000000, (t1 - t0) < 60)
prev = time.perf_counter()
mono = True
for i in range(1000):
    now = time.perf_counter()
    if now < prev:
        mono = False
    prev = now
print("monotonic", mono)
