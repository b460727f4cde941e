try:
    print("try body")
    raise ValueError("escapes")
finally:
    print("finally still printed")
