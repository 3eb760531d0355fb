//! `Session` is the REPL without the terminal: it evaluates input and writes what the
//! user would see to an output sink, so transcripts and tests drive exactly what the
//! REPL does.

use crate::diagnostics::{Diagnostic, render};
use crate::interp::Interp;
use crate::syntax::parse_file;
use crate::value::Value;
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

pub struct Session {
    pub interp: Interp,
    pub color: bool,
    /// Set by `:quit`.
    pub quit: bool,
    /// The globals a fresh session starts with (`:reset` restores them).
    pub prelude: rustc_hash::FxHashMap<crate::syntax::symbol::Sym, crate::value::Value>,
}

/// A statement parsed once, to be run many times (`:timeit`).
pub struct Prepared(Vec<crate::syntax::ast::Stmt>);

/// An output sink tests and transcripts can read back.
#[derive(Clone, Default)]
pub struct SharedBuf(pub Rc<RefCell<Vec<u8>>>);

impl SharedBuf {
    pub fn take(&self) -> String {
        String::from_utf8_lossy(&std::mem::take(&mut *self.0.borrow_mut())).into_owned()
    }
}

impl Write for SharedBuf {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Session {
    pub fn new(out: Box<dyn Write>) -> Session {
        let interp = Interp::new(out);
        let prelude = interp.globals.vars.borrow().clone();
        Session {
            interp,
            color: false,
            quit: false,
            prelude,
        }
    }

    /// Runs one REPL entry: statements run in order and expression values are echoed.
    pub fn eval(&mut self, src: &str) -> Result<(), Diagnostic> {
        let src = super::magics::strip_prompts(src);
        if src.trim_start().starts_with(':') {
            return self.command(&src);
        }
        // IPython's habits: `%timeit ...` and the other line magics, `x?` and `x??`.
        if let Some(cmd) = super::magics::command(&src) {
            return self.command(&cmd?);
        }
        if let Some((expr, source)) = super::magics::help_query(&src) {
            return self.help(&expr, source);
        }
        self.run("<stdin>", &src, true)
    }

    /// Runs a notebook cell: magics and `x?` as in the REPL; otherwise every statement
    /// runs and only the last one's value, when it is an expression, is the result.
    pub fn run_cell(&mut self, src: &str) -> Result<Option<Value>, Diagnostic> {
        let src = super::magics::strip_prompts(src);
        let t = src.trim_start();
        if t.starts_with(':') || t.starts_with('%') || super::magics::help_query(&src).is_some() {
            return self.eval(&src).map(|_| None);
        }
        let base = self.interp.sources.add("<cell>", &src);
        let mut stmts = parse_file(&src, base)?;
        let last = match stmts.last().map(|s| &s.kind) {
            Some(crate::syntax::ast::StmtKind::Expr(_)) => stmts.pop(),
            _ => None,
        };
        self.exec_stmts(&stmts, false)?;
        let Some(last) = last else { return Ok(None) };
        self.interp.echoed = Some(None);
        let r = self.exec_stmts(std::slice::from_ref(&last), true);
        let v = self.interp.echoed.take().flatten();
        r.map(|_| v)
    }

    /// A notebook cell's figures, shown after it: `matplotlib.pyplot._flush_figures()`
    /// when pyplot has been imported.
    pub fn flush_figures(&mut self) -> Result<(), Diagnostic> {
        let Some(m) = self.interp.modules.get("matplotlib.pyplot").cloned() else {
            return Ok(());
        };
        let name = crate::syntax::symbol::Sym::new("_flush_figures");
        let f = self.interp.get_attr(&m, name).map_err(Diagnostic::from)?;
        let args = crate::value::Args {
            pos: Vec::new(),
            kw: Vec::new(),
        };
        self.interp.call(&f, args, None).map_err(Diagnostic::from)?;
        Ok(())
    }

    /// Parses `src` once for repeated runs.
    pub fn prepare(&mut self, src: &str) -> Result<Prepared, Diagnostic> {
        let base = self.interp.sources.add("<stdin>", src);
        Ok(Prepared(parse_file(src, base)?))
    }

    /// Runs a prepared statement without echoing its value.
    pub fn run_prepared(&mut self, p: &Prepared) -> Result<(), Diagnostic> {
        let globals = self.interp.globals.clone();
        self.interp.echo = false;
        self.interp.depth = 0;
        self.interp
            .exec_module(&p.0, &globals)
            .map(|_| ())
            .map_err(Diagnostic::from)
    }

    /// Runs a whole program without echoing expression values.
    pub fn run_script(&mut self, name: &str, src: &str) -> Result<(), Diagnostic> {
        self.run(name, src, false)
    }

    fn run(&mut self, name: &str, src: &str, echo: bool) -> Result<(), Diagnostic> {
        let base = self.interp.sources.add(name, src);
        let stmts = parse_file(src, base)?;
        self.exec_stmts(&stmts, echo)
    }

    fn exec_stmts(&mut self, stmts: &[crate::syntax::ast::Stmt], echo: bool) -> Result<(), Diagnostic> {
        let globals = self.interp.globals.clone();
        crate::interrupt::clear();
        self.interp.echo = echo;
        self.interp.depth = 0;
        // Last resort: a bug in nt must not lose the session. Panics are reported as
        // errors (the hook installed by `quiet_panics` keeps them off the terminal).
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.interp.exec_module(stmts, &globals)
        }))
        .unwrap_or_else(|payload| {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let mut e = crate::error::exc(
                "SystemError",
                format!("internal error in nt: {what} (please report this)"),
            );
            e.span = stmts.first().map(|s| s.span);
            Err(e)
        });
        self.interp.echo = false;
        self.interp.flush();
        result.map(|_| ()).map_err(Diagnostic::from)
    }

    pub fn render(&self, d: &Diagnostic) -> String {
        render(d, &self.interp.sources, self.color)
    }
}
