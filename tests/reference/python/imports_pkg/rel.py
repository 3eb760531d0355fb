from . import tools
from .tools import tool as t
from .sub.leaf import leaf


def go():
    return [tools.tool(), t(), leaf(), __name__]
