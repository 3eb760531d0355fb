//! The shell requests: kernel info, execute, complete, inspect, is_complete, history.

use super::Kernel;
use super::wire::Msg;
use serde_json::{Value, json};

pub fn kernel_info() -> Value {
    let version = env!("CARGO_PKG_VERSION");
    json!({
        "status": "ok",
        "protocol_version": "5.3",
        "implementation": "nt",
        "implementation_version": version,
        "language_info": {
            "name": "nt",
            "version": version,
            "mimetype": "text/x-nt",
            "file_extension": ".nt",
            "pygments_lexer": "python",
            "codemirror_mode": "python",
            "nbconvert_exporter": "script",
        },
        "banner": format!("nt {version} — Python syntax, NumPy arrays, PyTorch tensors"),
        "help_links": [],
    })
}

/// Runs a cell: `execute_input`, its output, the result or the error, then the reply.
pub fn execute(k: &mut Kernel, req: &Msg) -> Value {
    let code = req.content["code"].as_str().unwrap_or("").to_string();
    let silent = req.content["silent"].as_bool().unwrap_or(false);
    let store = req.content["store_history"].as_bool().unwrap_or(!silent) && !silent;
    if store {
        k.count += 1;
        k.history.push((k.count, code.clone(), None));
    }
    let count = k.count;
    if !silent {
        k.iopub.publish(
            "execute_input",
            json!({"code": code, "execution_count": count}),
            &req.header,
        );
    }
    k.out.borrow_mut().parent = req.header.clone();
    let result = k.session.run_cell(&code);
    k.out.borrow_mut().flush_stream();
    let reply = match result {
        Ok(value) => result_reply(k, req, count, value, silent, store),
        Err(d) => error_reply(k, req, count, d),
    };
    // The cell's figures follow its result, as matplotlib-inline shows them.
    if let Err(d) = k.session.flush_figures() {
        let text = k.session.render(&d);
        k.session.interp.write_err(&text);
    }
    k.out.borrow_mut().flush_stream();
    reply
}

/// Publishes a cell's value (its `execute_result`) and makes the reply.
fn result_reply(
    k: &mut Kernel,
    req: &Msg,
    count: u64,
    value: Option<crate::value::Value>,
    silent: bool,
    store: bool,
) -> Value {
    if let (Some(v), false) = (value, silent) {
        match k.session.interp.display(&v, false) {
            Ok(text) => {
                if store && let Some(last) = k.history.last_mut() {
                    last.2 = Some(text.clone());
                }
                k.iopub.publish(
                    "execute_result",
                    json!({"execution_count": count, "data": {"text/plain": text}, "metadata": {}}),
                    &req.header,
                )
            }
            Err(e) => return error_reply(k, req, count, crate::diagnostics::Diagnostic::from(e)),
        }
    }
    json!({"status": "ok", "execution_count": count, "user_expressions": {}, "payload": []})
}

fn error_reply(k: &mut Kernel, req: &Msg, count: u64, d: crate::diagnostics::Diagnostic) -> Value {
    let headline = d.headline();
    let (ename, evalue) = headline.split_once(": ").unwrap_or((headline.as_str(), ""));
    let report = k.session.render(&d);
    let traceback: Vec<&str> = report.trim_end().split('\n').collect();
    let content = json!({"ename": ename, "evalue": evalue, "traceback": traceback});
    k.iopub.publish("error", content.clone(), &req.header);
    let mut reply = content;
    reply["status"] = json!("error");
    reply["execution_count"] = json!(count);
    reply
}

/// Unicode code points to a byte offset in `s`.
fn byte_at(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i)
}

fn chars_to(s: &str, byte: usize) -> usize {
    s[..byte.min(s.len())].chars().count()
}

pub fn complete(k: &Kernel, req: &Msg) -> Value {
    let code = req.content["code"].as_str().unwrap_or("");
    let cursor = req.content["cursor_pos"]
        .as_u64()
        .map_or(code.len(), |c| byte_at(code, c as usize));
    let helper = crate::repl::helper::NtHelper::new(&k.session, false);
    let (start, matches) = helper.candidates(code, cursor);
    json!({
        "status": "ok",
        "matches": matches,
        "cursor_start": chars_to(code, start),
        "cursor_end": chars_to(code, cursor),
        "metadata": {},
    })
}

/// The dotted name at (or just before) the cursor.
fn name_at(code: &str, cursor: usize) -> &str {
    let is_name = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    let start = code[..cursor].rfind(|c: char| !is_name(c)).map_or(0, |i| i + 1);
    let end = code[cursor..]
        .find(|c: char| !is_name(c))
        .map_or(code.len(), |i| cursor + i);
    code[start..end].trim_matches('.')
}

/// `help()` of the name at the cursor, as IPython's Shift-Tab shows it.
pub fn inspect(k: &mut Kernel, req: &Msg) -> Value {
    let code = req.content["code"].as_str().unwrap_or("");
    let cursor = req.content["cursor_pos"]
        .as_u64()
        .map_or(code.len(), |c| byte_at(code, c as usize));
    let name = name_at(code, cursor).to_string();
    let not_found = json!({"status": "ok", "found": false, "data": {}, "metadata": {}});
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        return not_found;
    }
    k.out.borrow_mut().capture = Some(Vec::new());
    let r = k.session.eval(&format!("help({name})"));
    let text = k.out.borrow_mut().capture.take().unwrap_or_default();
    match r {
        Ok(()) => json!({
            "status": "ok",
            "found": true,
            "data": {"text/plain": String::from_utf8_lossy(&text)},
            "metadata": {},
        }),
        Err(_) => not_found,
    }
}

pub fn is_complete(req: &Msg) -> Value {
    let code = req.content["code"].as_str().unwrap_or("");
    let lines: Vec<String> = code.split('\n').map(str::to_owned).collect();
    if crate::repl::input::needs_more(&lines) {
        let indent = crate::repl::editor::auto_indent(&lines);
        return json!({"status": "incomplete", "indent": indent});
    }
    match crate::syntax::parse_file(code, 0) {
        Ok(_) => json!({"status": "complete"}),
        Err(_) => json!({"status": "invalid"}),
    }
}

/// A glob (`*`, `?`) match, as the history search's pattern is.
fn glob(p: &[char], s: &[char]) -> bool {
    match p.split_first() {
        None => s.is_empty(),
        Some(('*', rest)) => (0..=s.len()).any(|i| glob(rest, &s[i..])),
        Some(('?', rest)) => !s.is_empty() && glob(rest, &s[1..]),
        Some((c, rest)) => s.first() == Some(c) && glob(rest, &s[1..]),
    }
}

pub fn history(k: &Kernel, req: &Msg) -> Value {
    let c = &req.content;
    let all = k.history.iter();
    let items: Vec<&(u64, String, Option<String>)> = match c["hist_access_type"].as_str().unwrap_or("") {
        "tail" => {
            let n = c["n"].as_u64().unwrap_or(10) as usize;
            let v: Vec<_> = all.collect();
            v[v.len().saturating_sub(n)..].to_vec()
        }
        "range" => {
            let start = c["start"].as_u64().unwrap_or(0);
            let stop = c["stop"].as_u64().unwrap_or(u64::MAX);
            all.filter(|(n, _, _)| *n >= start && *n < stop).collect()
        }
        "search" => {
            let p: Vec<char> = c["pattern"].as_str().unwrap_or("*").chars().collect();
            let mut v: Vec<_> = all
                .filter(|(_, code, _)| glob(&p, &code.chars().collect::<Vec<_>>()))
                .collect();
            if c["unique"].as_bool().unwrap_or(false) {
                let mut seen = std::collections::HashSet::new();
                v.retain(|(_, code, _)| seen.insert(code.clone()));
            }
            if let Some(n) = c["n"].as_u64() {
                v = v[v.len().saturating_sub(n as usize)..].to_vec();
            }
            v
        }
        _ => Vec::new(),
    };
    // With `output`, each input is paired with its result's text (None without one).
    let output = c["output"].as_bool().unwrap_or(false);
    let history: Vec<Value> = items
        .iter()
        .map(|(n, code, out)| {
            if output {
                json!([0, n, [code, out]])
            } else {
                json!([0, n, code])
            }
        })
        .collect();
    json!({"status": "ok", "history": history})
}

#[cfg(test)]
mod tests {
    #[test]
    fn history_patterns_are_globs() {
        let g = |p: &str, s: &str| super::glob(&p.chars().collect::<Vec<_>>(), &s.chars().collect::<Vec<_>>());
        assert!(g("1?2*", "1+2+3"));
        assert!(!g("1?2*", "print(1)"));
        assert!(g("*", ""));
    }

    #[test]
    fn the_name_at_the_cursor() {
        assert_eq!(super::name_at("x = np.linspace(0", 10), "np.linspace");
        assert_eq!(super::name_at("zip", 3), "zip");
    }
}
