# json: dumps (indent, separators, sort_keys, ensure_ascii, default) and loads with
# CPython's JSONDecodeError messages; exception subclasses with their own __init__.
import json
data = {"name": "nt", "version": 1, "ratio": 0.5, "tags": ["a", "b"], "nested": {"x": None, "ok": True, "no": False}, "t": (1, 2)}
print(json.dumps(data))
print(json.dumps(data, indent=2))
print(json.dumps(data, sort_keys=True, separators=(",", ":")))
print(json.dumps({"é": "ünï", 3: 1.5e-7, 2.5: float("inf")}), json.dumps("é", ensure_ascii=False))
print(json.dumps([]), json.dumps({}), json.dumps([[], {}], indent=4), json.dumps(1e100), json.dumps(-0.0))
text = '{"a": [1, 2.5, -3e2, true, false, null], "b": {"c": "x\\ny\\u00e9\\ud83d\\ude00"}, "d": ""}'
v = json.loads(text)
print(v, v["b"]["c"], type(v["a"][2]).__name__)
print(json.loads("  [1,2 , 3]  "), json.loads('"\\"q\\""'), json.loads("12"), json.loads("-0.5"))
for bad in ['{"a": 1,}', '[1, 2', '{"a" 1}', 'nul', '"abc', '[1] x', '{1: 2}', '']:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print(repr(bad), "->", e)
try:
    json.dumps({"s": {1, 2}})
except TypeError as e:
    print(e)
print(json.dumps({"s": {1, 2}}, default=sorted))

class MyErr(ValueError):
    def __init__(self, msg, code):
        super().__init__(f"{msg} ({code})")
        self.code = code
try:
    raise MyErr("bad", 7)
except ValueError as e:
    print(e, e.code, e.args, repr(e), isinstance(e, MyErr))
