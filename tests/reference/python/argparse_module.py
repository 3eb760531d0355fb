# argparse: parsing (nargs, actions, choices, required, defaults, groups, mutually
# exclusive groups, parents, prefix_chars, custom actions and types), Namespace, and
# CPython's exact usage/help layout and error messages. Errors go through a parser
# whose error() prints to stdout, so stderr stays empty.
import os
os.environ['COLUMNS'] = '80'
import argparse


class Parser(argparse.ArgumentParser):
    def error(self, message):
        print('error:', message)
        print(self.format_usage(), end='')
        self.exit(2)


def attempt(parser, argv):
    try:
        result = parser.parse_args(argv)
    except SystemExit as e:
        print('exit', e.code)
        return None
    print(result)
    return result


# nargs
p = Parser(prog='nargs')
p.add_argument('--opt', nargs='?', const='C', default='D')
p.add_argument('--star', nargs='*')
p.add_argument('--plus', nargs='+', type=int)
p.add_argument('--two', nargs=2, metavar=('A', 'B'))
p.add_argument('pos', nargs='*', default=[])
attempt(p, [])
attempt(p, ['--opt'])
attempt(p, ['--opt', 'v', 'a', 'b'])
attempt(p, ['--star', '--plus', '1', '2', '--two', 'x', 'y'])
attempt(p, ['--plus'])
attempt(p, ['--two', 'x'])
attempt(p, ['--plus', 'q'])
attempt(p, ['a', '--', '--opt', '-x'])
attempt(p, ['--star=5'])
print(p.format_help())

# positionals of several kinds
p = Parser(prog='pos')
p.add_argument('first')
p.add_argument('middle', nargs='*')
p.add_argument('last', nargs=2)
attempt(p, ['a', 'b', 'c', 'd', 'e'])
attempt(p, ['a', 'b', 'c'])
attempt(p, ['a', 'b'])
attempt(p, [])
p = Parser(prog='opt')
p.add_argument('src')
p.add_argument('dst', nargs='?', default='out.txt')
p.add_argument('rest', nargs=argparse.REMAINDER)
attempt(p, ['in.txt'])
attempt(p, ['in.txt', 'o', '--x', 'y'])

# actions
p = Parser(prog='actions')
p.add_argument('-c', '--const', action='store_const', const=42)
p.add_argument('-f', '--flag', action='store_false')
p.add_argument('-a', '--add', action='append', type=float)
p.add_argument('--ac', action='append_const', const='k', dest='consts')
p.add_argument('-e', '--ext', action='extend', nargs='+')
p.add_argument('-v', action='count', default=0)
p.add_argument('--color', action=argparse.BooleanOptionalAction, default=True, help='colour output')
p.add_argument('--version', action='version', version='%(prog)s 1.2')
attempt(p, [])
attempt(p, ['-c', '-f', '-a', '1.5', '-a', '2', '--ac', '--ac'])
attempt(p, ['-vvv', '-e', 'x', 'y', '-e', 'z', '--no-color'])
attempt(p, ['-v', '-v', '--color', '-a3'])
attempt(p, ['--version'])
attempt(p, ['-a', 'nope'])
attempt(p, ['--con'])
attempt(p, ['--co'])
attempt(p, ['-cfv'])
attempt(p, ['-c=1'])
attempt(p, ['--const=1'])
print(p.format_help())

# choices, required, dest, metavar, defaults
p = Parser(prog='choices', description='Pick things.', epilog='Bye.')
p.add_argument('mode', choices=['fast', 'slow'])
p.add_argument('--level', type=int, choices=range(1, 4), required=True)
p.add_argument('--name', dest='who', metavar='NAME', default='anon', help='who (default %(default)r)')
p.add_argument('--ratio', type=float, default='0.5', help='a %(type)s, default %(default)s')
attempt(p, ['fast', '--level', '2'])
attempt(p, ['medium', '--level', '2'])
attempt(p, ['slow', '--level', '9'])
attempt(p, ['slow'])
attempt(p, [])
attempt(p, ['fast', '--level', '1', '--name', 'Ann', '--ratio', '2.5', 'extra', '--bogus'])
print(p.format_help())
p.set_defaults(who='someone', extra=1)
print(p.get_default('who'), p.get_default('extra'))
attempt(p, ['fast', '--level=3'])

# parse_known_args
p = Parser(prog='known')
p.add_argument('--a', type=int)
ns, rest = p.parse_known_args(['--a', '1', '--b', '2', 'c'])
print(ns, rest)
ns, rest = p.parse_known_args(['x', '--a=5'], namespace=argparse.Namespace(z=0))
print(ns, rest)

# negative numbers
p = Parser(prog='neg')
p.add_argument('n', type=int)
p.add_argument('--f', type=float)
attempt(p, ['-5', '--f', '-2.5'])
attempt(p, ['--f', '-.5', '-1'])
p = Parser(prog='neg2')
p.add_argument('-1', dest='one', action='store_true')
p.add_argument('x', nargs='?')
attempt(p, ['-1'])
attempt(p, ['-2'])

# Namespace
a = argparse.Namespace(x=1, y='two')
b = argparse.Namespace(x=1, y='two')
print(a, a == b, a != b, 'x' in a, 'z' in a, a == argparse.Namespace(x=1))
print(argparse.Namespace(**{'not-ident': 1, 'ok': 2}))
print(argparse.Namespace())

# mutually exclusive groups
p = Parser(prog='mutex')
g = p.add_mutually_exclusive_group()
g.add_argument('--up', action='store_true')
g.add_argument('--down', action='store_true')
r = p.add_mutually_exclusive_group(required=True)
r.add_argument('--json', action='store_true')
r.add_argument('--text', action='store_true')
attempt(p, ['--json'])
attempt(p, ['--up', '--text'])
attempt(p, ['--up', '--down', '--text'])
attempt(p, ['--up'])
print(p.format_help())

# argument groups
p = Parser(prog='groups', description='Groups of arguments.')
io = p.add_argument_group('input/output', 'Where data comes from and goes to.')
io.add_argument('--input', '-i', metavar='FILE', help='read from FILE')
io.add_argument('--output', '-o', metavar='FILE', help='write to FILE')
tune = p.add_argument_group('tuning')
tune.add_argument('--lr', type=float, default=0.1, help='learning rate')
p.add_argument('paths', nargs='+', help='the paths to process')
attempt(p, ['a', 'b', '-i', 'in', '--lr', '0.01'])
print(p.format_help())

# exit_on_error=False
p = argparse.ArgumentParser(prog='noexit', exit_on_error=False)
p.add_argument('--n', type=int)
try:
    p.parse_args(['--n', 'abc'])
except argparse.ArgumentError as e:
    print('ArgumentError:', e)
def positive(s):
    v = int(s)
    if v <= 0:
        raise argparse.ArgumentTypeError(f'{v} is not positive')
    return v
p.add_argument('--k', type=positive)
try:
    p.parse_args(['--k', '-3'])
except argparse.ArgumentError as e:
    print('ArgumentError:', e)
print(p.parse_args(['--k', '4']))

# help exits 0
p = Parser(prog='helper', description='Shows help.')
p.add_argument('--x', help='the x')
attempt(p, ['-h'])
attempt(p, ['--x', '1', '--help'])

# Narrower help: the width comes from COLUMNS (minus 2), read when help is formatted.
os.environ['COLUMNS'] = '60'
p = argparse.ArgumentParser(description='This is a rather long description of a program that will need to be '
                            'wrapped across several lines because it is long; it mentions goof-ball, '
                            'self-explanatory, well-known and a-b-c hyphenated words -- and an em-dash.',
                            epilog='See also: the non-existent manual-page for "tool" at the end.')
print(p.prog)
p.add_argument('--learning-rate', type=float, default=0.001, help='the learning rate used by the optimizer; '
               'larger values train faster but may diverge, smaller values are more stable')
p.add_argument('--a-very-long-option-name-indeed', metavar='VALUE', help='short help')
p.add_argument('-x', help='supercalifragilisticexpialidociousandevenlongerwordthatcannotfitononeline here')
p.add_argument('--dashes', help='--option-like-text --another-one x--y word--word')
p.add_argument('files', nargs='+', help='input files')
p.add_argument('--choice', choices=['alpha', 'beta', 'gamma'], help='one of %(choices)s')
p.print_help()
print(p.parse_args(['f1', '--learning-rate', '0.5']))
print(p.parse_args(['x']))
print(Parser(prog='argv').parse_args())

# long usage that wraps, long prog name
q = argparse.ArgumentParser(prog='a_really_quite_long_program_name_for_testing_wrapping_logic')
for name in ['alpha', 'beta', 'gamma', 'delta']:
    q.add_argument('--' + name, help=name)
q.add_argument('input')
q.add_argument('output', nargs='?')
print(q.format_usage(), end='')
q2 = argparse.ArgumentParser(prog='short')
for name in ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta']:
    q2.add_argument('--' + name, metavar=name.upper() * 2)
q2.add_argument('positional_one')
q2.add_argument('positional_two', nargs='*')
print(q2.format_usage(), end='')
q3 = argparse.ArgumentParser(prog='nopt', add_help=False)
for name in ['first_positional', 'second_positional', 'third_positional', 'fourth']:
    q3.add_argument(name)
print(q3.format_usage(), end='')
q4 = argparse.ArgumentParser(prog='empty', add_help=False)
print(repr(q4.format_usage()), repr(q4.format_help()))
g = q2.add_mutually_exclusive_group()
g.add_argument('--one', action='store_true')
g.add_argument('--two', action='store_true', help=argparse.SUPPRESS)
g.add_argument('--three', action='store_true')
print(q2.format_usage(), end='')

# usage=, formatter classes, max_help_position via lambda
r = argparse.ArgumentParser(prog='fmt', usage='%(prog)s [options] FILE',
                            formatter_class=argparse.RawDescriptionHelpFormatter,
                            description='line one\n  indented line two\n\nafter blank')
r.add_argument('--x', help='x   help\n with   newline')
r.print_help()
r = argparse.ArgumentParser(prog='raw', formatter_class=argparse.RawTextHelpFormatter)
r.add_argument('--x', help='keep\n   this layout')
r.print_help()
r = argparse.ArgumentParser(prog='defaults', formatter_class=argparse.ArgumentDefaultsHelpFormatter)
r.add_argument('--x', type=int, default=5, help='the x')
r.add_argument('--y', default='s')
r.add_argument('--z', default='q', help='has %(default)s already')
r.add_argument('pos', nargs='?', default='p', help='positional')
r.add_argument('--flag', action='store_true', help='a flag')
r.print_help()
r = argparse.ArgumentParser(prog='wide', formatter_class=lambda prog: argparse.HelpFormatter(prog, max_help_position=40, width=70))
r.add_argument('--some-long-option', help='aligned further to the right than the default')
r.print_help()
r = argparse.ArgumentParser(prog='metavartype', formatter_class=argparse.MetavarTypeHelpFormatter)
r.add_argument('--n', type=int)
r.add_argument('v', type=float)
r.print_help()

# parents, conflict handling, prefix chars, argument_default
base = argparse.ArgumentParser(add_help=False)
base.add_argument('--verbose', action='store_true', help='talk more')
bg = base.add_argument_group('shared')
bg.add_argument('--seed', type=int, default=0)
child = Parser(prog='child', parents=[base])
child.add_argument('target')
print(child.parse_args(['t', '--seed', '3']))
child.print_help()
c = Parser(prog='conf', conflict_handler='resolve')
c.add_argument('-f', '--foo', help='old foo')
c.add_argument('--foo', help='new foo')
c.print_help()
c2 = Parser(prog='conf2')
c2.add_argument('--foo')
try:
    c2.add_argument('--foo')
except argparse.ArgumentError as e:
    print('ArgumentError:', e)
pp = Parser(prog='plus', prefix_chars='-+')
pp.add_argument('+x', action='store_true')
pp.add_argument('++long', type=int)
pp.add_argument('-y')
print(pp.parse_args(['+x', '++long', '4', '-y', 'why']))
pp.print_help()
ad = Parser(prog='argdef', argument_default=argparse.SUPPRESS)
ad.add_argument('--a')
ad.add_argument('--b', default=2)
print(ad.parse_args([]), ad.parse_args(['--a', '1']))
na = Parser(prog='noabbrev', allow_abbrev=False)
na.add_argument('--long-name')
ns, rest = na.parse_known_args(['--long', 'x'])
print(ns, rest)

# custom Action and type functions
class Upper(argparse.Action):
    def __call__(self, parser, namespace, values, option_string=None):
        setattr(namespace, self.dest, values.upper() + (option_string or ''))

def pair(s):
    a, b = s.split(',')
    return (int(a), int(b))

cu = Parser(prog='custom')
cu.add_argument('--name', action=Upper, default='none')
cu.add_argument('--pair', type=pair)
cu.add_argument('word', action=Upper)
print(cu.parse_args(['hi', '--name', 'bob', '--pair', '3,4']))
try:
    cu.parse_args(['hi', '--pair', '3'])
except SystemExit as e:
    print('exit', e.code)
act = cu.add_argument('--count', type=int, default=1, help='how many')
print(act)
print(argparse.Namespace(a=[1, 2], b={'k': None}, c=(1,), d=1.5))

# short options, explicit values, definition errors, narrow terminals
os.environ['COLUMNS'] = '80'
p = Parser(prog='short')
p.add_argument('-v', action='store_true')
p.add_argument('-f')
p.add_argument('-n', type=int, default='5')
p.add_argument('--req', required=True)
p.add_argument('my-arg', nargs='?', choices=['a', 'b'], default='a')
attempt(p, ['--req', 'r', '-vfFILE'])
attempt(p, ['--req=', '-fx', '-n', '-3', 'b'])
attempt(p, ['--req', 'r', '-f', '-x'])
attempt(p, ['--req', 'r', '-vx'])
attempt(p, ['-f', 'a'])
attempt(p, ('--re', 'q', 'c'))
attempt(p, ['--req', 'r', '-n', '4.5'])
attempt(p, ['--req', 'r', '-v=1'])
p.print_help()

try:
    p.add_argument('--pair', nargs=2, metavar=('A', 'B', 'C'))
except ValueError as e:
    print('ValueError:', e)
try:
    p.add_argument('--bad', action='bogus')
except ValueError as e:
    print('ValueError:', e)
try:
    p.add_argument('--c', const=1)
except ValueError as e:
    print('ValueError:', e)
try:
    p.add_argument('x', dest='y')
except ValueError as e:
    print('ValueError:', e)
try:
    p.add_argument('--', help='x')
except ValueError as e:
    print('ValueError:', e)
try:
    p.add_argument('-f')
except argparse.ArgumentError as e:
    print('ArgumentError:', e)
try:
    p.add_argument('-f', '-v')
except argparse.ArgumentError as e:
    print('ArgumentError:', e)

q = Parser(prog='lam', description='%(prog)s does things')
q.add_argument('--x', type=lambda s: int(s) * 2, help=argparse.SUPPRESS)
q.add_argument('--y', type=str.upper)
q.add_argument('hidden', nargs='?', help=argparse.SUPPRESS)
q.add_argument('--version', action='version', version='%(prog)s version 3 -- long text that goes on and on and on to be wrapped by the formatter of the version action')
attempt(q, ['--x', 'z'])
attempt(q, ['--x', '4', '--y', 'abc', 'h'])
q.print_help()
attempt(q, ['--version'])

os.environ['COLUMNS'] = '20'
n = argparse.ArgumentParser(prog='narrow', description='a narrow terminal squeezes everything')
n.add_argument('--option', help='some help text that wraps')
n.add_argument('pos', help='positional help')
n.print_help()
os.environ['COLUMNS'] = '80'

m = Parser(prog='mutexwrap')
g = m.add_mutually_exclusive_group(required=True)
for name in ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf']:
    g.add_argument('--' + name, metavar='X')
m.add_argument('target', nargs='+')
m.print_usage()
attempt(m, ['t'])
attempt(m, ['--alpha', '1', '--bravo', '2', 't'])

e = argparse.ArgumentParser(prog='plain', add_help=False, description='only text')
print(repr(e.format_help()))
e2 = argparse.ArgumentParser(prog='epi', epilog='An epilog with several words that needs to wrap at eighty columns exactly, or so we hope it does.')
print(e2.format_help())
a = argparse.ArgumentParser(prog='allopt')
a.add_argument('--list', nargs='*', type=int, default=[1, 2])
a.add_argument('--x', action='append', default=['d'])
a.add_argument('--y', action='count')
print(a.parse_args(['--list', '--x', 'e']))
print(a.parse_args(['--list', '5', '6', '--x', 'f', '--y', '--y']))
ns, rest = a.parse_known_args(['--nope=3', '--y', 'stray'])
print(ns, rest)
print(argparse.Namespace(a=1) == argparse.Namespace(a=1), argparse.Namespace(a=1) == {'a': 1})

# subcommands
os.environ['COLUMNS'] = '80'
p = Parser(prog='git', description='A version control toy.')
p.add_argument('--verbose', '-v', action='count', default=0)
sub = p.add_subparsers(dest='command', help='the command to run')
c = sub.add_parser('commit', help='record changes', aliases=['ci'])
c.add_argument('-m', '--message', required=True)
c.add_argument('--amend', action='store_true')
s = sub.add_parser('status', help='show the working tree status')
s.add_argument('paths', nargs='*')
s.set_defaults(short=False)
b = sub.add_parser('branch')
b.add_argument('name', nargs='?')
attempt(p, ['commit', '-m', 'msg'])
attempt(p, ['-vv', 'ci', '--amend', '-m', 'x'])
attempt(p, ['status', 'a', 'b'])
attempt(p, ['branch'])
attempt(p, [])
attempt(p, ['push'])
attempt(p, ['commit'])
attempt(p, ['status', '--bogus'])
ns, rest = p.parse_known_args(['status', '--bogus', 'x'])
print(ns, rest)
p.print_help()
c.print_help()
attempt(p, ['commit', '-h'])

q = Parser(prog='tool')
sp = q.add_subparsers(title='commands', description='things tool can do', required=True, metavar='CMD')
sp.add_parser('run', help='run it')
sp.add_parser('stop', help='stop it')
attempt(q, [])
attempt(q, ['run'])
q.print_help()
try:
    q.add_subparsers()
except SystemExit as e:
    print('exit', e.code)
try:
    sp.add_parser('run')
except argparse.ArgumentError as e:
    print('ArgumentError:', e)
r = Parser(prog='req')
rs = r.add_subparsers(required=True)
rs.add_parser('a')
rs.add_parser('b')
attempt(r, [])
