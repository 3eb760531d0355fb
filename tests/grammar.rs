//! The grammar: every example in `grammar/nt.ebnf` parses, and precedence and
//! associativity are pinned by printing parses fully parenthesised.

mod common;

use nt::syntax::ast::StmtKind;
use nt::syntax::parse_file;
use nt::syntax::unparse::unparse;

fn examples(ebnf: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<Vec<&str>> = None;
    for line in ebnf.lines() {
        match &mut current {
            None if line == "(* example:" => current = Some(Vec::new()),
            Some(lines) if line == "*)" => {
                out.push(lines.join("\n") + "\n");
                current = None;
            }
            Some(lines) => lines.push(line),
            None => {}
        }
    }
    out
}

#[test]
fn every_ebnf_example_parses() {
    let ebnf = include_str!("../grammar/nt.ebnf");
    let examples = examples(ebnf);
    assert!(examples.len() >= 40, "found only {} examples", examples.len());
    let failures: Vec<String> = common::big_stack(move || {
        examples
            .iter()
            .filter_map(|ex| {
                parse_file(ex, 0)
                    .err()
                    .map(|e| format!("{ex}\n  → {}: {} at {:?}", e.kind, e.msg, e.span))
            })
            .collect()
    });
    assert!(
        failures.is_empty(),
        "examples that do not parse:\n{}",
        failures.join("\n")
    );
}

fn paren(src: &str) -> String {
    let stmts = parse_file(src, 0).unwrap_or_else(|e| panic!("{src}: {e:?}"));
    match &stmts[0].kind {
        StmtKind::Expr(e) => unparse(e),
        other => panic!("{src}: not an expression: {other:?}"),
    }
}

#[test]
fn precedence_matches_python() {
    // Expected forms follow Python's grammar (Python docs §6.17, operator precedence).
    let cases = [
        ("-x**2", "(-(x ** 2))"),
        ("2**-1", "(2 ** (-1))"),
        ("2**3**2", "(2 ** (3 ** 2))"),
        ("-2**-1**2", "(-(2 ** (-(1 ** 2))))"),
        ("a + b * c - d", "((a + (b * c)) - d)"),
        ("a - b - c", "((a - b) - c)"),
        ("a / b // c % d @ e", "((((a / b) // c) % d) @ e)"),
        ("1 | 2 ^ 3 & 4 << 1 + 2", "(1 | (2 ^ (3 & (4 << (1 + 2)))))"),
        ("~x + -y", "((~x) + (-y))"),
        ("not a == b", "(not (a == b))"),
        ("a < b < c", "(a < b < c)"),
        ("(a < b) < c", "((a < b) < c)"),
        ("a not in b is not c", "(a not in b is not c)"),
        ("a and not b or c", "((a and (not b)) or c)"),
        ("a or b and c", "(a or (b and c))"),
        ("not not x", "(not (not x))"),
        ("x if c else y if d else z", "(x if c else (y if d else z))"),
        ("lambda x, y=2: x + y", "(lambda x, y=2: (x + y))"),
        ("lambda: a if b else c", "(lambda: (a if b else c))"),
        ("f(x)(y)[z].w", "f(x)(y)[z].w"),
        ("-f(x)**2", "(-(f(x) ** 2))"),
        ("a[1:, ::2, None, ...]", "a[(1:, ::2, None, ...)]"),
        ("a[i:j]", "a[i:j]"),
        ("f(x for x in y)", "f((x for x in y))"),
        ("[x**2 for x in xs if x > 0]", "[(x ** 2) for x in xs if (x > 0)]"),
        ("{k: v for k, v in d.items()}", "{k: v for (k, v) in d.items()}"),
        ("f(*args, key=1, **kw)", "f(*args, key=1, **kw)"),
        ("(1,)", "(1,)"),
        ("()", "()"),
        ("f\"{x:.4f} {y!r:>{w}}\"", "f\"{x:.4f} {y!r:>{w}}\""),
    ];
    let results: Vec<(String, String, String)> = common::big_stack(move || {
        cases
            .iter()
            .map(|(s, w)| (s.to_string(), paren(s), w.to_string()))
            .collect()
    });
    let bad: Vec<String> = results
        .iter()
        .filter(|(_, got, want)| got != want)
        .map(|(s, got, want)| format!("{s}: got {got}, want {want}"))
        .collect();
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
