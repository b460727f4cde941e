class AppError(Exception):
    pass
class NotFound(AppError):
    def __init__(self, what):
        super().__init__(what)
        self.what = what
    def __str__(self):
        return "not found: " + self.what
class Invalid(AppError):
    def __init__(self, field, reason):
        super().__init__(field, reason)
        self.field = field
def lookup(k):
    if k == "bad":
        raise Invalid("key", "bad key")
    if k != "ok":
        raise NotFound(k)
    return "found"
for k in ["ok", "zzz", "bad"]:
    try:
        print(lookup(k))
    except NotFound as e:
        print("NotFound:", e, e.what, e.args)
    except AppError as e:
        print("AppError:", type(e).__name__, e, e.args, e.field)
e = AppError("plain", 2)
print(e, e.args, repr(e), str(AppError()), repr(AppError()))
print(isinstance(e, Exception), isinstance(NotFound("x"), AppError))
class Empty(Exception):
    pass
try:
    raise Empty
except Empty as e:
    print("raised class:", repr(e), e.args)
