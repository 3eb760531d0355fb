print("before")
import _nt
