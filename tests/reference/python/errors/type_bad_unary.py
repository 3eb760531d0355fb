print(-5)
print(-'abc')
