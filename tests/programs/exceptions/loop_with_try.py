results = []
for s in ["1", "x", "3", "", "5", "6.0", "-7"]:
    try:
        v = int(s)
    except ValueError:
        results.append(None)
        continue
    if v > 5:
        break
    results.append(v)
print(results)
n = 0
errors = 0
while n < 10:
    n += 1
    try:
        if n % 3 == 0:
            raise KeyError(n)
        if n % 4 == 0:
            break
    except KeyError as e:
        errors += 1
        print("key error", e)
        continue
    finally:
        print("iteration", n)
print(n, errors)
def retry(times):
    attempts = 0
    while True:
        attempts += 1
        try:
            if attempts < times:
                raise RuntimeError("fail " + str(attempts))
            return "succeeded after " + str(attempts)
        except RuntimeError as e:
            print("retrying:", e)
print(retry(3))
