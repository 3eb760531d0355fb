# Imported by class_modules.py: classes defined here belong to this module.
class K:
    pass


class LibError(Exception):
    pass
