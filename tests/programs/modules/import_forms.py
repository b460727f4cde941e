import math
import sys
import time
print(math.sqrt(9), math.pi > 3)
def uses_module():
    return math.floor(-0.5)
print(uses_module())
print(len(sys.argv) >= 1)
