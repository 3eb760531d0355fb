//! The `nt` command line (DESIGN.md §5).

use nt::repl::session::Session;
use nt::repl::{editor, transcript};
use std::io::{IsTerminal, Read};
use std::path::Path;

/// Interpreting allocates many small, short-lived objects (values, layouts, op
/// descriptions); mimalloc serves them several times faster than the system allocator.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str =
    "usage: nt [--device cpu|gpu] [FILE.nt | -c CODE | -i FILE.nt | transcript FILE.nt | test PATH... | kernel ...]

  nt                     interactive REPL (runs stdin as a script when it is not a terminal)
  nt FILE.nt             run a script
  nt -c CODE             run CODE
  nt -i FILE.nt          run a script, then stay interactive
  nt transcript FILE.nt  print the session a user would see typing FILE into the REPL
                         (--headlines: errors as Python's last traceback line only)
  nt test [--bless] PATH...
                         check transcripts: the `>>> ` examples of .nt files and of
                         ```nt blocks in Markdown (directories are searched) print what
                         they show; --bless rewrites the expected output in place
  nt kernel install [--user | --prefix PREFIX]
                         install the Jupyter kernelspec (default: the user's Jupyter dir)
  nt kernel -f CONNECTION_FILE
                         run as a Jupyter kernel (what Jupyter starts)
  nt --help | --version

  --device gpu           new tensors live on the gpu device (the wgpu adapter), as after
                         torch.set_default_device(\"gpu\"); WGPU_BACKEND=vulkan|gl picks the API

Exit status: 0 on success, 1 on an uncaught error, 2 on bad usage.
";

/// Deep recursion in user code recurses in the evaluator; give it room, and let the
/// interpreter's own recursion limit (1000 calls, as CPython) be what stops it.
const STACK_BYTES: usize = 1 << 30;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // The interpreter runs on one of rayon's workers, so a parallel kernel it starts
    // runs on as many threads as there are cores. From a thread outside the pool, it
    // would wait while every worker computed, then compete with their idle spinning.
    let pool = rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("nt-{i}"))
        .stack_size(STACK_BYTES)
        .build();
    let code = match pool {
        Ok(pool) => {
            pool.install(move || std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(args))).unwrap_or(70))
        }
        Err(e) => {
            eprintln!("nt: cannot start: {e}");
            70
        }
    };
    std::process::exit(code);
}

fn stderr_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

fn new_session() -> Session {
    let mut s = Session::new(Box::new(std::io::stdout()));
    s.color = stderr_color();
    s
}

fn usage_error(msg: &str) -> i32 {
    eprintln!("nt: {msg}\n\n{USAGE}");
    2
}

fn read_file(path: &str) -> Result<String, i32> {
    std::fs::read(path)
        .map_err(|e| {
            eprintln!("nt: can't open file '{path}': {e}");
            2
        })
        .and_then(|bytes| {
            String::from_utf8(bytes).map_err(|e| {
                eprintln!(
                    "nt: '{path}' is not valid UTF-8 (byte {})",
                    e.utf8_error().valid_up_to()
                );
                1
            })
        })
}

fn run_source(session: &mut Session, name: &str, src: &str) -> i32 {
    match session.run_script(name, src) {
        Ok(()) => 0,
        // `sys.exit(n)` ends the program with status n (0 for None, 1 with a message
        // printed for anything else), as CPython does.
        Err(d) if d.kind == "SystemExit" => {
            session.interp.flush();
            match d.message.as_str() {
                "" | "None" => 0,
                m => match m.parse::<i32>() {
                    Ok(code) => code,
                    Err(_) => {
                        eprintln!("{m}");
                        1
                    }
                },
            }
        }
        Err(d) => {
            eprint!("{}", session.render(&d));
            1
        }
    }
}

fn run(mut args: Vec<String>) -> i32 {
    nt::interrupt::install();
    if args.first().is_some_and(|a| a == "--device") {
        let gpu = match args.get(1).map(String::as_str) {
            Some("cpu") => false,
            Some("gpu" | "cuda" | "mps") => true,
            _ => return usage_error("--device takes cpu or gpu"),
        };
        if let Err(e) = nt::nd::device::set_default(gpu) {
            eprintln!("nt: --device gpu: {}", e.msg);
            return 1;
        }
        args.drain(..2);
    }
    match args.first().map(String::as_str) {
        None => {
            let mut session = new_session();
            if std::io::stdin().is_terminal() {
                editor::run(&mut session)
            } else {
                let mut src = String::new();
                if let Err(e) = std::io::stdin().read_to_string(&mut src) {
                    eprintln!("nt: cannot read stdin: {e}");
                    return 1;
                }
                run_source(&mut session, "<stdin>", &src)
            }
        }
        Some("-h" | "--help") => {
            print!("{USAGE}");
            0
        }
        Some("-V" | "--version") => {
            println!("nt {}", env!("CARGO_PKG_VERSION"));
            0
        }
        Some("-c") => match args.get(1) {
            Some(code) => {
                let mut session = new_session();
                session.interp.argv = std::iter::once("-c".to_string())
                    .chain(args[2..].iter().cloned())
                    .collect();
                run_source(&mut session, "<string>", code)
            }
            None => usage_error("argument expected for the -c option"),
        },
        Some("-i") => {
            let Some(path) = args.get(1) else {
                return usage_error("-i needs a FILE.nt");
            };
            let src = match read_file(path) {
                Ok(s) => s,
                Err(code) => return code,
            };
            let mut session = new_session();
            session.interp.script_dir = Path::new(path).parent().map(Path::to_path_buf);
            run_source(&mut session, path, &src);
            editor::run(&mut session)
        }
        Some("transcript") => {
            let headlines = args.get(1).is_some_and(|a| a == "--headlines");
            let Some(path) = args.get(if headlines { 2 } else { 1 }) else {
                return usage_error("transcript needs a FILE.nt");
            };
            let errors = if headlines {
                transcript::Errors::Headline
            } else {
                transcript::Errors::Report
            };
            match read_file(path) {
                Ok(src) => {
                    print!("{}", transcript::transcript_with(&src, errors));
                    0
                }
                Err(code) => code,
            }
        }
        Some("test") => nt::repl::doctest::main(&args[1..]),
        #[cfg(feature = "kernel")]
        Some("kernel") => nt::kernel::main(&args[1..]),
        Some(opt) if opt.starts_with('-') => usage_error(&format!("unknown option {opt}")),
        Some(path) => {
            let src = match read_file(path) {
                Ok(s) => s,
                Err(code) => return code,
            };
            let mut session = new_session();
            session.interp.script_dir = Path::new(path).parent().map(Path::to_path_buf);
            session.interp.argv = args.clone();
            run_source(&mut session, path, &src)
        }
    }
}
