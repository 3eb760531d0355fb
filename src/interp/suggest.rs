//! CPython 3.11's "Did you mean" suggestions for NameError / AttributeError.
//!
//! In 3.11 this lives in C (Python/suggestions.c; traceback.py only gained a
//! Python port in 3.12), so this is a port of that file. It works on UTF-8
//! bytes, not characters, exactly as the C code does, which matters for both
//! the length limits and the distances of non-ASCII names.
//!
//! CPython's candidate lists, for callers: AttributeError uses `dir(obj)`
//! (sorted). NameError tries the frame's local variable names (definition
//! order), then the globals dict (insertion order), then the builtins dict,
//! calling this once per list and stopping at the first hit. (The "self.NAME"
//! and "forgot to import" hints are 3.12 additions; 3.11.7 prints neither.)

const MAX_CANDIDATE_ITEMS: usize = 750;
const MAX_STRING_SIZE: usize = 40;
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

/// Cost of replacing byte `a` by `b`: free if equal, cheap for an ASCII case
/// flip. Comparing the low five bits first is the C code's fast reject.
fn substitution_cost(a: u8, b: u8) -> usize {
    if a & 31 != b & 31 {
        return MOVE_COST;
    }
    if a == b {
        return 0;
    }
    if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// Weighted Levenshtein distance, or any value above `max_cost` once the
/// distance is known to exceed it (the C code returns `max_cost + 1`).
fn levenshtein_distance(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (mut a, mut b) = (&a[prefix..], &b[prefix..]);
    let suffix = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    a = &a[..a.len() - suffix];
    b = &b[..b.len() - suffix];
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost.saturating_add(1);
    }
    // Keep the shorter string in the row buffer.
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost.saturating_add(1);
    }
    // One DP row, updated in place: buffer[i] = cost(b[..b_index], a[..=i]).
    let mut buffer = [0usize; MAX_STRING_SIZE];
    for (i, slot) in buffer.iter_mut().take(a.len()).enumerate() {
        *slot = (i + 1) * MOVE_COST;
    }
    let mut result = 0;
    for (b_index, &code) in b.iter().enumerate() {
        let mut distance = b_index * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (slot, &ac) in buffer.iter_mut().zip(a) {
            let substitute = distance + substitution_cost(code, ac);
            distance = *slot;
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            *slot = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost.saturating_add(1);
        }
    }
    result
}

/// CPython 3.11's suggestion for `wrong_name` among `candidates` (one list,
/// see the module docs for which lists CPython consults): the first candidate
/// with the smallest distance, within a third of the combined length. None
/// when the list has 750 or more entries, as in CPython.
pub fn did_you_mean<'a>(wrong_name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let items: Vec<&'a str> = candidates.into_iter().take(MAX_CANDIDATE_ITEMS).collect();
    if items.len() >= MAX_CANDIDATE_ITEMS {
        return None;
    }
    let mut best: Option<(&'a str, usize)> = None;
    for item in items {
        if item == wrong_name {
            continue;
        }
        let mut max_distance = (wrong_name.len() + item.len() + 3) * MOVE_COST / 6;
        // Only strictly better matches can replace the current one.
        if let Some((_, d)) = best {
            match d.checked_sub(1) {
                Some(limit) => max_distance = max_distance.min(limit),
                None => break,
            }
        }
        let distance = levenshtein_distance(wrong_name.as_bytes(), item.as_bytes(), max_distance);
        if distance <= max_distance {
            best = Some((item, distance));
        }
    }
    best.map(|(item, _)| item)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// dir() of a module: its five standard dunders plus the given names, sorted.
    fn module_dir<'a>(names: &[&'a str]) -> Vec<&'a str> {
        let mut v = vec!["__doc__", "__loader__", "__name__", "__package__", "__spec__"];
        v.extend_from_slice(names);
        v.sort_unstable();
        v
    }

    /// Expected values: CPython 3.11.7 raising AttributeError on a module with
    /// these attributes and printing the traceback.
    #[test]
    fn matches_cpython_attribute_errors() {
        let cases: &[(&str, &[&str], Option<&str>)] = &[
            ("blach", &["blech", "bluch"], Some("blech")),
            ("Foo", &["foo", "FOO"], Some("foo")),
            ("fOO", &["foo", "FOO"], Some("FOO")),
            ("pritn", &["print", "pprint"], Some("print")),
            ("lenght", &["length", "len"], Some("length")),
            ("x", &["y", "xx"], Some("xx")),
            ("ab", &["cd", "ef"], None),
            ("abc", &["abd", "abe", "xbc"], Some("abd")),
            ("caf\u{e9}", &["cafe", "caf\u{eb}"], Some("caf\u{eb}")),
            ("caf\u{e9}s", &["cafes"], Some("cafes")),
            ("\u{65e5}\u{672c}", &["\u{65e5}\u{672d}"], Some("\u{65e5}\u{672d}")),
            (
                "a_very_long_attribute_name_that_goes_on_and_on_1",
                &["a_very_long_attribute_name_that_goes_on_and_on_2"],
                Some("a_very_long_attribute_name_that_goes_on_and_on_2"),
            ),
            (
                "q_1234567890123456789012345678901234567890123_q",
                &["r_1234567890123456789012345678901234567890123_r"],
                None,
            ),
            ("name", &["__name__"], None),
            ("sepc", &["spec"], None),
            ("doc", &["dog", "__doc__"], Some("dog")),
            ("counter", &["count", "Counter", "counters"], Some("Counter")),
            ("HTTPError", &["HttpError", "HTTPErrors"], Some("HTTPErrors")),
            ("abcdef", &["fedcba"], None),
            ("ab", &["ba"], None),
            ("abcd", &["badc"], None),
        ];
        for (wrong, names, want) in cases {
            let dir = module_dir(names);
            assert_eq!(did_you_mean(wrong, dir.iter().copied()), *want, "{wrong} in {names:?}");
        }
    }

    /// CPython 3.11.7: a module with 'spam' and 743 more attributes (749 dir
    /// entries) suggests 'spam' for 'spamm'; with 744 more (750) it suggests
    /// nothing. NameError over locals (xbc, abd) / (abd, xbc) for 'abc'
    /// suggests the first one.
    #[test]
    fn candidate_limit_and_order() {
        let names: Vec<String> = (0..744).map(|i| format!("zz{i}")).collect();
        let mut attrs: Vec<&str> = names.iter().map(String::as_str).collect();
        attrs.push("spam");
        let dir = module_dir(&attrs);
        assert_eq!(dir.len(), 750);
        assert_eq!(did_you_mean("spamm", dir.iter().copied()), None);
        let dir = module_dir(&attrs[1..]);
        assert_eq!(did_you_mean("spamm", dir.iter().copied()), Some("spam"));
        assert_eq!(did_you_mean("abc", ["xbc", "abd"]), Some("xbc"));
        assert_eq!(did_you_mean("abc", ["abd", "xbc"]), Some("abd"));
        assert_eq!(did_you_mean("abc_", ["abc"]), Some("abc"));
        assert_eq!(did_you_mean("abc", ["abc"]), None);
    }
}
