# Showcase script: recursion, closure, for/while with break/continue, f-strings, dict
def factorial(n):
    """Recursive factorial."""
    if n <= 1:
        return 1
    return n * factorial(n - 1)

def make_accumulator(label):
    history = []
    def add(value):
        history.append(value)
        return f"{label}: total={sum(history)} after {len(history)} item(s)"
    return add

inventory = {'apples': 12, 'pears': 0, 'plums': 7, 'figs': 3}
acc = make_accumulator('stock')

for fruit, qty in inventory.items():
    if qty == 0:
        print(f"skipping {fruit!r} (out of stock)")
        continue
    print(acc(qty))
    if fruit == 'plums':
        print('found plums, stopping early')
        break

for n in range(1, 11):
    print(f"{n:2d}! = {factorial(n):>8,}")

# while loop with continue/break: find first 5 numbers divisible by 3 or 7
found = []
k = 0
while True:
    k += 1
    if k % 3 != 0 and k % 7 != 0:
        continue
    found.append(k)
    if len(found) == 5:
        break
print(f"first five: {found}, stopped at k={k}")

summary = {name: {'qty': q, 'in_stock': q > 0} for name, q in inventory.items()}
print(summary)
ratio = sum(inventory.values()) / len(inventory)
print(f"average stock = {ratio:.3f}, max = {max(inventory, key=lambda f: inventory[f])}")
