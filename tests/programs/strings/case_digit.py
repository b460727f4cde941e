print("Hello World".upper(), "Hello World".lower(), "ABC123def".lower(), "ß".upper() if False else "-")
print("123".isdigit(), "12a".isdigit(), "".isdigit(), " 1".isdigit(), "007".isdigit())
print("MiXeD".upper().lower(), "é".upper())
count = 0
for ch in "a1b2c3d44":
    if ch.isdigit():
        count += int(ch)
print(count)
