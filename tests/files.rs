//! Files written by real NumPy (`tests/reference/files/`, made by `gen_files.py`) load in
//! nt and print as NumPy printed them after loading (`expected.txt`); a `.npy` that nt
//! loads and saves again is byte-for-byte the file NumPy wrote, so NumPy reads nt's files.

mod common;

use nt::repl::session::{Session, SharedBuf};

fn eval(s: &mut Session, buf: &SharedBuf, code: &str) -> String {
    s.eval(code).map_err(|d| d.headline()).expect(code);
    buf.take()
}

#[test]
fn files_written_by_numpy_load_and_npy_round_trips_are_identical() {
    common::big_stack(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/files");
        let expected = std::fs::read_to_string(dir.join("expected.txt")).expect("expected.txt");
        let out = std::env::temp_dir().join(format!("nt-files-{}", std::process::id()));
        std::fs::create_dir_all(&out).expect("temp dir");
        let buf = SharedBuf::default();
        let mut s = Session::new(Box::new(buf.clone()));
        let mut checked = 0;
        for section in expected.split("== ").filter(|x| !x.is_empty()) {
            let (name, want) = section.split_once('\n').expect("section");
            let path = dir.join(name).to_string_lossy().replace('\\', "/");
            let got = if name.ends_with(".npz") {
                let code =
                    format!("d = np.load('{path}')\nfor k in sorted(d.files):\n    print(f'{{k}}: {{d[k]!r}}')\n");
                eval(&mut s, &buf, &code)
            } else if name.ends_with(".csv") {
                eval(
                    &mut s,
                    &buf,
                    &format!("print(repr(np.loadtxt('{path}', delimiter=',')))"),
                )
            } else {
                let copy = out.join(name).to_string_lossy().replace('\\', "/");
                let got = eval(
                    &mut s,
                    &buf,
                    &format!("a = np.load('{path}')\nprint(repr(a))\nnp.save('{copy}', a)"),
                );
                let ours = std::fs::read(&copy).expect("nt's copy");
                let theirs = std::fs::read(dir.join(name)).expect("numpy's file");
                assert!(ours == theirs, "{name}: nt's .npy differs from NumPy's");
                got
            };
            assert_eq!(got, want, "{name}");
            checked += 1;
        }
        assert_eq!(checked, 8);
        let _ = std::fs::remove_dir_all(&out);
    });
}

#[test]
fn bad_and_missing_files_are_clear_errors_naming_the_file() {
    common::big_stack(|| {
        let dir = std::env::temp_dir().join(format!("nt-badfiles-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let good = dir.join("good.npy");
        let buf = SharedBuf::default();
        let mut s = Session::new(Box::new(buf.clone()));
        s.interp.cwd = Some(dir.clone());
        eval(&mut s, &buf, "np.save('good.npy', np.arange(100.0))");
        let bytes = std::fs::read(&good).expect("good.npy");
        std::fs::write(dir.join("truncated.npy"), &bytes[..bytes.len() - 8]).expect("write");
        std::fs::write(dir.join("header.npy"), &bytes[..20]).expect("write");
        let mut wrong = bytes.clone();
        let at = wrong.windows(3).position(|w| w == b"<f8").expect("descr");
        wrong[at..at + 3].copy_from_slice(b"<c8");
        std::fs::write(dir.join("wrongdtype.npy"), &wrong).expect("write");
        std::fs::write(dir.join("bad.npz"), b"PK\x03\x04 not really a zip").expect("write");
        std::fs::write(dir.join("bad.pt"), b"\x00\x01").expect("write");
        for (code, kind, needle) in [
            ("np.load('missing.npy')", "FileNotFoundError", "missing.npy"),
            ("np.load('truncated.npy')", "ValueError", "truncated.npy"),
            ("np.load('header.npy')", "ValueError", "header.npy"),
            ("np.load('wrongdtype.npy')", "ValueError", "wrongdtype.npy"),
            ("np.load('bad.npz')", "ValueError", "bad.npz"),
            ("torch.load('bad.pt')", "RuntimeError", "bad.pt"),
            (
                "np.save('good.npy', torch.ones(2, dtype=torch.bfloat16).numpy())",
                "TypeError",
                "bfloat16",
            ),
        ] {
            let err = s.eval(code).err().map(|d| d.headline()).unwrap_or_default();
            assert!(err.starts_with(kind) && err.contains(needle), "{code}: {err}");
        }
        // A failed save leaves the old file whole.
        assert_eq!(std::fs::read(&good).expect("good.npy"), bytes);
        let _ = std::fs::remove_dir_all(&dir);
    });
}

/// A version 1.0 `.npy` with the header `dict` (padded as NumPy pads it) and 64 zero
/// bytes of data.
fn npy_with_header(dict: &str) -> Vec<u8> {
    let mut h = dict.to_string();
    while (10 + h.len() + 1) % 64 != 0 {
        h.push(' ');
    }
    h.push('\n');
    let mut bytes = b"\x93NUMPY\x01\x00".to_vec();
    bytes.extend_from_slice(&(h.len() as u16).to_le_bytes());
    bytes.extend_from_slice(h.as_bytes());
    bytes.extend_from_slice(&[0u8; 64]);
    bytes
}

/// Issue 17: a `.npy` whose shape's size overflows 64 bits loaded, printed `nan` and
/// then failed inside; one with 65 dimensions was accepted. NumPy refuses both (texts
/// from NumPy 2.4.6's `np.load` of the same files: its int64 element count wraps to 0).
#[test]
fn npy_headers_with_an_overflowing_size_or_too_many_dims_are_refused() {
    let dir = std::env::temp_dir().join(format!("nt-npy-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let header = |shape: &str| {
        npy_with_header(&format!(
            "{{'descr': '<f8', 'fortran_order': False, 'shape': {shape}, }}"
        ))
    };
    let huge = dir.join("huge.npy");
    std::fs::write(&huge, header("(4294967296, 4294967296)")).expect("write");
    let deep = dir.join("deep.npy");
    std::fs::write(&deep, header(&format!("({})", vec!["1"; 65].join(", ")))).expect("write");
    let errors = common::big_stack(move || {
        let mut s = Session::new(Box::new(SharedBuf::default()));
        [huge, deep]
            .iter()
            .map(|p| {
                let code = format!("np.load('{}')", p.to_string_lossy().replace('\\', "/"));
                s.eval(&code).err().map(|d| d.headline())
            })
            .collect::<Vec<_>>()
    });
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        errors[0].as_deref(),
        Some("ValueError: cannot reshape array of size 0 into shape (4294967296,4294967296)")
    );
    assert_eq!(
        errors[1].as_deref(),
        Some("ValueError: maximum supported dimension for an ndarray is currently 64, found 65")
    );
}

/// Issue 17: `.npy` headers NumPy rejects were loaded (`'fortran_order': 'yes'` read as
/// false, unknown keys ignored, the first of two `shape`s used). Texts and the last-key
/// result from NumPy 2.4.6's `np.load` of the same headers.
#[test]
fn npy_headers_are_checked_as_numpy_checks_them() {
    let dir = std::env::temp_dir().join(format!("nt-npy-headers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = |name: &str, dict: &str| {
        let p = dir.join(name);
        std::fs::write(&p, npy_with_header(dict)).expect("write");
        p.to_string_lossy().replace('\\', "/")
    };
    let cases = [
        (
            file("yes.npy", "{'descr': '<f8', 'fortran_order': 'yes', 'shape': (2,), }"),
            "ValueError: fortran_order is not a valid bool: 'yes'",
        ),
        (
            file("zero.npy", "{'descr': '<f8', 'fortran_order': 0, 'shape': (2,), }"),
            "ValueError: fortran_order is not a valid bool: 0",
        ),
        (
            file(
                "extra.npy",
                "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'extra': 1, }",
            ),
            "ValueError: Header does not contain the correct keys: ['descr', 'extra', 'fortran_order', 'shape']",
        ),
        (
            file("missing.npy", "{'descr': '<f8', 'fortran_order': False, }"),
            "ValueError: Header does not contain the correct keys: ['descr', 'fortran_order']",
        ),
        (
            file(
                "float.npy",
                "{'descr': '<f8', 'fortran_order': False, 'shape': (2.5,), }",
            ),
            "ValueError: shape is not valid: (2.5,)",
        ),
        (
            file("list.npy", "['descr']"),
            "ValueError: Header is not a dictionary: ['descr']",
        ),
    ];
    let twice = file(
        "twice.npy",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'shape': (3,), }",
    );
    let (errors, last) = common::big_stack(move || {
        let buf = SharedBuf::default();
        let mut s = Session::new(Box::new(buf.clone()));
        let errors: Vec<(String, Option<String>)> = cases
            .iter()
            .map(|(p, want)| {
                let got = s.eval(&format!("np.load('{p}')")).err().map(|d| d.headline());
                (want.to_string(), got)
            })
            .collect();
        s.eval(&format!("print(np.load('{twice}'))"))
            .map_err(|d| d.headline())
            .expect("load");
        (errors, buf.take())
    });
    let _ = std::fs::remove_dir_all(&dir);
    for (want, got) in errors {
        assert_eq!(got.as_deref(), Some(want.as_str()));
    }
    // A later key wins, as in the Python dict literal NumPy evaluates.
    assert_eq!(last, "[0. 0. 0.]\n");
}

/// Issue 17: `np.loadtxt` of bytes that are not UTF-8 said nt's own "not UTF-8 text";
/// it is NumPy's `UnicodeDecodeError`, positions counted as NumPy's 16 KiB text blocks
/// count them. A file with no rows read as shape (0, 0); it is NumPy's (0,), (0, 1) at
/// ndmin=2, (0, len(usecols)). (`tests/reference/loadtxt/cases.txt`, from NumPy by
/// `gen.py`.)
#[test]
fn loadtxt_of_bytes_that_are_not_utf8_and_of_no_rows_is_numpys() {
    common::big_stack(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/loadtxt");
        let cases = std::fs::read_to_string(dir.join("cases.txt")).expect("cases.txt");
        let path = std::env::temp_dir().join(format!("nt-loadtxt-{}.txt", std::process::id()));
        let file = path.to_string_lossy().replace('\\', "/");
        let buf = SharedBuf::default();
        let mut s = Session::new(Box::new(buf.clone()));
        for line in cases.lines() {
            let (case, want) = line.split_once('\t').expect("case, tab, what NumPy gave");
            if let Some(kwargs) = case.strip_prefix("EMPTY ") {
                std::fs::write(&path, "").expect("write case");
                let got = eval(&mut s, &buf, &format!("print(repr(np.loadtxt('{file}', {kwargs})))"));
                assert_eq!(got.trim_end(), want, "case {case}");
                continue;
            }
            let parts: Vec<&str> = case.split(' ').collect();
            let lines: usize = parts[0].parse().expect("line count");
            let hex = parts[1];
            let mut bytes = b"1\n".repeat(lines);
            bytes.extend(
                (0..hex.len())
                    .step_by(2)
                    .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex")),
            );
            if parts.get(2) != Some(&"-") {
                bytes.push(b'\n');
            }
            std::fs::write(&path, &bytes).expect("write case");
            let got = s.eval(&format!("np.loadtxt('{file}')")).err().map(|d| d.headline());
            buf.take();
            assert_eq!(got.as_deref(), Some(want), "case {case}");
        }
        let _ = std::fs::remove_file(&path);
    });
}
