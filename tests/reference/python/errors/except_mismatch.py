try:
    [][1]
except KeyError:
    print("not reached")
