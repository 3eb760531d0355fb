count = 0
def bump():
    count = count + 1
    return count
print('before bump')
bump()
