def level1(a):
    def level2(b):
        def level3(c):
            def level4(d):
                return a + b + c + d
            return level4
        return level3
    return level2
print(level1(1)(20)(300)(4000))
def adder_factory():
    adders = {}
    for k in [1, 5, 10]:
        def make(k):
            return lambda x: x + k
        adders[k] = make(k)
    return adders
ad = adder_factory()
print(ad[1](0), ad[5](0), ad[10](0))
def memo():
    cache = {}
    def fib(n):
        if n in cache:
            return cache[n]
        r = n if n < 2 else fib(n - 1) + fib(n - 2)
        cache[n] = r
        return r
    return fib, cache
fib, cache = memo()
print(fib(80), len(cache))
