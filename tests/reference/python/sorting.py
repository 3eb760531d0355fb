# Sorting: sorted/list.sort with key and reverse, stability, mixed numerics
nums = [5, -3, 2.5, 0, -7.25, 10, True, 3]
print(sorted(nums), sorted(nums, reverse=True), sorted(nums, key=abs))
print(sorted(nums, key=lambda v: -v), sorted(nums, key=lambda v: (v > 0, v)))
words = ['banana', 'Apple', 'cherry', 'apple', 'Banana', 'date', 'fig', 'Fig']
print(sorted(words))
print(sorted(words, key=lambda w: w.lower()))
print(sorted(words, key=len))
print(sorted(words, key=len, reverse=True))
print(sorted(words, key=lambda w: (len(w), w.lower(), w)))
print(sorted(words, key=lambda w: w[::-1]))
recs = [{'name': 'ann', 'age': 30, 'score': 88.5}, {'name': 'bob', 'age': 25, 'score': 92.0},
        {'name': 'cid', 'age': 30, 'score': 75.25}, {'name': 'dee', 'age': 25, 'score': 92.0}]
for r in sorted(recs, key=lambda r: (-r['score'], r['name'])):
    print(f"{r['name']} {r['age']} {r['score']:.2f}")
by_age = sorted(recs, key=lambda r: r['age'])
print([r['name'] for r in by_age])
by_age_rev = sorted(recs, key=lambda r: r['age'], reverse=True)
print([r['name'] for r in by_age_rev])
lst = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]
lst.sort()
print(lst)
lst.sort(key=lambda v: v % 3)
print(lst)
lst.sort(reverse=True, key=lambda v: v % 3)
print(lst)
pairs = [(2, 'b'), (1, 'b'), (2, 'a'), (1, 'a'), (0, 'z')]
print(sorted(pairs), sorted(pairs, key=lambda p: p[1]), sorted(pairs, key=lambda p: p[0], reverse=True))
print(sorted('Hello World'), sorted([[3, 1], [1, 2, 3], [1, 2], []]), sorted([(), (0,), (-1, 5)]))
print(sorted({'b': 2, 'a': 3, 'c': 1}.items(), key=lambda kv: kv[1]))
print(sorted([0.1, -0.0, 0.0, -1e-9, 1e-9]), sorted([1, 1.0, True], key=lambda v: 0))
matrix = [[3, 'c'], [1, 'a'], [2, 'b']]
matrix.sort()
print(matrix, matrix[0] is not None)
def insertion_sort(a):
    a = a[:]
    for i in range(1, len(a)):
        key = a[i]
        j = i - 1
        while j >= 0 and a[j] > key:
            a[j + 1] = a[j]
            j -= 1
        a[j + 1] = key
    return a
def merge_sort(a):
    if len(a) <= 1:
        return a
    mid = len(a) // 2
    left, right = merge_sort(a[:mid]), merge_sort(a[mid:])
    out = []
    i = j = 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            out.append(left[i]); i += 1
        else:
            out.append(right[j]); j += 1
    return out + left[i:] + right[j:]
def quick_sort(a):
    if len(a) <= 1:
        return a
    pivot = a[len(a) // 2]
    return quick_sort([x for x in a if x < pivot]) + [x for x in a if x == pivot] + quick_sort([x for x in a if x > pivot])
data = [(i * 7919) % 101 - 50 for i in range(40)]
print(data)
print(insertion_sort(data) == sorted(data), merge_sort(data) == sorted(data), quick_sort(data) == sorted(data))
print(merge_sort(list('sortme')), quick_sort([2.5, -1, 3, 0.5]))
