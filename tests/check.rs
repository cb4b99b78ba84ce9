//! `wenxi check`, end to end: what it finds, where, its exit codes, and its JSON.

#[path = "schema/check.rs"]
mod validator;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const ARTICLE: &str = "corpus/000_19b1e827103f711d.txt";
const CLEAN: &str = "马斯克在2015年创立了OpenAI。\n阿尔特曼后来成为OpenAI的首席执行官。\n";
/// PNG signature and the start of an IHDR chunk: NUL bytes right away.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run `wenxi check ARGS` from the repository root.
fn check(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wenxi"))
        .arg("check")
        .args(args)
        .current_dir(root())
        .output()
        .expect("run wenxi")
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> Value {
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schema/check.schema.json")).unwrap(),
    )
    .unwrap();
    let errors = validator::validate(&schema, &v);
    assert!(errors.is_empty(), "{errors:#?}");
    v
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// `(kind, line, col)` of each finding line `path:line:col: kind: message`.
fn parse_lines(out: &str) -> Vec<(String, String, usize, usize)> {
    out.lines()
        .map(|l| {
            // The path may hold colons only on Windows drive letters; not in these tests.
            let mut parts = l.splitn(5, ':');
            let path = parts.next().unwrap().to_owned();
            let line = parts.next().unwrap().parse().unwrap();
            let col = parts.next().unwrap().parse().unwrap();
            let kind = parts.next().unwrap().trim().to_owned();
            assert!(parts.next().is_some_and(|m| !m.trim().is_empty()), "{l}");
            (path, kind, line, col)
        })
        .collect()
}

#[test]
fn the_corpus_has_line_108_and_nothing_else() {
    let o = check(&["corpus/"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let found = parse_lines(&out);
    assert_eq!(found.len(), 1, "{out}");
    let (path, kind, line, col) = &found[0];
    assert_eq!(path, ARTICLE);
    assert_eq!((kind.as_str(), *line), ("gbk-misaligned", 108));
    // The column is where the garbled run starts on line 108.
    let article = std::fs::read_to_string(root().join(ARTICLE)).unwrap();
    let line108 = article.lines().nth(107).unwrap();
    let run_col = line108.chars().position(|c| c == '岢').unwrap() + 1;
    assert_eq!(*col, run_col);
    assert!(
        out.contains("(30 chars); suggested repair \"会成功——投资谈"),
        "{out}"
    );
    assert!(out.contains("(confidence 1.000)"), "{out}");
}

#[test]
fn the_corpus_as_json() {
    let o = check(&["corpus/", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["schema"], "wenxi.check/1");
    assert_eq!(v["files"], 1);
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1);
    let f = &findings[0];
    assert_eq!(f["path"], ARTICLE);
    assert_eq!(f["line"], 108);
    assert_eq!(f["kind"], "gbk-misaligned");
    assert_eq!(
        f["suggestion"],
        "会成功——投资谈判中，他很直白地对其发展路线表达了悲观，认为"
    );
    assert_eq!(f["confidence"], 1.0);
    // Both kinds of offsets slice the file to the garbled text.
    let bytes = std::fs::read(root().join(ARTICLE)).unwrap();
    let text = std::str::from_utf8(&bytes).unwrap();
    let at = |k: &str| f[k].as_u64().unwrap() as usize;
    let by_chars: String = text
        .chars()
        .skip(at("start"))
        .take(at("end") - at("start"))
        .collect();
    assert_eq!(by_chars, f["text"].as_str().unwrap());
    assert_eq!(
        &text[at("byte_start")..at("byte_end")],
        f["text"].as_str().unwrap()
    );
    assert_eq!(by_chars.chars().count(), 30);
    assert!(v["failures"].as_array().unwrap().is_empty());
}

#[test]
fn a_clean_file_passes_silently() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "clean.txt", CLEAN.as_bytes());
    let o = check(&[path_str(&p)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "{}", stdout(&o));
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
    let o = check(&[path_str(&p), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v = json(&o);
    assert_eq!(v["files"], 1);
    assert!(v["findings"].as_array().unwrap().is_empty());
}

#[test]
fn replacement_private_use_and_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let text = "第一行没有问题。\n这里有一个\u{FFFD}字。\n字体自造字\u{E000}\u{E001}和\u{F0000}。\n响铃\u{7}和退格\u{8}，制表\t换页\x0C回车\r\n";
    let p = write(dir.path(), "odd.txt", text.as_bytes());
    let o = check(&[path_str(&p)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let found: Vec<(String, usize, usize)> = parse_lines(&stdout(&o))
        .into_iter()
        .map(|(_, k, l, c)| (k, l, c))
        .collect();
    let want = [
        ("replacement-char", 2, 6),
        ("private-use", 3, 6),
        ("private-use", 3, 9),
        ("control-char", 4, 3),
        ("control-char", 4, 7),
    ];
    let want: Vec<(String, usize, usize)> =
        want.iter().map(|&(k, l, c)| (k.to_owned(), l, c)).collect();
    assert_eq!(found, want, "{}", stdout(&o));

    let v = json(&check(&[path_str(&p), "--format", "json"]));
    let f = &v["findings"][1];
    assert_eq!(f["text"], "\u{E000}\u{E001}");
    assert!(f["suggestion"].is_null() && f["confidence"].is_null());
    // Offsets of the two private-use characters, in chars and in bytes.
    let start = text.chars().position(|c| c == '\u{E000}').unwrap();
    assert_eq!(
        (f["start"].as_u64(), f["end"].as_u64()),
        (Some(start as u64), Some(start as u64 + 2))
    );
    let byte = text.find('\u{E000}').unwrap();
    assert_eq!(
        (f["byte_start"].as_u64(), f["byte_end"].as_u64()),
        (Some(byte as u64), Some(byte as u64 + 6))
    );
    assert!(f["message"].as_str().unwrap().contains("U+E000 U+E001"));
    assert!(
        v["findings"][2]["message"]
            .as_str()
            .unwrap()
            .contains("U+F0000")
    );
}

#[test]
fn other_scripts_read_as_windows_1252_are_reported_with_their_reading() {
    // UTF-8 of Greek read as windows-1252: mojibake of no Chinese text
    let dir = tempfile::tempdir().unwrap();
    let garbled = encoding_rs::WINDOWS_1252
        .decode_without_bom_handling("Ελληνικά\n".as_bytes())
        .0
        .into_owned();
    let text = format!("中文没有问题。\n{garbled}");
    let p = write(dir.path(), "greek.txt", text.as_bytes());
    let v = json(&check(&[path_str(&p), "--format", "json"]));
    let found = v["findings"].as_array().unwrap();
    assert_eq!(found.len(), 1, "{v}");
    let f = &found[0];
    assert_eq!(
        (f["kind"].as_str(), f["line"].as_u64()),
        (Some("utf8-as-cp1252"), Some(2))
    );
    assert_eq!(f["suggestion"], "Ελληνικά");
}

#[test]
fn malformed_bytes_are_reported_where_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = "第一行是正常的文字。\n第二行有".as_bytes().to_vec();
    let at = bytes.len();
    bytes.push(0xFF);
    bytes.extend_from_slice("一个坏字节。\n".as_bytes());
    let p = write(dir.path(), "bad.txt", &bytes);
    let v = json(&check(&[path_str(&p), "--format", "json"]));
    let f = &v["findings"].as_array().unwrap()[..];
    assert_eq!(f.len(), 1, "{v:#}");
    assert_eq!(f[0]["kind"], "malformed");
    assert_eq!(
        (f[0]["line"].as_u64(), f[0]["col"].as_u64()),
        (Some(2), Some(5))
    );
    assert_eq!(f[0]["byte_start"].as_u64(), Some(at as u64));
    assert_eq!(f[0]["byte_end"].as_u64(), Some(at as u64 + 1));
    assert!(f[0]["message"].as_str().unwrap().contains("bytes FF"));
}

#[test]
fn a_missing_path_exits_2_and_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "clean.txt", CLEAN.as_bytes());
    let missing = dir.path().join("no-such-file.txt");
    let o = check(&[path_str(&missing), path_str(&good)]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains(path_str(&missing)), "{err}");
    assert!(err.contains("no such file or directory"), "{err}");
    assert!(o.stdout.is_empty());

    let v = json(&check(&[
        path_str(&missing),
        path_str(&good),
        "--format",
        "json",
    ]));
    assert_eq!(v["files"], 1, "the other input is still checked");
    assert_eq!(v["failures"][0]["path"], path_str(&missing));
}

const MIXED_HEAD: &str = "这个文件本来是统一码编码的。\n第二行也是统一码。\n";
const MIXED_GBK: &str = "后来有人把一段国标码编码的文字接在了后面。\n";
const MIXED_TAIL: &str = "最后又接上了统一码的一行。\n";

/// Two UTF-8 lines, a GBK line, a UTF-8 line; and the byte range of the GBK stretch (which
/// ends before its line feed).
fn mixed_file() -> (Vec<u8>, usize, usize) {
    let mut bytes = MIXED_HEAD.as_bytes().to_vec();
    let start = bytes.len();
    bytes.extend_from_slice(&encoding_rs::GBK.encode(MIXED_GBK).0);
    let end = bytes.len() - 1;
    bytes.extend_from_slice(MIXED_TAIL.as_bytes());
    (bytes, start, end)
}

#[test]
fn a_mixed_utf8_and_gbk_file_in_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("docs");
    std::fs::create_dir(&sub).unwrap();
    write(&sub, "a_clean.txt", CLEAN.as_bytes());
    let (bytes, start, end) = mixed_file();
    let (head, gbk) = (MIXED_HEAD, MIXED_GBK);
    write(&sub, "b_mixed.txt", &bytes);
    write(&sub, ".hidden.txt", "隐藏文件\u{FFFD}".as_bytes());

    let o = check(&[path_str(&sub)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let found = parse_lines(&stdout(&o));
    assert_eq!(found.len(), 1, "{}", stdout(&o));
    assert!(found[0].0.ends_with("b_mixed.txt"));
    assert_eq!(
        (found[0].1.as_str(), found[0].2, found[0].3),
        ("mixed-encoding", 3, 1)
    );
    assert!(stdout(&o).contains("are GBK, not UTF-8"), "{}", stdout(&o));

    let v = json(&check(&[path_str(&sub), "--format", "json"]));
    assert_eq!(v["files"], 2, "the hidden file is skipped");
    let f = &v["findings"][0];
    assert_eq!(f["kind"], "mixed-encoding");
    assert_eq!(f["text"], gbk.trim_end());
    assert_eq!(
        (f["byte_start"].as_u64(), f["byte_end"].as_u64()),
        (Some(start as u64), Some(end as u64))
    );
    let char_start = head.chars().count() as u64;
    assert_eq!(f["start"].as_u64(), Some(char_start));
}

/// `wenxi analyze` records the stretches of a mixed file in the report's `source`, and the
/// report validates against the published schema.
#[test]
fn a_mixed_file_report_records_its_stretches() {
    let (bytes, start, end) = mixed_file();
    let pipeline = wenxi::Pipeline::new(wenxi::Config::default());
    let report = pipeline.analyze_bytes("mixed.txt", &bytes).unwrap();
    assert_eq!(report.source.method, "mixed");
    assert_eq!(report.source.encoding, "UTF-8");
    assert!(report.repairs.is_empty() && report.flags.is_empty());
    let v = serde_json::to_value(&report).unwrap();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schema/document.schema.json")).unwrap(),
    )
    .unwrap();
    let errors = validator::validate(&schema, &v);
    assert!(errors.is_empty(), "{errors:#?}");
    let stretches = v["source"]["stretches"].as_array().unwrap();
    let encodings: Vec<&str> = stretches
        .iter()
        .map(|s| s["encoding"].as_str().unwrap())
        .collect();
    assert_eq!(encodings, ["UTF-8", "GBK", "UTF-8"]);
    assert_eq!(stretches[1]["byte_start"].as_u64(), Some(start as u64));
    assert_eq!(stretches[1]["byte_end"].as_u64(), Some(end as u64));
    let char_start = MIXED_HEAD.chars().count();
    let char_end = char_start + MIXED_GBK.trim_end().chars().count();
    assert_eq!(stretches[1]["char_start"].as_u64(), Some(char_start as u64));
    assert_eq!(stretches[1]["char_end"].as_u64(), Some(char_end as u64));
    // A file in one encoding has no stretches member.
    let plain = pipeline
        .analyze_bytes("clean.txt", CLEAN.as_bytes())
        .unwrap();
    assert!(
        serde_json::to_value(&plain).unwrap()["source"]
            .get("stretches")
            .is_none()
    );
}

#[test]
fn binary_files_named_fail_and_found_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "clean.txt", CLEAN.as_bytes());
    let png = write(dir.path(), "logo.png", PNG);

    let o = check(&[path_str(dir.path())]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "a binary file in a directory is skipped"
    );
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    assert!(err.contains("logo.png: skipped, binary file"), "{err}");

    let o = check(&[path_str(&png)]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "a binary file named is an input that cannot be checked"
    );
    assert!(
        stderr(&o).contains("logo.png: binary file"),
        "{}",
        stderr(&o)
    );
}

/// A run that produces every member the schema declares validates and uses them all.
#[test]
fn json_output_uses_every_declared_member() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "odd.txt", "有一个\u{FFFD}字。\n".as_bytes());
    write(dir.path(), "logo.png", PNG);
    let article = root().join(ARTICLE);
    let missing = dir.path().join("missing.txt");
    let o = check(&[
        path_str(&article),
        path_str(dir.path()),
        path_str(&missing),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schema/check.schema.json")).unwrap(),
    )
    .unwrap();
    let (errors, seen) = validator::validate_seen(&schema, &v);
    assert!(errors.is_empty(), "{errors:#?}");
    let unused: BTreeSet<_> = validator::declared(&schema)
        .difference(&seen)
        .cloned()
        .collect();
    assert!(unused.is_empty(), "declared but never produced: {unused:?}");
    // Findings in input order: the article, then the directory's file.
    let paths: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(
        paths[0].ends_with(ARTICLE) && paths[1].ends_with("odd.txt"),
        "{paths:?}"
    );
}

#[test]
fn help_teaches() {
    let o = check(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let help = stdout(&o);
    for needle in [
        "path:line:col: kind: message",
        "Exit codes",
        "Examples",
        "mixed-encoding",
        "private-use",
        "control-char",
        "malformed",
        "kunjinkao",
        "--format",
    ] {
        assert!(help.contains(needle), "--help lacks {needle:?}");
    }
}
