words = ['a', 'b']
print(len(words))
print(' '.join(word))
