s = 'hello'
print(s.upper())
s.foo()
