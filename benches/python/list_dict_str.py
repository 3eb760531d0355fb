# List, dict and str work: building lists, counting words in a dict, sorting, joining.
import time


def work(rounds):
    words = "the quick brown fox jumps over the lazy dog and the cat".split()
    total = 0
    for r in range(rounds):
        counts = {}
        for w in words:
            counts[w] = counts.get(w, 0) + 1
        squares = [i * i for i in range(50) if i % 3 != r % 3]
        squares.append(r)
        keys = sorted(counts)
        line = ",".join(keys)
        total += len(line) + counts["the"] + sum(squares) % 7 + len(squares)
        pairs = {}
        for k in keys:
            pairs[k[0]] = pairs.get(k[0], "") + k
        total += len(pairs)
    return total


t0 = time.perf_counter()
result = work(20000)
elapsed = time.perf_counter() - t0
print("total =", result)
print("seconds", elapsed)
