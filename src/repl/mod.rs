//! The interactive shell: `session` (no I/O — what the REPL and transcripts share),
//! `input` (when a REPL entry is complete), `transcript`, `doctest` (`nt test`), and
//! `editor` (rustyline glue).

pub mod commands;
pub mod doctest;
pub mod editor;
pub mod helper;
pub mod input;
pub mod magics;
pub mod session;
pub mod transcript;
