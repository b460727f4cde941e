def nothing():
    pass
class Empty:
    pass
for i in range(3):
    pass
if True:
    pass
else:
    pass
while False:
    pass
try:
    pass
except Exception:
    pass
print(nothing(), Empty is not None, i)
