def work(n):
    try:
        try:
            if n == 0:
                raise ValueError("inner value")
            if n == 1:
                raise KeyError("inner key")
            if n == 2:
                return 1 / 0
            return "ok"
        except ValueError as e:
            return "inner caught " + str(e)
        finally:
            print("  inner finally", n)
    except KeyError as e:
        return "outer caught " + str(e)
    except ZeroDivisionError as e:
        return "outer caught zde: " + str(e)
    finally:
        print("  outer finally", n)
for n in range(4):
    print(work(n))
try:
    try:
        raise IndexError("deep")
    except KeyError:
        print("wrong handler")
except LookupError as e:
    print("LookupError handler:", type(e).__name__, e)
