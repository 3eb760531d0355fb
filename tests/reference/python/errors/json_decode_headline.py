import json
print("before")
json.loads("{")
