import statistics
print(statistics.median(['b', 'c', 'a']))
print(statistics.mode(['b', 'c', 'b']))
print(statistics.mean(['b', 'c', 'a']))
