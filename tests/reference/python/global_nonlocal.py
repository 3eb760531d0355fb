# global and nonlocal declarations.
counter = 0


def bump(n=1):
    global counter
    counter += n
    return counter


bump()
bump(5)
print(counter)


def make_acc():
    total = 0

    def add(x):
        nonlocal total
        total += x
        return total
    return add


acc = make_acc()
acc(3)
print(acc(4))


def outer():
    x = "outer"

    def inner():
        nonlocal x
        x = "changed"
    inner()
    return x


print(outer())
global_list = []


def fill():
    global global_list
    global_list = [1, 2]


fill()
print(global_list)
