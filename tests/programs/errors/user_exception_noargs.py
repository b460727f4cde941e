class Boom(Exception):
    pass
print("about to explode")
raise Boom
