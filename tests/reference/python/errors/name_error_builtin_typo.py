print('about to print lenght')
print(lenght([1, 2]))
