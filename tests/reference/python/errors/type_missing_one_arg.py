def greet(name, greeting):
    return greeting + name
print(greet('x', 'hi '))
greet('x')
