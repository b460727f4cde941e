# construct: os
import math
import sys
import os  # <- unsupported
print(os.getcwd())
