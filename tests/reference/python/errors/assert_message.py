total = 10
print('checking total')
assert total < 5, f'total too big: {total}'
