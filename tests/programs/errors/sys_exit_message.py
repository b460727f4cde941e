import sys
print("output before")
sys.exit("fatal: something went wrong")
