for ch in 'ab':
    print(ch)
for i in 5:
    print(i)
