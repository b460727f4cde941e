import sys
def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)
sys.setrecursionlimit(3000)
print(depth(2500))
sys.setrecursionlimit(1000)
try:
    depth(5000)
except RecursionError as e:
    print("RecursionError:", e)
print(depth(500))
