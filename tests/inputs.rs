//! Inputs beyond plain files: gzip and Zstandard files, stdin, and the `tokens` member
//! (`--emit tokens`); IDF tables built by `wenxi idf` and used by `wenxi analyze --idf`.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const UTF8_TEXT: &str = "马斯克在2015年创立了OpenAI，阿尔特曼后来成为OpenAI的首席执行官。\n\
    OpenAI发布的ChatGPT让微软和谷歌都感到压力。\n";
const GBK_TEXT: &str = "联想在2013年共卖出了1.15亿台设备，杨元庆在北京接受了央视的采访。\n\
    他认为中国企业必须重视研发，人工智能将改变整个行业。\n";
const JSONL: &str = concat!(
    r#"{"id": "w1", "text": "李飞飞在斯坦福大学研究人工智能，后来加入了谷歌。"}"#,
    "\n",
    "{not json\n",
    r#"{"id": 42, "text": "黄仁勋说英伟达的H100供不应求，微软和OpenAI都在排队。"}"#,
    "\n",
);

fn wenxi_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wenxi"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run wenxi");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn wenxi(args: &[&str]) -> Output {
    wenxi_stdin(args, b"")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, bad) = encoding_rs::GBK.encode(text);
    assert!(!bad);
    bytes.into_owned()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn zstd(bytes: &[u8]) -> Vec<u8> {
    zstd::stream::encode_all(bytes, 3).unwrap()
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// The members of a report that do not name its input.
fn analysis(report: &Value) -> Value {
    let mut v = report.clone();
    let o = v.as_object_mut().unwrap();
    o.remove("source");
    v
}

#[test]
fn compressed_inputs_are_decompressed_and_corrupt_ones_fail() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain");
    let packed = dir.path().join("packed");
    std::fs::create_dir_all(&plain).unwrap();
    std::fs::create_dir_all(&packed).unwrap();
    std::fs::write(plain.join("utf8.txt"), UTF8_TEXT).unwrap();
    std::fs::write(plain.join("gbk.txt"), gbk(GBK_TEXT)).unwrap();
    std::fs::write(plain.join("posts.jsonl"), JSONL).unwrap();
    std::fs::write(packed.join("utf8.txt.gz"), gzip(UTF8_TEXT.as_bytes())).unwrap();
    std::fs::write(packed.join("gbk.txt.zst"), zstd(&gbk(GBK_TEXT))).unwrap();
    std::fs::write(packed.join("posts.jsonl.gz"), gzip(JSONL.as_bytes())).unwrap();
    // Not gzip at all, and a Zstandard stream cut short.
    std::fs::write(packed.join("bad.txt.gz"), "这不是gzip").unwrap();
    let cut = zstd(UTF8_TEXT.repeat(50).as_bytes());
    std::fs::write(packed.join("cut.txt.zst"), &cut[..cut.len() / 2]).unwrap();
    // JSON Lines cut short: the records read before the cut are analysed, then the file fails.
    let record = r#"{"text": "李飞飞在斯坦福大学研究人工智能。"}"#;
    let cut = gzip(format!("{record}\n").repeat(200).as_bytes());
    std::fs::write(packed.join("cut.jsonl.gz"), &cut[..cut.len() / 2]).unwrap();

    let (out_plain, out_packed) = (dir.path().join("out-plain"), dir.path().join("out-packed"));
    let o = wenxi(&["analyze", s(&plain), "--out", s(&out_plain)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let o = wenxi(&["analyze", s(&packed), "--out", s(&out_packed)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("bad.txt.gz: cannot decompress (gzip)"),
        "{err}"
    );
    assert!(
        err.contains("cut.txt.zst: cannot decompress (zstd)"),
        "{err}"
    );

    // Same analysis, report names without the compression extension.
    for name in ["utf8.json", "gbk.json", "posts.1.json", "posts.3.json"] {
        let a = read_json(&out_plain.join(name));
        let b = read_json(&out_packed.join(name));
        assert_eq!(analysis(&a), analysis(&b), "{name}");
        assert_eq!(a["source"]["encoding"], b["source"]["encoding"], "{name}");
        assert_eq!(a["source"]["sha256"], b["source"]["sha256"], "{name}");
    }
    assert_eq!(
        read_json(&out_packed.join("gbk.json"))["source"]["encoding"],
        "GBK"
    );
    let corpus = read_json(&out_packed.join("corpus.json"));
    assert!(
        err.contains("cut.jsonl.gz: cannot decompress (gzip)"),
        "{err}"
    );
    let documents = corpus["totals"]["documents"].as_u64().unwrap();
    assert!((4..4 + 200).contains(&documents), "{documents}");
    let failed: Vec<&str> = corpus["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(failed.len(), 4, "{failed:?}");
    assert!(failed.iter().any(|p| p.ends_with("cut.jsonl.gz")));
    assert!(failed.iter().any(|p| p.ends_with("bad.txt.gz")));
    assert!(failed.iter().any(|p| p.ends_with("cut.txt.zst")));
    assert!(failed.iter().any(|p| p.ends_with("posts.jsonl.gz:2")));
}

#[test]
fn stdin_is_one_document_or_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = wenxi_stdin(&["analyze", "-", "--out", s(&out)], &gbk(GBK_TEXT));
    assert!(o.status.success(), "{}", stderr(&o));
    let r = read_json(&out.join("stdin.json"));
    assert_eq!(r["source"]["path"], "<stdin>");
    assert_eq!(r["source"]["encoding"], "GBK");

    let out = dir.path().join("out-jsonl");
    let o = wenxi_stdin(
        &["analyze", "-", "--jsonl", "--out", s(&out)],
        JSONL.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("<stdin>:2: bad JSON"), "{}", stderr(&o));
    assert_eq!(read_json(&out.join("stdin.1.json"))["source"]["id"], "w1");
    assert_eq!(read_json(&out.join("stdin.3.json"))["source"]["id"], "42");
}

#[test]
fn emitted_tokens_slice_the_repaired_text() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.txt");
    std::fs::write(&input, UTF8_TEXT).unwrap();
    let out = dir.path().join("out");
    let o = wenxi(&["analyze", s(&input), "--out", s(&out), "--emit", "tokens"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let r = read_json(&out.join("a.json"));
    // No mojibake: the repaired text is the input.
    assert!(r["repairs"].as_array().unwrap().is_empty());
    let chars: Vec<char> = UTF8_TEXT.chars().collect();
    let tokens = r["tokens"].as_array().unwrap();
    assert_eq!(tokens.len() as u64, r["stats"]["tokens"].as_u64().unwrap());
    let mut last = 0;
    for t in tokens {
        let (start, end) = (
            t["start"].as_u64().unwrap() as usize,
            t["end"].as_u64().unwrap() as usize,
        );
        assert!(last <= start && start < end, "{t}");
        last = end;
        let text: String = chars[start..end].iter().collect();
        assert_eq!(text, t["text"].as_str().unwrap());
        assert!(!t["pos"].as_str().unwrap().is_empty());
    }
    assert!(tokens.iter().any(|t| t["text"] == "OpenAI"));

    let out = dir.path().join("out-plain");
    let o = wenxi(&["analyze", s(&input), "--out", s(&out)]);
    assert!(o.status.success());
    assert!(read_json(&out.join("a.json")).get("tokens").is_none());
}

#[test]
fn idf_table_of_a_tiny_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c.jsonl");
    std::fs::write(
        &corpus,
        concat!(
            r#"{"text": "模型和数据。"}"#,
            "\n",
            r#"{"text": "模型，模型。"}"#,
            "\n",
            r#"{"text": "数据"}"#,
            "\n",
            r#"{"text": "芯片"}"#,
            "\n",
        ),
    )
    .unwrap();
    let table = dir.path().join("idf.txt");
    let o = wenxi(&["idf", s(&corpus), "--out", s(&table)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let ln = |x: f64| format!("{:.9}", x.ln());
    assert_eq!(
        std::fs::read_to_string(&table).unwrap(),
        format!("数据 {}\n模型 {}\n芯片 {}\n", ln(2.0), ln(2.0), ln(4.0))
    );
}

#[test]
fn idf_table_changes_keyword_weights() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.txt");
    std::fs::write(&input, "模型，模型，芯片。").unwrap();
    let table = dir.path().join("idf.txt");
    std::fs::write(&table, "模型 0.5\n芯片 5.0\n").unwrap();
    let keywords = |extra: &[&str]| {
        let out = dir.path().join(format!("out{}", extra.len()));
        let mut args = vec!["analyze", s(&input), "--out", s(&out)];
        args.extend(extra);
        let o = wenxi(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        read_json(&out.join("a.json"))["keywords"]["tfidf"].clone()
    };
    let jieba = keywords(&[]);
    let ours = keywords(&["--idf", s(&table)]);
    assert_ne!(jieba, ours);
    assert_eq!(
        ours,
        serde_json::json!([{"term": "芯片", "weight": 1.0}, {"term": "模型", "weight": 0.2}])
    );
    let out = dir.path().join("out-none");
    let missing = dir.path().join("none.txt");
    let o = wenxi(&["analyze", s(&input), "--out", s(&out), "--idf", s(&missing)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("cannot read IDF table"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn help_names_emit_idf_and_the_idf_command() {
    let o = wenxi(&["analyze", "--help"]);
    let text = String::from_utf8_lossy(&o.stdout);
    for flag in ["--emit", "--idf", ".gz", "stdin"] {
        assert!(text.contains(flag), "{flag} missing from analyze --help");
    }
    let o = wenxi(&["idf", "--help"]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("ln(N / df)"));
    let o = wenxi(&["idf"]);
    assert_eq!(o.status.code(), Some(2), "idf needs a path and --out");
}

#[test]
fn glob_patterns_the_shell_left_alone_are_expanded() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("a").join("b");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(dir.path().join("a").join("one.txt"), UTF8_TEXT).unwrap();
    std::fs::write(sub.join("two.txt"), UTF8_TEXT).unwrap();
    std::fs::write(sub.join("skip.md"), UTF8_TEXT).unwrap();
    let out = dir.path().join("out");
    let pattern = format!("{}/**/*.txt", dir.path().display());
    let none = format!("{}/nothing/*.txt", dir.path().display());
    let o = wenxi(&[
        "analyze",
        &pattern,
        &none,
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    // the pattern that matches nothing is a failure, named; the rest is analysed
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("no file matches this pattern"),
        "{}",
        stderr(&o)
    );
    let corpus: Value =
        serde_json::from_slice(&std::fs::read(out.join("corpus.json")).unwrap()).unwrap();
    let paths: Vec<&str> = corpus["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(paths[0].ends_with("a/b/two.txt") || paths[0].ends_with("a/one.txt"));
    assert!(paths.iter().all(|p| p.ends_with(".txt")));
    assert_eq!(
        corpus["failures"][0]["error"],
        "no file matches this pattern"
    );
}
