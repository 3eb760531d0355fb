//! Binding a call's arguments to the declared signature, with the library's texts:
//! CPython's (`ceval.c`'s `initialize_locals`) for NumPy and Python-level PyTorch, and
//! PyTorch's argument parser (`python_arg_parser.cpp`) for its C++ functions.

use super::{Binder, Entry, Overload, ParamKind, Reads, registry};
use crate::error::{Res, exc, type_error};
use crate::value::{Args, PyType, Value};

/// Checks a call of the registered `form.name` (`np.sort`, `Tensor.sum`): the arguments
/// must bind to the library's signature, and a parameter nt does not implement may only
/// be given its default. Unregistered names are not checked (the registry test walks
/// every function and method nt exposes).
pub fn check_call(form: &str, name: &str, args: Args) -> Res<Args> {
    let Some(e) = registry().get(form, name) else {
        return Ok(args);
    };
    if e.own_binding {
        return Ok(args);
    }
    let candidates = bind(e, &args).map_err(type_error)?;
    // PyTorch picks the overload whose parameter types fit; nt, which binds by names
    // and counts, takes the first that binds with only what nt implements.
    let mut first_err = None;
    let mut chosen = None;
    for (o, bound) in candidates {
        match check_handled(e, o, &bound) {
            Ok(trusted) => {
                chosen = Some((o, bound, trusted));
                break;
            }
            Err(err) => {
                first_err.get_or_insert(err);
            }
        }
    }
    let Some((o, bound, trusted)) = chosen else {
        return Err(first_err.unwrap_or_else(|| type_error(format!("{}() cannot be called", e.name()))));
    };
    // Arguments given by position past the run nt reads by position go to the
    // implementation as keywords, under the library's names.
    if args.pos.len() <= trusted || !bound.varpos.is_empty() {
        return Ok(args);
    }
    let moved: Vec<(crate::syntax::symbol::Sym, Value)> = bound
        .given
        .iter()
        .filter(|(i, _, by_position)| *by_position && *i >= trusted)
        .map(|(i, v, _)| (crate::syntax::symbol::Sym::new(&o.params[*i].name), (*v).clone()))
        .collect();
    let Args { mut pos, mut kw } = args;
    pos.truncate(trusted);
    kw.extend(moved);
    Ok(Args { pos, kw })
}

/// Binds to the declared signature, or says why not in the library's words.
fn bind<'e, 'a>(e: &'e Entry, args: &'a Args) -> Result<Vec<(&'e Overload, Bound<'a>)>, String> {
    match e.binder {
        Binder::Py | Binder::Ufunc => {
            let Some(o) = e.overloads.first() else {
                return Err(format!("{}() is declared without a signature", e.name()));
            };
            bind_py(e, o, args).map(|b| vec![(o, b)])
        }
        Binder::Torch => {
            let method = e.key.starts_with("Tensor.");
            if let ([o], true) = (e.overloads.as_slice(), method) {
                if o.params.is_empty() {
                    // A method without parameters is a plain C method of TensorBase.
                    return match (args.pos.len(), args.kw.is_empty()) {
                        (0, true) => bind_torch(e.name(), o, args).map(|b| vec![(o, b)]),
                        (0, false) => Err(format!("TensorBase.{}() takes no keyword arguments", e.name())),
                        (n, _) => Err(format!("TensorBase.{}() takes no arguments ({n} given)", e.name())),
                    };
                }
            }
            let mut errors = Vec::new();
            let mut bound = Vec::new();
            for o in &e.overloads {
                match bind_torch(e.name(), o, args) {
                    Ok(b) => bound.push((o, b)),
                    Err(m) => errors.push(m),
                }
            }
            if !bound.is_empty() {
                return Ok(bound);
            }
            let n = args.pos.len() + args.kw.len();
            let plausible: Vec<usize> = (0..e.overloads.len())
                .filter(|&i| {
                    let o = &e.overloads[i];
                    let min = o.params.iter().filter(|p| required(p)).count();
                    let max = if o.params.iter().any(|p| p.kind == ParamKind::VarPos) {
                        usize::MAX
                    } else {
                        o.params.len()
                    };
                    (min..=max).contains(&n)
                })
                .collect();
            Err(match (&e.listing, plausible.as_slice()) {
                (_, [i]) | (None, [i, ..]) => errors.swap_remove(*i),
                (Some(listing), _) if e.overloads.len() > 1 => format!(
                    "{}() received an invalid combination of arguments - got {}, but expected one of:\n{listing}",
                    e.name(),
                    arg_desc(args)
                ),
                _ => errors.swap_remove(0),
            })
        }
    }
}

fn required(p: &super::Param) -> bool {
    p.default.is_none() && matches!(p.kind, ParamKind::PosOnly | ParamKind::PosOrKw | ParamKind::KwOnly)
}

/// Which parameter each argument went to.
struct Bound<'a> {
    /// (parameter, value, given by position)
    given: Vec<(usize, &'a Value, bool)>,
    varpos: &'a [Value],
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// CPython's `missing_arguments` list: 'a', 'a' and 'b', 'a', 'b', and 'c'.
fn name_list(names: &[&str]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match q.as_slice() {
        [] => String::new(),
        [a] => a.clone(),
        [a, b] => format!("{a} and {b}"),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
    }
}

fn too_many(name: &str, o: &Overload, given: usize, kw_only_given: usize) -> String {
    let positional: Vec<_> = o.positional().collect();
    let max = positional.len();
    let min = positional.iter().filter(|p| p.default.is_none()).count();
    let takes = if min < max {
        format!("from {min} to {max} positional arguments")
    } else {
        plural(max, "positional argument")
    };
    let was = if given == 1 && kw_only_given == 0 {
        "was"
    } else {
        "were"
    };
    let kw = if kw_only_given > 0 {
        format!(
            " positional argument{} (and {})",
            if given == 1 { "" } else { "s" },
            plural(kw_only_given, "keyword-only argument")
        )
    } else {
        String::new()
    };
    format!("{name}() takes {takes} but {given}{kw} {was} given")
}

fn bind_py<'a>(e: &Entry, o: &Overload, args: &'a Args) -> Result<Bound<'a>, String> {
    let name = e.name();
    let params = &o.params;
    let npos = o.positional().count();
    let has_varpos = params.iter().any(|p| p.kind == ParamKind::VarPos);
    let has_varkw = params.iter().any(|p| p.kind == ParamKind::VarKw);
    // A ufunc counts its positional arguments first ("takes from 2 to 3 positional
    // arguments but 0 were given").
    if e.binder == super::Binder::Ufunc {
        let min = params.iter().filter(|p| p.kind == ParamKind::PosOnly).count();
        if args.pos.len() < min || args.pos.len() > npos {
            return Err(too_many(name, o, args.pos.len(), 0));
        }
    }
    let mut given: Vec<(usize, &Value, bool)> = Vec::new();
    for (i, v) in args.pos.iter().enumerate().take(npos) {
        given.push((i, v, true));
    }
    let mut posonly_as_kw = Vec::new();
    for (k, v) in &args.kw {
        let k = k.as_str();
        match params
            .iter()
            .position(|p| p.name == k && !matches!(p.kind, ParamKind::VarPos | ParamKind::VarKw))
        {
            Some(i) if params[i].kind == ParamKind::PosOnly => {
                if !has_varkw {
                    posonly_as_kw.push(k);
                }
            }
            Some(i) => {
                if given.iter().any(|(j, _, _)| *j == i) {
                    return Err(format!("{name}() got multiple values for argument '{k}'"));
                }
                given.push((i, v, false));
            }
            // Into `**kwargs`: nt passes nothing on from there.
            None if has_varkw
                && e.reads(
                    params
                        .iter()
                        .find(|p| p.kind == ParamKind::VarKw)
                        .map_or("", |p| &p.name),
                )
                .is_some() => {}
            None => return Err(format!("{name}() got an unexpected keyword argument '{k}'")),
        }
    }
    if !posonly_as_kw.is_empty() {
        return Err(format!(
            "{name}() got some positional-only arguments passed as keyword arguments: '{}'",
            posonly_as_kw.join(", ")
        ));
    }
    if args.pos.len() > npos && !has_varpos {
        let kw_only_given = given
            .iter()
            .filter(|(i, _, _)| params[*i].kind == ParamKind::KwOnly)
            .count();
        return Err(too_many(name, o, args.pos.len(), kw_only_given));
    }
    let missing = |kinds: &[ParamKind]| -> Vec<&str> {
        params
            .iter()
            .enumerate()
            .filter(|(i, p)| kinds.contains(&p.kind) && required(p) && !given.iter().any(|(j, _, _)| j == i))
            .map(|(_, p)| p.name.as_str())
            .collect()
    };
    let m = missing(&[ParamKind::PosOnly, ParamKind::PosOrKw]);
    if !m.is_empty() {
        return Err(format!(
            "{name}() missing {} required positional argument{}: {}",
            m.len(),
            if m.len() == 1 { "" } else { "s" },
            name_list(&m)
        ));
    }
    let m = missing(&[ParamKind::KwOnly]);
    if !m.is_empty() {
        return Err(format!(
            "{name}() missing {} required keyword-only argument{}: {}",
            m.len(),
            if m.len() == 1 { "" } else { "s" },
            name_list(&m)
        ));
    }
    Ok(Bound {
        given,
        varpos: if args.pos.len() > npos { &args.pos[npos..] } else { &[] },
    })
}

/// PyTorch's parser also takes NumPy's names for some parameters.
fn torch_kw_matches(param: &str, kw: &str) -> bool {
    param == kw
        || matches!(
            (param, kw),
            ("dim", "axis") | ("keepdim", "keepdims") | ("input", "x" | "a" | "x1") | ("other", "x2")
        )
}

/// One overload through PyTorch's parser: too many positionals, then a missing
/// argument, then unknown or repeated keywords.
fn bind_torch<'a>(name: &str, o: &Overload, args: &'a Args) -> Result<Bound<'a>, String> {
    let params = &o.params;
    let npos = o.positional().count();
    let varpos = params.iter().position(|p| p.kind == ParamKind::VarPos);
    // `zeros(2, 3)`: an int list may be given as varargs.
    let (npos, varpos) = match varpos {
        Some(i) if args.pos.len() > npos => (npos, Some(i)),
        _ => (npos, None),
    };
    if args.pos.len() > npos && varpos.is_none() {
        return Err(too_many(name, o, args.pos.len(), 0));
    }
    let mut given: Vec<(usize, &Value, bool)> = Vec::new();
    let mut p_i = 0;
    for (i, p) in params.iter().enumerate() {
        match p.kind {
            ParamKind::PosOnly | ParamKind::PosOrKw if p_i < args.pos.len() => {
                given.push((i, &args.pos[p_i], true));
                p_i += 1;
                if args.kw.iter().any(|(k, _)| torch_kw_matches(&p.name, k.as_str())) {
                    return Err(format!("{name}() got multiple values for argument '{}'", p.name));
                }
            }
            ParamKind::VarPos | ParamKind::VarKw => {}
            _ => match args.kw.iter().find(|(k, _)| torch_kw_matches(&p.name, k.as_str())) {
                Some((_, v)) => given.push((i, v, false)),
                None if required(p) && !(varpos.is_some() && p_i < args.pos.len()) => {
                    let missing: Vec<String> = params[i..]
                        .iter()
                        .filter(|p| required(p))
                        .map(|p| format!("\"{}\"", p.name))
                        .collect();
                    // PyTorch's own text: "arguments" for one, "argument" for several.
                    return Err(format!(
                        "{name}() missing {} required positional argument{}: {}",
                        missing.len(),
                        if missing.len() == 1 { "s" } else { "" },
                        missing.join(", ")
                    ));
                }
                None => {}
            },
        }
    }
    for (k, _) in &args.kw {
        if !params
            .iter()
            .any(|p| torch_kw_matches(&p.name, k.as_str()) && p.kind != ParamKind::VarPos)
        {
            return Err(format!("{name}() got an unexpected keyword argument '{k}'"));
        }
    }
    Ok(Bound {
        given,
        varpos: match varpos {
            Some(_) => &args.pos[npos..],
            None => &[],
        },
    })
}

/// PyTorch's `_argDesc`: `(Tensor, int, foo=int)`.
fn arg_desc(args: &Args) -> String {
    let mut s = String::from("(");
    for v in &args.pos {
        s.push_str(torch_type_name(v));
        s.push_str(", ");
    }
    for (k, v) in &args.kw {
        s.push_str(&format!("{k}={}, ", torch_type_name(v)));
    }
    if !args.pos.is_empty() {
        s.truncate(s.len() - 2);
    }
    s.push(')');
    s
}

fn torch_type_name(v: &Value) -> &'static str {
    match v {
        Value::Tensor(_) => "Tensor",
        Value::None => "NoneType",
        Value::Array(_) => "numpy.ndarray",
        other => other.type_name(),
    }
}

/// Does `v` equal the default as the library writes it?
fn is_default(v: &Value, default: &str) -> bool {
    let num = |x: f64| match v {
        Value::Int(n) => *n as f64 == x,
        Value::Float(f) => *f == x,
        Value::Bool(b) => f64::from(u8::from(*b)) == x,
        _ => false,
    };
    match default {
        "None" => matches!(v, Value::None),
        "True" => num(1.0),
        "False" => num(0.0),
        "()" => matches!(v, Value::Tuple(t) if t.is_empty()),
        "<class 'float'>" => matches!(v, Value::Type(PyType::Float)),
        d if d.starts_with('\'') || d.starts_with('"') => {
            matches!(v, Value::Str(s) if **s == d[1..d.len().saturating_sub(1)])
        }
        d => d.parse::<f64>().is_ok_and(num),
    }
}

/// Refuses a value nt would not honour; returns how many leading positional arguments
/// nt reads where the library has them.
fn check_handled(e: &Entry, o: &Overload, bound: &Bound) -> Res<usize> {
    // nt reads a positional argument where the library has it only along the leading
    // run of parameters it implements by position: past the first one it does not, a
    // value given by position may be read as another parameter.
    let trusted = o
        .params
        .iter()
        .take_while(|p| {
            matches!(p.kind, ParamKind::PosOnly | ParamKind::PosOrKw)
                && matches!(e.reads(&p.name), Some(Reads::Both | Reads::PositionOnly))
        })
        .count();
    for &(i, v, by_position) in &bound.given {
        let p = &o.params[i];
        let ok = match e.reads(&p.name) {
            Some(Reads::Both) | Some(Reads::PositionOnly) if by_position && i < trusted => true,
            // Given by position past that run: passed on as a keyword.
            Some(Reads::Both) | Some(Reads::KeywordOnly) => true,
            _ => false,
        };
        if ok {
            continue;
        }
        if p.default.as_deref().is_some_and(|d| is_default(v, d)) {
            continue;
        }
        return Err(not_implemented(e, &p.name, v));
    }
    if let Some(p) = o.params.iter().find(|p| p.kind == ParamKind::VarPos) {
        if !bound.varpos.is_empty() && e.reads(&p.name).is_none() {
            return Err(not_implemented(e, &p.name, &bound.varpos[0]));
        }
    }
    Ok(trusted)
}

fn not_implemented(e: &Entry, param: &str, v: &Value) -> Box<crate::error::Exc> {
    exc(
        "NotImplementedError",
        format!(
            "{}(): nt does not implement the argument {param}={} yet",
            e.key,
            crate::value::repr::repr(v)
        ),
    )
}
