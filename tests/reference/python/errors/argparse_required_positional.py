import argparse
parser = argparse.ArgumentParser(prog='tool')
parser.add_argument('name')
print(parser.format_usage(), end='')
parser.add_argument('other', required=True)
print('not reached')
