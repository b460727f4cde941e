KEYWORDS = {"let": 1, "if": 1, "else": 1, "print": 1}
def tokenize(src):
    tokens = []
    i = 0
    n = len(src)
    line = 1
    while i < n:
        ch = src[i]
        if ch == "\n":
            line += 1
            i += 1
        elif ch == " " or ch == "\t":
            i += 1
        elif ch == "#":
            while i < n and src[i] != "\n":
                i += 1
        elif ch.isdigit():
            j = i
            while j < n and (src[j].isdigit() or src[j] == "."):
                j += 1
            text = src[i:j]
            if "." in text:
                tokens.append(("FLOAT", float(text), line))
            else:
                tokens.append(("INT", int(text), line))
            i = j
        elif ch == "_" or "a" <= ch.lower() <= "z":
            j = i
            while j < n and (src[j] == "_" or src[j].isdigit() or "a" <= src[j].lower() <= "z"):
                j += 1
            word = src[i:j]
            kind = "KW" if word in KEYWORDS else "NAME"
            tokens.append((kind, word, line))
            i = j
        elif ch == '"':
            j = i + 1
            buf = ""
            while j < n and src[j] != '"':
                if src[j] == "\\" and j + 1 < n:
                    esc = src[j + 1]
                    buf += "\n" if esc == "n" else esc
                    j += 2
                else:
                    buf += src[j]
                    j += 1
            tokens.append(("STR", buf, line))
            i = j + 1
        elif src[i:i + 2] in ["==", "!=", "<=", ">=", "->"]:
            tokens.append(("OP", src[i:i + 2], line))
            i += 2
        elif ch in "+-*/=<>(){};,":
            tokens.append(("OP", ch, line))
            i += 1
        else:
            raise ValueError("bad char " + repr(ch) + " at line " + str(line))
    return tokens
source = """let x = 42;
let pi_ish = 3.14 # comment here
if x >= 10 { print("big\\n", x); } else { print("small"); }
let y = (x + 1) * 2 - 7 / 3;
"""
toks = tokenize(source)
for t in toks:
    print(t)
counts = {}
for kind, val, line in toks:
    counts[kind] = counts.get(kind, 0) + 1
print(counts)
try:
    tokenize("let a = 5 @ 3")
except ValueError as e:
    print("ValueError:", e)
