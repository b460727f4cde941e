import sys
def cleanup():
    try:
        print("work")
        return "returned"
    finally:
        print("cleanup")
print(cleanup())
try:
    print("before exit")
finally:
    print("finally before exit")
sys.exit(0)
