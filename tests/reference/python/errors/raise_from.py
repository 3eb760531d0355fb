try:
    int("x")
except ValueError as e:
    raise RuntimeError("could not parse") from e
