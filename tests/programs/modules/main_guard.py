import sys
def main():
    print("running main; __name__ =", __name__)
    return 0
def helper():
    return "helper"
print("module level first")
if __name__ == "__main__":
    main()
    print(helper())
else:
    print("imported")
