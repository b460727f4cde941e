class ConfigError(Exception):
    pass
def load(key):
    print("loading", key)
    raise ConfigError("missing key: " + key)
load("db.host")
