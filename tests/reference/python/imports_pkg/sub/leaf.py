from .. import NAME
from ..tools import tool
from . import DEEP


def leaf():
    return "-".join([NAME, tool(), DEEP, __name__, __package__])
