a = 'single'
b = "double"
c = '''triple
single'''
d = """triple
double"""
print(a, b, c, d)
print('it\'s', "it's", 'say "hi"', "say \"hi\"")
print("""He said "yes" and 'no'""", '''it's''')
print(repr('it\'s'), repr("say \"hi\""), repr('both \' and "'), repr(""), repr(''))
print(repr(c), repr(d), len(c))
e = """
leading newline"""
print(repr(e))
print('' == "", 'a' "b" == "ab")
