def rpn(expr):
    stack = []
    for tok in expr.split():
        if tok in ["+", "-", "*", "/", "//", "%", "**"]:
            if len(stack) < 2:
                raise ValueError("stack underflow at " + repr(tok))
            b = stack.pop()
            a = stack.pop()
            if tok == "+":
                stack.append(a + b)
            elif tok == "-":
                stack.append(a - b)
            elif tok == "*":
                stack.append(a * b)
            elif tok == "/":
                stack.append(a / b)
            elif tok == "//":
                stack.append(a // b)
            elif tok == "%":
                stack.append(a % b)
            else:
                stack.append(a ** b)
        elif tok == "dup":
            stack.append(stack[-1])
        elif tok == "swap":
            stack[-1], stack[-2] = stack[-2], stack[-1]
        else:
            stack.append(float(tok) if "." in tok else int(tok))
    if len(stack) != 1:
        raise ValueError("leftover stack " + str(stack))
    return stack[0]
for e in ["3 4 +", "5 1 2 + 4 * + 3 -", "2 10 **", "2 100 ** 3 //", "7 -2 //", "7 -2 %",
          "1.5 2 *", "1 3 /", "3 dup *", "1 2 swap -", "1 +", "1 2", "4 0 //", "2 0.5 **"]:
    try:
        print(e, "=>", rpn(e))
    except (ValueError, ZeroDivisionError) as err:
        print(e, "=>", type(err).__name__, err)
