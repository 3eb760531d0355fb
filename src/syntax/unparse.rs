//! Prints an expression fully parenthesised, so tests can pin precedence and associativity.

use super::ast::*;

pub fn unparse(e: &Expr) -> String {
    let mut s = String::new();
    write_expr(e, &mut s);
    s
}

fn list(items: &[Expr], out: &mut String) {
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_expr(it, out);
    }
}

fn comp(c: &Comprehension, out: &mut String) {
    write_expr(&c.elt, out);
    if let Some(v) = &c.value {
        out.push_str(": ");
        write_expr(v, out);
    }
    for cl in &c.clauses {
        out.push_str(" for ");
        write_expr(&cl.target, out);
        out.push_str(" in ");
        write_expr(&cl.iter, out);
        for cond in &cl.conds {
            out.push_str(" if ");
            write_expr(cond, out);
        }
    }
}

fn write_expr(e: &Expr, out: &mut String) {
    use ExprKind::*;
    match &e.kind {
        Name(n) => out.push_str(n.as_str()),
        Int(n) => out.push_str(&n.to_string()),
        BigInt(n) => out.push_str(n),
        Imag(x) => out.push_str(&format!("{x:?}j")),
        Bytes(b) => out.push_str(&crate::value::bytes::repr(b)),
        Float(x) => out.push_str(&format!("{x:?}")),
        Str(s) => out.push_str(&format!("{s:?}")),
        FStr(parts) => {
            out.push_str("f\"");
            for p in parts {
                match p {
                    FStrPart::Lit(s) => out.push_str(s),
                    FStrPart::Field { expr, conv, spec, .. } => {
                        out.push('{');
                        write_expr(expr, out);
                        if let Some(c) = conv {
                            out.push('!');
                            out.push(*c);
                        }
                        if !spec.is_empty() {
                            out.push(':');
                            for sp in spec {
                                match sp {
                                    FStrPart::Lit(s) => out.push_str(s),
                                    FStrPart::Field { expr, .. } => {
                                        out.push('{');
                                        write_expr(expr, out);
                                        out.push('}');
                                    }
                                }
                            }
                        }
                        out.push('}');
                    }
                }
            }
            out.push('"');
        }
        Bool(b) => out.push_str(if *b { "True" } else { "False" }),
        None => out.push_str("None"),
        Ellipsis => out.push_str("..."),
        List(items) => {
            out.push('[');
            list(items, out);
            out.push(']');
        }
        NamedExpr(n, v) => {
            out.push('(');
            out.push_str(n.as_str());
            out.push_str(" := ");
            write_expr(v, out);
            out.push(')');
        }
        Set(items) => {
            out.push('{');
            list(items, out);
            out.push('}');
        }
        Tuple(items) => {
            out.push('(');
            list(items, out);
            if items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        Dict(items) => {
            out.push('{');
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                match it {
                    DictItem::Pair(k, v) => {
                        write_expr(k, out);
                        out.push_str(": ");
                        write_expr(v, out);
                    }
                    DictItem::Spread(d) => {
                        out.push_str("**");
                        write_expr(d, out);
                    }
                }
            }
            out.push('}');
        }
        Starred(inner) => {
            out.push('*');
            write_expr(inner, out);
        }
        Unary(op, inner) => {
            out.push('(');
            out.push_str(match op {
                UnOp::Neg => "-",
                UnOp::Pos => "+",
                UnOp::Invert => "~",
            });
            write_expr(inner, out);
            out.push(')');
        }
        Binary(op, l, r) => {
            out.push('(');
            write_expr(l, out);
            out.push_str(&format!(" {} ", op.symbol()));
            write_expr(r, out);
            out.push(')');
        }
        Compare(first, rest) => {
            out.push('(');
            write_expr(first, out);
            for (op, e) in rest {
                out.push_str(&format!(" {} ", op.symbol()));
                write_expr(e, out);
            }
            out.push(')');
        }
        And(l, r) | Or(l, r) => {
            out.push('(');
            write_expr(l, out);
            out.push_str(if matches!(e.kind, And(..)) { " and " } else { " or " });
            write_expr(r, out);
            out.push(')');
        }
        Not(inner) => {
            out.push_str("(not ");
            write_expr(inner, out);
            out.push(')');
        }
        IfElse { cond, then, orelse } => {
            out.push('(');
            write_expr(then, out);
            out.push_str(" if ");
            write_expr(cond, out);
            out.push_str(" else ");
            write_expr(orelse, out);
            out.push(')');
        }
        Lambda(f) => {
            out.push_str("(lambda");
            for (i, p) in f.params.iter().enumerate() {
                out.push_str(if i == 0 { " " } else { ", " });
                out.push_str(p.name.as_str());
                if let Some(d) = &p.default {
                    out.push('=');
                    write_expr(d, out);
                }
            }
            out.push_str(": ");
            if let Some(Stmt {
                kind: StmtKind::Return(Some(body)),
                ..
            }) = f.body.first()
            {
                write_expr(body, out);
            }
            out.push(')');
        }
        Call { func, args } => {
            write_expr(func, out);
            out.push('(');
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                match a {
                    Arg::Pos(e) => write_expr(e, out),
                    Arg::Star(e) => {
                        out.push('*');
                        write_expr(e, out);
                    }
                    Arg::DoubleStar(e) => {
                        out.push_str("**");
                        write_expr(e, out);
                    }
                    Arg::Kw(n, e, _) => {
                        out.push_str(n.as_str());
                        out.push('=');
                        write_expr(e, out);
                    }
                }
            }
            out.push(')');
        }
        Attr(obj, name) => {
            write_expr(obj, out);
            out.push('.');
            out.push_str(name.as_str());
        }
        Subscript(obj, idx) => {
            write_expr(obj, out);
            out.push('[');
            write_expr(idx, out);
            out.push(']');
        }
        Slice(lo, hi, step) => {
            if let Some(lo) = lo {
                write_expr(lo, out);
            }
            out.push(':');
            if let Some(hi) = hi {
                write_expr(hi, out);
            }
            if let Some(step) = step {
                out.push(':');
                write_expr(step, out);
            }
        }
        ListComp(c) => {
            out.push('[');
            comp(c, out);
            out.push(']');
        }
        DictComp(c) | SetComp(c) => {
            out.push('{');
            comp(c, out);
            out.push('}');
        }
        GenExp(c) => {
            out.push('(');
            comp(c, out);
            out.push(')');
        }
        Yield(v) => {
            out.push_str("(yield");
            if let Some(v) = v {
                out.push(' ');
                write_expr(v, out);
            }
            out.push(')');
        }
        YieldFrom(v) => {
            out.push_str("(yield from ");
            write_expr(v, out);
            out.push(')');
        }
    }
}
