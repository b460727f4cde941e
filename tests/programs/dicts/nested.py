db = {
    "alice": {"age": 30, "langs": ["py", "rs"]},
    "bob": {"age": 25, "langs": []},
}
db["carol"] = {"age": 35, "langs": ["c"]}
db["bob"]["langs"].append("go")
db["alice"]["age"] += 1
for name in sorted(db):
    rec = db[name]
    print(name, rec["age"], ",".join(rec["langs"]))
print(db)
tree = {}
for path in ["a/b/c", "a/b/d", "a/e", "f"]:
    node = tree
    for part in path.split("/"):
        node = node.setdefault(part, {})
print(tree)
