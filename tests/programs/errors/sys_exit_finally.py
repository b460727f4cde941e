import sys
def main():
    try:
        print("in try")
        sys.exit(4)
    finally:
        print("finally runs on exit")
try:
    main()
except ValueError:
    print("not caught here")
print("never")
