//! `tests/transcripts/*.nt` run through the same code path as `nt transcript`, and
//! snapshot-tested: a change in what the user sees shows up as a snapshot diff.

mod common;

#[test]
fn transcripts() {
    insta::glob!("transcripts/*.nt", |path| {
        let src = std::fs::read_to_string(path).expect("read transcript");
        let out = common::big_stack(move || nt::repl::transcript::transcript(&src));
        insta::assert_snapshot!(out);
    });
}
