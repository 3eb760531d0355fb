//! The REPL's rustyline helper, through its API: completion of names, module members,
//! attributes (each one offered really exists), keyword arguments and file paths, and
//! highlighting that switches off with colour.

mod common;

use nt::repl::helper::{NtHelper, colorize};
use nt::repl::session::{Session, SharedBuf};
use rustyline::completion::Completer;
use rustyline::highlight::Highlighter;

fn session() -> Session {
    let mut s = Session::new(Box::new(SharedBuf::default()));
    let setup = "x = tensor([[1.0, 2.0]])\na = np.ones(3)\ndef f(alpha, beta=2):\n    return alpha\n";
    s.eval(setup).map_err(|d| d.headline()).expect("setup");
    s
}

#[test]
fn completes_names_members_attributes_and_keywords() {
    common::big_stack(|| {
        let s = session();
        let h = NtHelper::new(&s, false);
        let (at, names) = h.candidates("y = np.ar", 9);
        assert_eq!(at, 7);
        assert!(
            names.contains(&"arange".to_string()) && names.contains(&"array".to_string()),
            "{names:?}"
        );
        let (_, names) = h.candidates("pri", 3);
        assert_eq!(names, vec!["print".to_string()]);
        let (_, names) = h.candidates("whi", 3);
        assert_eq!(names, vec!["while".to_string()]);
        let (_, names) = h.candidates("f(1, be", 7);
        assert!(names.contains(&"beta=".to_string()), "{names:?}");
        // A NumPy/PyTorch function's keyword arguments come from its real signature in
        // the registry (help.md has no entry for np.percentile).
        let (_, names) = h.candidates("np.zeros(3, dt", 14);
        assert_eq!(names, vec!["dtype=".to_string()]);
        let (_, names) = h.candidates("np.percentile(a, 50, me", 23);
        assert_eq!(names, vec!["method=".to_string()]);
        let (_, names) = h.candidates("torch.sum(t, keep", 17);
        assert_eq!(names, vec!["keepdim=".to_string()]);
        let (_, names) = h.candidates("tensor([1.0], requires", 22);
        assert_eq!(names, vec!["requires_grad=".to_string()]);
        // Through data attributes: `x.T.` is a tensor too.
        let (_, names) = h.candidates("x.T.su", 6);
        assert_eq!(
            names,
            ["sub", "sub_", "subtract", "subtract_", "sum"]
                .map(String::from)
                .to_vec()
        );
        let (_, names) = h.candidates("math.sq", 7);
        assert_eq!(names, vec!["sqrt".to_string()]);
        let (_, names) = h.candidates("torch.cuda.is_", 14);
        assert!(names.contains(&"is_available".to_string()), "{names:?}");
    });
}

#[test]
fn completes_user_objects_dict_keys_and_hides_private_names() {
    common::big_stack(|| {
        let mut s = session();
        let setup = "class Net:\n    scale = 2\n    def forward(self, x):\n        return x\n    def _hidden(self):\n        pass\nclass Box:\n    pass\nmodel = Net()\nmodel.fc = Box()\nmodel.fc.weight = 1\nmodel._cache = 0\ncfg = {'lr': 0.1, 'layers': 3, 7: 'x'}\n";
        s.eval(setup).map_err(|d| d.headline()).expect("setup");
        let h = NtHelper::new(&s, false);
        let (_, names) = h.candidates("model.", 6);
        assert_eq!(names, ["fc", "forward", "scale"].map(String::from).to_vec());
        let (_, names) = h.candidates("model._", 7);
        assert!(
            names.contains(&"_cache".to_string()) && names.contains(&"_hidden".to_string()),
            "{names:?}"
        );
        let (_, names) = h.candidates("model.fc.w", 10);
        assert_eq!(names, vec!["weight".to_string()]);
        let (at, names) = h.candidates("cfg['l", 6);
        assert_eq!((at, names), (5, vec!["layers']".to_string(), "lr']".to_string()]));
        let (_, names) = h.candidates("cfg[\"", 5);
        assert_eq!(names, vec!["layers\"]".to_string(), "lr\"]".to_string()]);
        // Globals: no private names until `_` is typed.
        let (_, names) = h.candidates("Bo", 2);
        assert_eq!(names, vec!["Box".to_string()]);
    });
}

#[test]
fn every_attribute_offered_exists() {
    common::big_stack(|| {
        let mut s = session();
        for var in ["x", "a"] {
            let names = NtHelper::new(&s, false).candidates(&format!("{var}."), var.len() + 1).1;
            assert!(
                names.contains(&"sum".to_string()) && names.contains(&"shape".to_string()),
                "{names:?}"
            );
            for n in names {
                let r = s.eval(&format!("_probe = {var}.{n}"));
                assert!(r.is_ok(), "{var}.{n}: {:?}", r.err().map(|d| d.headline()));
            }
        }
    });
}

#[test]
fn paths_complete_inside_strings() {
    common::big_stack(|| {
        let s = session();
        let h = NtHelper::new(&s, false);
        let history = rustyline::history::DefaultHistory::new();
        let ctx = rustyline::Context::new(&history);
        let dir = env!("CARGO_MANIFEST_DIR");
        let line = format!("np.load('{dir}/Cargo.t");
        let (_, pairs) = h.complete(&line, line.len(), &ctx).expect("complete");
        assert!(
            pairs.iter().any(|p| p.replacement.ends_with("Cargo.toml")),
            "{:?}",
            pairs.len()
        );
    });
}

#[test]
fn highlighting_colours_tokens_and_stays_plain_without_colour() {
    common::big_stack(|| {
        let s = session();
        let line = "for i in range(3): print('hi', 1.5)  # done";
        let plain = NtHelper::new(&s, false);
        assert_eq!(plain.highlight(line, 0), line);
        let coloured = colorize(line, 0, &["print".to_string(), "range".to_string()]);
        assert!(coloured.contains("\x1b[1;35mfor\x1b[0m"), "{coloured:?}");
        assert!(coloured.contains("\x1b[32m'hi'\x1b[0m"), "{coloured:?}");
        assert!(coloured.contains("\x1b[36m1.5\x1b[0m"), "{coloured:?}");
        assert!(coloured.contains("\x1b[34mprint\x1b[0m"), "{coloured:?}");
        assert!(coloured.contains("\x1b[2m# done\x1b[0m"), "{coloured:?}");
        // The bracket matching the one before the cursor is marked.
        let m = colorize("f(a[0])", 7, &[]);
        assert_eq!(m.matches("\x1b[1;33m").count(), 2, "{m:?}");
        // Removing the escapes gives the line back.
        let stripped: String = {
            let mut out = String::new();
            let mut esc = false;
            for c in coloured.chars() {
                match (esc, c) {
                    (false, '\x1b') => esc = true,
                    (true, 'm') => esc = false,
                    (true, _) => {}
                    (false, c) => out.push(c),
                }
            }
            out
        };
        assert_eq!(stripped, line);
    });
}
