fn main() {
    let src = std::env::args().nth(1).unwrap_or_default();
    match nt::syntax::parse_file(&src, 0) {
        Ok(stmts) => {
            for s in stmts {
                if let nt::syntax::ast::StmtKind::Expr(e) = &s.kind {
                    println!("{}", nt::syntax::unparse::unparse(e));
                } else {
                    println!("{:?}", s.kind);
                }
            }
        }
        Err(e) => println!("{e:?}"),
    }
}
