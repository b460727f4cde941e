# a tiny stack-machine interpreter
def run(program):
    pc = 0
    stack = []
    env = {}
    out = []
    steps = 0
    while pc < len(program):
        steps += 1
        op = program[pc]
        kind = op[0]
        if kind == "push":
            stack.append(op[1])
        elif kind == "load":
            stack.append(env[op[1]])
        elif kind == "store":
            env[op[1]] = stack.pop()
        elif kind == "add":
            b = stack.pop()
            stack.append(stack.pop() + b)
        elif kind == "mul":
            b = stack.pop()
            stack.append(stack.pop() * b)
        elif kind == "lt":
            b = stack.pop()
            stack.append(stack.pop() < b)
        elif kind == "jfalse":
            if not stack.pop():
                pc = op[1]
                continue
        elif kind == "jump":
            pc = op[1]
            continue
        elif kind == "print":
            out.append(stack.pop())
        else:
            raise ValueError("bad op " + kind)
        pc += 1
    return out, env, steps
# factorial of 20 by loop
prog = [
    ("push", 1), ("store", "acc"),
    ("push", 1), ("store", "i"),
    ("load", "i"), ("push", 21), ("lt",), ("jfalse", 17),
    ("load", "acc"), ("load", "i"), ("mul",), ("store", "acc"),
    ("load", "i"), ("push", 1), ("add",), ("store", "i"),
    ("jump", 4),
    ("load", "acc"), ("print",),
]
print(run(prog))
try:
    run([("push", 1), ("bogus",)])
except ValueError as e:
    print("ValueError:", e)
