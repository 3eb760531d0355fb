import argparse
parser = argparse.ArgumentParser(prog='tool')
parser.add_argument('--ok', type=int)
print(parser.parse_args(['--ok', '1']))
parser.add_argument('--count', nargs=0)
print('not reached')
