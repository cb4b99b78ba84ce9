//! The `wenxi` binary, end to end: exit codes, messages, and the reports it writes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const GOOD: &str = "马斯克在2015年创立了OpenAI，阿尔特曼后来成为OpenAI的首席执行官。\n\
    OpenAI发布的ChatGPT让微软和谷歌都感到压力。\n";
const GBK_TEXT: &str = "联想在2013年共卖出了1.15亿台设备，杨元庆在北京接受了央视的采访。\n\
    他认为中国企业必须重视研发，人工智能将改变整个行业。\n";
/// PNG signature and the start of an IHDR chunk: NUL bytes right away.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0";

fn wenxi(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wenxi"))
        .args(args)
        .output()
        .expect("run wenxi")
}

fn analyze(inputs: &[&Path], out: &Path) -> Output {
    let mut args: Vec<&Path> = vec![Path::new("analyze"), Path::new("--out"), out];
    args.extend(inputs);
    wenxi(&args)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// The repaired text: `decoded` with each repair's `before` replaced by its `after`.
fn repaired_text(decoded: &str, report: &Value) -> Vec<char> {
    let chars: Vec<char> = decoded.chars().collect();
    let mut out = Vec::new();
    let mut at = 0;
    for r in report["repairs"].as_array().unwrap() {
        let (s, e) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            chars[s..e].iter().collect::<String>(),
            r["before"].as_str().unwrap()
        );
        out.extend(&chars[at..s]);
        assert_eq!(out.len() as u64, r["repaired_start"].as_u64().unwrap());
        out.extend(r["after"].as_str().unwrap().chars());
        assert_eq!(out.len() as u64, r["repaired_end"].as_u64().unwrap());
        at = e;
    }
    out.extend(&chars[at..]);
    out
}

/// Every mention's offsets slice the repaired text to the mention's text; returns the
/// number of mentions.
fn check_mentions(report: &Value, repaired: &[char]) -> usize {
    let mut n = 0;
    for e in report["entities"].as_array().unwrap() {
        let mentions = e["mentions"].as_array().unwrap();
        assert_eq!(e["count"].as_u64().unwrap(), mentions.len() as u64, "{e}");
        for m in mentions {
            let (s, t) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            assert!(s < t && t <= repaired.len(), "{m}");
            let slice: String = repaired[s..t].iter().collect();
            assert_eq!(slice, m["text"].as_str().unwrap(), "{m}");
            n += 1;
        }
    }
    n
}

fn check_document(report: &Value, encoding: &str) {
    assert_eq!(report["schema"], "wenxi.document/1");
    assert_eq!(report["source"]["encoding"], encoding);
    for member in ["entities", "terms", "repairs", "flags"] {
        assert!(report[member].is_array(), "{member}");
    }
    assert!(report["keywords"]["tfidf"].is_array());
    assert!(report["keywords"]["textrank"].is_array());
}

/// Files of `dir` (hidden ones included) that look like leftovers of atomic writes.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect()
}

#[test]
fn utf8_and_gbk_files() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.txt", GOOD.as_bytes());
    let (gbk_bytes, _, unmappable) = encoding_rs::GBK.encode(GBK_TEXT);
    assert!(!unmappable);
    let gbk = write(dir.path(), "legacy.txt", &gbk_bytes);
    let out = dir.path().join("out");
    let o = analyze(&[&good, &gbk], &out);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let r = read_json(&out.join("good.json"));
    check_document(&r, "UTF-8");
    assert_eq!(r["source"]["path"], good.to_string_lossy().as_ref());
    check_mentions(&r, &repaired_text(GOOD, &r));
    let terms: Vec<&str> = r["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["term"].as_str().unwrap())
        .collect();
    assert_eq!(terms.first(), Some(&"OpenAI"), "{terms:?}");

    let r = read_json(&out.join("legacy.json"));
    check_document(&r, "GBK");
    assert_eq!(r["source"]["bytes"].as_u64(), Some(gbk_bytes.len() as u64));
    check_mentions(&r, &repaired_text(GBK_TEXT, &r));
    assert!(
        r["terms"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["term"] == "人工智能")
    );

    let corpus = read_json(&out.join("corpus.json"));
    assert_eq!(corpus["schema"], "wenxi.corpus/1");
    assert_eq!(corpus["totals"]["documents"], 2);
    assert_eq!(corpus["failures"].as_array().unwrap().len(), 0);
    assert_eq!(corpus["encodings"]["GBK"], 1);
    assert_eq!(corpus["encodings"]["UTF-8"], 1);
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));
}

#[test]
fn article_mentions_slice_the_repaired_text() {
    let dir = tempfile::tempdir().unwrap();
    let article = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/000_19b1e827103f711d.txt");
    let o = analyze(&[&article], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let r = read_json(&dir.path().join("000_19b1e827103f711d.json"));
    check_document(&r, "UTF-8");
    let decoded = std::fs::read_to_string(&article).unwrap();
    let repaired = repaired_text(&decoded, &r);
    assert_eq!(r["stats"]["chars"].as_u64(), Some(repaired.len() as u64));
    assert!(
        !r["repairs"].as_array().unwrap().is_empty(),
        "the article has a garbled run"
    );
    let mentions = check_mentions(&r, &repaired);
    assert!(mentions > 0, "no entity found in the article");
}

#[test]
fn bad_inputs_fail_but_the_others_are_analysed() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.txt");
    let binary = write(dir.path(), "image.png", PNG);
    let empty = write(dir.path(), "empty.txt", b"");
    let good = write(dir.path(), "good.txt", GOOD.as_bytes());
    let out = dir.path().join("out");
    let o = analyze(&[&missing, &binary, &empty, &good], &out);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(missing.to_str().unwrap()), "{err}");
    assert!(err.contains(binary.to_str().unwrap()), "{err}");
    assert!(!err.contains(good.to_str().unwrap()), "{err}");

    let r = read_json(&out.join("good.json"));
    check_document(&r, "UTF-8");
    let r = read_json(&out.join("empty.json"));
    check_document(&r, "UTF-8");
    assert_eq!(r["source"]["method"], "empty");
    assert_eq!(r["entities"].as_array().unwrap().len(), 0);
    assert_eq!(r["terms"].as_array().unwrap().len(), 0);
    assert_eq!(r["stats"]["chars"], 0);
    assert!(!out.join("image.json").exists());
    assert!(!out.join("missing.json").exists());

    let corpus = read_json(&out.join("corpus.json"));
    let failures: Vec<&str> = corpus["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    // Failures are ordered by path (image.png before missing.txt), whatever the input order.
    assert_eq!(
        failures,
        [binary.to_str().unwrap(), missing.to_str().unwrap()]
    );
    for f in corpus["failures"].as_array().unwrap() {
        assert!(!f["error"].as_str().unwrap().is_empty());
    }
    assert_eq!(corpus["totals"]["documents"], 2);
    assert_eq!(corpus["totals"]["failed"], 2);
    let docs: Vec<&str> = corpus["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["report"].as_str().unwrap())
        .collect();
    assert_eq!(docs, ["empty.json", "good.json"]);
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));
}

#[test]
fn help() {
    let o = wenxi(&[Path::new("--help")]);
    assert!(o.status.success());
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("Usage:") && text.contains("analyze"),
        "{text}"
    );

    let o = wenxi(&[Path::new("analyze"), Path::new("--help")]);
    assert!(o.status.success());
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("Usage:") && text.contains("--out"), "{text}");

    let o = wenxi(&[Path::new("frobnicate")]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("Usage:"), "{}", stderr(&o));
}

#[test]
fn unwritable_output_dir() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.txt", GOOD.as_bytes());
    // A file where the output directory should be: it can be neither created nor written
    // into, whoever runs the test (root ignores permission bits).
    let blocker = write(dir.path(), "out", b"not a directory");
    for out in [blocker.clone(), blocker.join("sub")] {
        let o = analyze(&[&good], &out);
        assert!(!o.status.success());
        assert_ne!(o.status.code(), Some(0));
        let err = stderr(&o);
        assert!(err.contains("wenxi: error:"), "{err}");
        assert!(err.contains(out.to_str().unwrap()), "{err}");
        assert!(err.contains("cannot write"), "{err}");
        assert!(
            err.matches("(os error").count() <= 1,
            "cause repeated: {err}"
        );
    }
    assert_eq!(std::fs::read(&blocker).unwrap(), b"not a directory");
}
