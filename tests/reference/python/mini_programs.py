# A few small complete programs
# 1. Sieve of Eratosthenes
def sieve(limit):
    is_prime = [True] * (limit + 1)
    is_prime[0] = is_prime[1] = False
    p = 2
    while p * p <= limit:
        if is_prime[p]:
            for m in range(p * p, limit + 1, p):
                is_prime[m] = False
        p += 1
    return [i for i, flag in enumerate(is_prime) if flag]
primes = sieve(100)
print(len(primes), primes)
print(len(sieve(10000)), sieve(10000)[-5:])
# 2. Word frequency
text = """the cat sat on the mat. The dog sat on the log!
the end, said the cat"""
freq = {}
for raw in text.lower().split():
    word = raw.strip('.,!')
    freq[word] = freq.get(word, 0) + 1
ranked = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))
for word, n in ranked[:5]:
    print(f'{word:>5} {"#" * n} {n}')
# 3. Matrix multiply
def matmul(A, B):
    return [[sum(A[i][k] * B[k][j] for k in range(len(B))) for j in range(len(B[0]))] for i in range(len(A))]
A = [[1, 2], [3, 4], [5, 6]]
B = [[7, 8, 9], [10, 11, 12]]
C = matmul(A, B)
for row in C:
    print(' '.join(f'{v:4d}' for v in row))
I = [[1 if i == j else 0 for j in range(3)] for i in range(3)]
print(matmul(C, I) == C, matmul([[0.5, 0], [0, 2]], [[2.0], [0.25]]))
# 4. Bank accounts
accounts = {}
def open_account(name, amount=0):
    accounts[name] = {'balance': amount, 'log': []}
def transfer(src, dst, amount):
    if accounts[src]['balance'] < amount:
        accounts[src]['log'].append(f'failed -{amount}')
        return False
    accounts[src]['balance'] -= amount
    accounts[dst]['balance'] += amount
    accounts[src]['log'].append(f'-{amount}')
    accounts[dst]['log'].append(f'+{amount}')
    return True
open_account('alice', 100)
open_account('bob')
print(transfer('alice', 'bob', 30), transfer('bob', 'alice', 50), transfer('bob', 'alice', 10.5))
for name in sorted(accounts):
    acct = accounts[name]
    print(f"{name}: {acct['balance']} {acct['log']}")
print(accounts)
# 5. Collatz lengths
def collatz_len(n):
    steps = 1
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps
lengths = {n: collatz_len(n) for n in range(1, 30)}
best = max(lengths, key=lambda n: lengths[n])
print(best, lengths[best], [lengths[n] for n in range(1, 11)])
print(max(range(1, 10000), key=collatz_len))
# 6. Binary search and bubble sort
def bsearch(arr, target):
    lo, hi = 0, len(arr) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if arr[mid] == target:
            return mid
        if arr[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1
print([bsearch(primes, t) for t in (2, 3, 50, 97, 98)])
def bubble(seq):
    a = list(seq)
    swaps = 0
    for i in range(len(a)):
        done = True
        for j in range(len(a) - 1 - i):
            if a[j] > a[j + 1]:
                a[j], a[j + 1] = a[j + 1], a[j]
                swaps += 1
                done = False
        if done:
            break
    return a, swaps
print(bubble([5, 2, 9, 1, 5, 6]), bubble('python'))
