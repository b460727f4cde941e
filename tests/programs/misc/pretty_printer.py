def pretty(v, indent=0):
    pad = "  " * indent
    if isinstance(v, dict):
        if not v:
            return "{}"
        parts = []
        for k in v:
            parts.append(pad + "  " + quote(str(k)) + ": " + pretty(v[k], indent + 1))
        return "{\n" + ",\n".join(parts) + "\n" + pad + "}"
    if isinstance(v, list) or isinstance(v, tuple):
        if not v:
            return "[]"
        if all_scalars(v):
            return "[" + ", ".join([pretty(x) for x in v]) + "]"
        parts = [pad + "  " + pretty(x, indent + 1) for x in v]
        return "[\n" + ",\n".join(parts) + "\n" + pad + "]"
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, str):
        return quote(v)
    if isinstance(v, float):
        return repr(v)
    return str(v)
def all_scalars(lst):
    for x in lst:
        if isinstance(x, dict) or isinstance(x, list) or isinstance(x, tuple):
            return False
    return True
def quote(s):
    out = '"'
    for ch in s:
        if ch == '"':
            out += '\\"'
        elif ch == "\\":
            out += "\\\\"
        elif ch == "\n":
            out += "\\n"
        elif ord(ch) < 32:
            out += "\\u" + f"{ord(ch):04x}"
        else:
            out += ch
    return out + '"'
doc = {
    "name": "basil",
    "version": [0, 1, 0],
    "ok": True,
    "missing": None,
    "ratio": 0.1 + 0.2,
    "nested": {"list": [1, "two", {"three": 3.0}], "empty": {}, "none": []},
    "quote": 'say "hi"\nnext\tline\\',
    "big": 2 ** 70,
}
print(pretty(doc))
print(pretty([[1, 2], [3, [4, 5]], ()]))
print(pretty("plain"), pretty(-0.0), pretty(False))
