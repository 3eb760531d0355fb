print('hi')
prnt('there')
