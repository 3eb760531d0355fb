try:
    {}["k"]
except KeyError:
    print("seen")
    raise
