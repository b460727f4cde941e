x = 3.14159
n = 255
for w in [6, 8, 10]:
    print(f"[{x:{w}}] [{x:{w}.2f}] [{n:>{w}}] [{n:0{w}b}]")
for p in range(5):
    print(f"{x:.{p}f}", f"{x:{p + 8}.{p}f}|")
fill = "*"
align = "^"
print(f"{'mid':{fill}{align}11}")
spec = ">8.3f"
print(f"[{x:{spec}}]")
