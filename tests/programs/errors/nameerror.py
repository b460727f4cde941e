print("hello")
print(x)
