class Parser:
    def __init__(self, text):
        self.toks = self.lex(text)
        self.pos = 0
    def lex(self, text):
        toks = []
        i = 0
        while i < len(text):
            c = text[i]
            if c == " ":
                i += 1
            elif c.isdigit() or c == ".":
                j = i
                while j < len(text) and (text[j].isdigit() or text[j] == "."):
                    j += 1
                s = text[i:j]
                toks.append(float(s) if "." in s else int(s))
                i = j
            else:
                toks.append(c)
                i += 1
        return toks
    def peek(self):
        return self.toks[self.pos] if self.pos < len(self.toks) else None
    def take(self):
        t = self.peek()
        self.pos += 1
        return t
    def expr(self):
        v = self.term()
        while self.peek() == "+" or self.peek() == "-":
            op = self.take()
            r = self.term()
            v = v + r if op == "+" else v - r
        return v
    def term(self):
        v = self.factor()
        while self.peek() in ["*", "/", "%"]:
            op = self.take()
            r = self.factor()
            if op == "*":
                v = v * r
            elif op == "/":
                v = v / r
            else:
                v = v % r
        return v
    def factor(self):
        v = self.unary()
        if self.peek() == "^":
            self.take()
            return v ** self.factor()
        return v
    def unary(self):
        if self.peek() == "-":
            self.take()
            return -self.unary()
        t = self.take()
        if t == "(":
            v = self.expr()
            if self.take() != ")":
                raise SyntaxError("expected )")
            return v
        if isinstance(t, int) or isinstance(t, float):
            return t
        raise ValueError("unexpected token " + repr(t))
def calc(s):
    p = Parser(s)
    v = p.expr()
    if p.peek() is not None:
        raise ValueError("trailing " + repr(p.peek()))
    return v
for e in ["1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "-2 ^ 2", "10 / 4", "7 % 3 - -1",
          "2 ^ 100", "1.5 * (2 - 0.5)", "((((42))))", "2 ^ -1", "1 / 0", "3 +", "4 4", "(1"]:
    try:
        print(e, "=", calc(e))
    except ZeroDivisionError as err:
        print(e, "-> ZeroDivisionError:", err)
    except ValueError as err:
        print(e, "-> ValueError:", err)
    except SyntaxError as err:
        print(e, "-> SyntaxError:", err)
