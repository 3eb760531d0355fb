print('deleting')
del never_defined
