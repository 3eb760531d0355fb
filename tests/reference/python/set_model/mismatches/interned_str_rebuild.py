# A constant display with a str of name characters that is already interned
# ('K', 'Q': one-char strs interned at start-up; 'print': a builtin's name) is
# rebuilt a third time by intern_string_constants when the code object is made.
print({'K', 'Q', 'print'})
