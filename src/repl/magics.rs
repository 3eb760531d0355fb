//! IPython's habits, understood wherever an entry is typed (the REPL, transcripts, the
//! notebook kernel): pasted `>>> `/`... ` prompts are stripped, the line magics
//! `%timeit`, `%time`, `%who`, `%run`, `%load`, `%reset` are the `:` commands, and
//! `x?` / `x??` ask for help (`??` adds a user function's source).

use crate::diagnostics::Diagnostic;
use crate::error::exc;

/// IPython's classic prompt stripper: when the first line starts with a `>>>` prompt,
/// every line's `>>> ` or `... ` prompt goes (lines without one stay as they are).
pub fn strip_prompts(src: &str) -> std::borrow::Cow<'_, str> {
    let first = src.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if !is_prompt(first.trim_start(), ">>>") {
        return std::borrow::Cow::Borrowed(src);
    }
    let lines: Vec<&str> = src.split('\n').map(strip_prompt_line).collect();
    std::borrow::Cow::Owned(lines.join("\n"))
}

/// One line of a pasted block without its `>>> ` or `... ` prompt.
pub fn strip_prompt_line(l: &str) -> &str {
    let t = l.trim_start();
    for p in [">>>", "..."] {
        if is_prompt(t, p) {
            return t[p.len()..].strip_prefix(' ').unwrap_or(&t[p.len()..]);
        }
    }
    l
}

/// `line` starts with the prompt `p` followed by a space or nothing.
fn is_prompt(line: &str, p: &str) -> bool {
    line.strip_prefix(p)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

/// A line magic as the `:` command it stands for, or None when `src` is not one.
pub fn command(src: &str) -> Option<Result<String, Diagnostic>> {
    let t = src.trim();
    let body = t.strip_prefix('%')?;
    if body.starts_with('%') {
        let name = body[1..].split_whitespace().next().unwrap_or("");
        return Some(Err(usage(&format!(
            "nt has no cell magics: %%{name} is not available (line magics: %timeit, %time, %who, %run, %load, %reset)"
        ))));
    }
    let (name, rest) = body.split_once(char::is_whitespace).unwrap_or((body, ""));
    let rest = rest.trim();
    Some(match name {
        "timeit" | "time" | "who" | "load" => Ok(format!(":{name} {rest}")),
        "run" => Ok(format!(":load {rest}")),
        // `%reset` asks for confirmation in IPython; `-f` (and nt) does not.
        "reset" => match rest {
            "" | "-f" => Ok(":reset".to_string()),
            _ => Err(usage(&format!("%reset: nt takes no arguments but -f, not '{rest}'"))),
        },
        _ => Err(usage(&format!("Line magic function `%{name}` not found."))),
    })
}

/// `x?`, `?x`, `x??`, `??x`: the expression asked about, and whether `??` asked for
/// the source too.
pub fn help_query(src: &str) -> Option<(String, bool)> {
    let t = src.trim();
    if t.contains('\n') {
        return None;
    }
    let (expr, source) = if let Some(e) = t.strip_suffix("??") {
        (e, true)
    } else if let Some(e) = t.strip_suffix('?') {
        (e, false)
    } else if let Some(e) = t.strip_prefix("??") {
        (e, true)
    } else if let Some(e) = t.strip_prefix('?') {
        (e, false)
    } else {
        return None;
    };
    let expr = expr.trim();
    let name_like = !expr.is_empty()
        && expr
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == '[' || c == ']' || c == '\'' || c == '"')
        && !expr.starts_with(|c: char| c.is_ascii_digit() || c == '.');
    name_like.then(|| (expr.to_string(), source))
}

fn usage(msg: &str) -> Diagnostic {
    Diagnostic::from(exc("UsageError", msg.to_string()))
}

/// `%timeit`'s options: `-n LOOPS`, `-r RUNS` (also `-n10`), then the statement.
pub fn timeit_options(rest: &str) -> Result<(Option<u64>, u64, &str), Diagnostic> {
    let mut loops = None;
    let mut runs = 7u64;
    let mut s = rest.trim_start();
    while let Some(opt) = s.strip_prefix('-') {
        let flag = opt.chars().next().unwrap_or(' ');
        if flag != 'n' && flag != 'r' {
            return Err(usage(&format!(
                "%timeit: nt knows the options -n LOOPS and -r RUNS, not -{flag}"
            )));
        }
        let after = opt[1..].trim_start();
        let end = after.find(|c: char| !c.is_ascii_digit()).unwrap_or(after.len());
        let n: u64 = after[..end]
            .parse()
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| usage(&format!("%timeit: -{flag} needs a positive whole number")))?;
        if flag == 'n' {
            loops = Some(n);
        } else {
            runs = n;
        }
        s = after[end..].trim_start();
    }
    Ok((loops, runs, s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_prompts_are_stripped_only_when_the_entry_starts_with_one() {
        assert_eq!(strip_prompts(">>> x = 1"), "x = 1");
        assert_eq!(
            strip_prompts(">>> def f():\n...     return 1\n..."),
            "def f():\n    return 1\n"
        );
        // `...` alone is Ellipsis when no prompt starts the entry.
        assert_eq!(strip_prompts("...\nx = ..."), "...\nx = ...");
        assert_eq!(strip_prompts(">>>x"), ">>>x");
    }

    #[test]
    fn line_magics_are_the_colon_commands() {
        let c = |s: &str| command(s).map(|r| r.map_err(|d| d.headline()));
        assert_eq!(c("%timeit -n 10 x + 1"), Some(Ok(":timeit -n 10 x + 1".into())));
        assert_eq!(c("%run script.nt"), Some(Ok(":load script.nt".into())));
        assert_eq!(c("%reset -f"), Some(Ok(":reset".into())));
        assert_eq!(c("x % 2"), None);
        assert_eq!(
            c("%foo"),
            Some(Err("UsageError: Line magic function `%foo` not found.".into()))
        );
    }

    #[test]
    fn question_marks_ask_for_help() {
        assert_eq!(help_query("np.linspace?"), Some(("np.linspace".into(), false)));
        assert_eq!(help_query("??f"), Some(("f".into(), true)));
        assert_eq!(help_query("x = 1?"), None);
        assert_eq!(help_query("?"), None);
    }

    #[test]
    fn timeit_options_parse() {
        fn o(s: &str) -> Result<(Option<u64>, u64, &str), String> {
            timeit_options(s).map_err(|d| d.headline())
        }
        assert_eq!(o("-n 100 -r 3 f(x)"), Ok((Some(100), 3, "f(x)")));
        assert_eq!(o("-n10 x"), Ok((Some(10), 7, "x")));
        assert_eq!(o("x - 1"), Ok((None, 7, "x - 1")));
        assert!(o("-q x").is_err());
        assert!(o("-n 0 x").is_err());
    }
}
