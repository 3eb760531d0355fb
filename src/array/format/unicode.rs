//! CPython 3.11's str predicates that depend on Unicode categories (`isprintable`,
//! `isdecimal`, `isdigit`, `isnumeric`, `isalpha`), from tables generated out of
//! CPython itself (`src/array/format/unicode_tables.py` writes `unicode_tables.rs`).

use super::unicode_tables as t;

fn within(table: &[(u32, u32)], c: char) -> bool {
    let n = c as u32;
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < n {
                std::cmp::Ordering::Less
            } else if lo > n {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// `c.isprintable()`; what `repr` of a str leaves unescaped.
pub fn is_printable(c: char) -> bool {
    if (c as u32) < 0x7f {
        return c as u32 >= 0x20;
    }
    !within(t::NOT_PRINTABLE, c)
}

pub fn is_decimal(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && within(t::DECIMAL, c))
}

pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && within(t::DIGIT, c))
}

pub fn is_numeric(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && within(t::NUMERIC, c))
}

pub fn is_alpha(c: char) -> bool {
    c.is_ascii_alphabetic() || (!c.is_ascii() && within(t::ALPHA, c))
}
