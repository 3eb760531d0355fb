x = 1
print(x)
x := 5
