//! Corpus-scale runs of the `wenxi` binary: JSON Lines in and out, output independent of the
//! thread count and chunk size, partial counts merged across shards, and resumed runs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const UTF8_TEXT: &str = "马斯克在2015年创立了OpenAI，阿尔特曼后来成为OpenAI的首席执行官。\n\
    OpenAI发布的ChatGPT让微软和谷歌都感到压力。\n";
const GBK_TEXT: &str = "联想在2013年共卖出了1.15亿台设备，杨元庆在北京接受了央视的采访。\n\
    他认为中国企业必须重视研发，人工智能将改变整个行业。\n";
const JSONL: &str = concat!(
    r#"{"id": "w1", "text": "李飞飞在斯坦福大学研究人工智能，后来加入了谷歌。"}"#,
    "\n",
    r#"{"text": "腾讯和阿里巴巴都在深圳和杭州设立了研究院。", "lang": "zh"}"#,
    "\n\n",
    "{not json\n",
    r#"{"id": 42, "text": "黄仁勋说英伟达的H100供不应求，微软和OpenAI都在排队。"}"#,
    "\n",
    r#"{"id": "w4"}"#,
    "\n",
);

fn wenxi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wenxi"))
        .args(args)
        .output()
        .expect("run wenxi")
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

/// A directory with a UTF-8 file, a GBK file and a JSON Lines file (3 documents, a blank
/// line and 2 malformed records).
fn fixtures(dir: &Path) -> PathBuf {
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("utf8.txt"), UTF8_TEXT).unwrap();
    std::fs::write(docs.join("gbk.txt"), gbk(GBK_TEXT)).unwrap();
    std::fs::write(docs.join("posts.jsonl"), JSONL).unwrap();
    docs
}

/// Every file under `dir`, by relative path, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut map = BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        if e.file_type().unwrap().is_dir() {
            for (k, v) in files(&e.path()) {
                map.insert(format!("{name}/{k}"), v);
            }
        } else {
            map.insert(name, std::fs::read(e.path()).unwrap());
        }
    }
    map
}

fn json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap()
}

#[test]
fn output_is_identical_whatever_the_threads_and_chunks() {
    let dir = tempfile::tempdir().unwrap();
    let docs = fixtures(dir.path());
    let mut runs = Vec::new();
    for (threads, chunk) in [("1", "256"), ("2", "256"), ("2", "1"), ("1", "2")] {
        let out = dir.path().join(format!("out-{threads}-{chunk}"));
        std::fs::create_dir_all(&out).unwrap();
        let partial = out.join("partial.json");
        let lines = out.join("lines").join("reports.jsonl");
        std::fs::create_dir_all(lines.parent().unwrap()).unwrap();
        let common = ["--threads", threads, "--chunk", chunk];
        let o = wenxi(
            &[
                &["analyze", s(&docs), "--out", s(&out.join("files"))][..],
                &["--partial", s(&partial)],
                &common,
            ]
            .concat(),
        );
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let o = wenxi(
            &[
                &["analyze", s(&docs), "--out", s(&out.join("lines"))][..],
                &["--jsonl-out", s(&lines)],
                &common,
            ]
            .concat(),
        );
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        runs.push(files(&out));
    }
    let first = &runs[0];
    let names: Vec<&String> = first.keys().collect();
    assert_eq!(
        names,
        [
            "files/corpus.json",
            "files/gbk.json",
            "files/posts.1.json",
            "files/posts.2.json",
            "files/posts.5.json",
            "files/utf8.json",
            "lines/corpus.json",
            "lines/reports.jsonl",
            "partial.json",
        ]
    );
    for other in &runs[1..] {
        assert_eq!(other.keys().collect::<Vec<_>>(), names);
        for (name, bytes) in first {
            assert!(other[name] == *bytes, "{name} differs between runs");
        }
    }
    // The corpus summary does not depend on where the reports went.
    assert_eq!(first["files/corpus.json"], first["lines/corpus.json"]);
}

#[test]
fn jsonl_records_reports_and_failures() {
    let dir = tempfile::tempdir().unwrap();
    let docs = fixtures(dir.path());
    let out = dir.path().join("out");
    let lines = dir.path().join("reports.jsonl");
    let o = wenxi(&["analyze", s(&docs), "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let jsonl = format!("{}/posts.jsonl", s(&docs));
    let err = stderr(&o);
    assert!(err.contains(&format!("{jsonl}:4: bad JSON")), "{err}");
    assert!(
        err.contains(&format!("{jsonl}:6: no member \"text\"")),
        "{err}"
    );

    let r = json(&std::fs::read(out.join("posts.1.json")).unwrap());
    let text = "李飞飞在斯坦福大学研究人工智能，后来加入了谷歌。";
    assert_eq!(r["source"]["path"], format!("{jsonl}:1"));
    assert_eq!(r["source"]["id"], "w1");
    assert_eq!(r["source"]["method"], "jsonl");
    assert_eq!(r["source"]["encoding"], "UTF-8");
    assert_eq!(r["source"]["bytes"], text.len());
    assert!(
        r["entities"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["text"] == "李飞飞")
    );
    let r = json(&std::fs::read(out.join("posts.2.json")).unwrap());
    assert_eq!(r["source"]["id"], format!("{jsonl}:2"));
    let r = json(&std::fs::read(out.join("posts.5.json")).unwrap());
    assert_eq!(r["source"]["id"], "42");
    // A file that is not JSON Lines has no id.
    let r = json(&std::fs::read(out.join("gbk.json")).unwrap());
    assert!(r["source"].get("id").is_none());
    assert_eq!(r["source"]["encoding"], "GBK");

    let corpus = json(&std::fs::read(out.join("corpus.json")).unwrap());
    let failures: Vec<&str> = corpus["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(failures, [format!("{jsonl}:4"), format!("{jsonl}:6")]);
    assert_eq!(corpus["totals"]["documents"], 5);

    // The same reports as one JSON Lines stream, on stdout and in a file, in input order.
    let o = wenxi(&[
        "analyze",
        s(&docs),
        "--out",
        s(&dir.path().join("o2")),
        "--jsonl-out",
        "-",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let o3 = dir.path().join("o3");
    let o = wenxi(&[
        "analyze",
        s(&docs),
        "--out",
        s(&o3),
        "--jsonl-out",
        s(&lines),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let stream = std::fs::read(&lines).unwrap();
    assert_eq!(
        stream,
        wenxi(&["analyze", s(&docs), "--out", s(&o3), "--jsonl-out", "-"]).stdout
    );
    let got: Vec<Value> = stream
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(json)
        .collect();
    let want: Vec<Value> = ["gbk", "posts.1", "posts.2", "posts.5", "utf8"]
        .iter()
        .map(|n| json(&std::fs::read(out.join(format!("{n}.json"))).unwrap()))
        .collect();
    assert_eq!(got, want);
    assert_eq!(files(&o3).keys().collect::<Vec<_>>(), ["corpus.json"]);
    assert_eq!(
        std::fs::read(o3.join("corpus.json")).unwrap(),
        std::fs::read(out.join("corpus.json")).unwrap()
    );

    // --jsonl reads any file as JSON Lines; --field and --id-field name the members.
    let custom = dir.path().join("custom.txt");
    std::fs::write(&custom, "{\"body\": \"微软在西雅图。\", \"key\": \"k9\"}\n").unwrap();
    let o4 = dir.path().join("o4");
    let o = wenxi(&[
        "analyze",
        s(&custom),
        "--out",
        s(&o4),
        "--jsonl",
        "--field",
        "body",
        "--id-field",
        "key",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let r = json(&std::fs::read(o4.join("custom.1.json")).unwrap());
    assert_eq!(r["source"]["id"], "k9");
    assert_eq!(r["source"]["bytes"], "微软在西雅图。".len());
}

#[test]
fn merged_partials_equal_one_run_over_all_shards() {
    let dir = tempfile::tempdir().unwrap();
    let texts = [
        UTF8_TEXT,
        GBK_TEXT,
        "李飞飞在斯坦福大学研究人工智能。微软和谷歌都在招人。",
    ];
    let mut shards = Vec::new();
    for i in 0..4 {
        let shard = dir.path().join(format!("shard{i}"));
        std::fs::create_dir_all(&shard).unwrap();
        for (j, t) in texts.iter().enumerate() {
            if (i + j) % 2 == 0 {
                std::fs::write(shard.join(format!("d{i}{j}.txt")), t).unwrap();
            } else {
                std::fs::write(shard.join(format!("d{i}{j}.txt")), gbk(t)).unwrap();
            }
        }
        std::fs::write(shard.join(format!("p{i}.jsonl")), JSONL).unwrap();
        shards.push(shard);
    }
    std::fs::write(shards[1].join("bin.dat"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let missing = dir.path().join("missing.txt");

    let whole = dir.path().join("whole");
    let mut args = vec!["analyze", "--out", s(&whole)];
    args.extend(shards.iter().map(|p| s(p)));
    args.push(s(&missing));
    let o = wenxi(&args);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let want = std::fs::read(whole.join("corpus.json")).unwrap();

    let mut partials = Vec::new();
    for (i, shard) in shards.iter().enumerate() {
        let p = dir.path().join(format!("p{i}.partial.json"));
        let out = dir.path().join(format!("out{i}"));
        let o = wenxi(&[
            "analyze",
            s(shard),
            "--out",
            s(&out),
            "--partial",
            s(&p),
            "--chunk",
            "3",
        ]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        partials.push(p);
    }
    let pm = dir.path().join("missing.partial.json");
    let o = wenxi(&[
        "analyze",
        s(&missing),
        "--out",
        s(&dir.path().join("outm")),
        "--partial",
        s(&pm),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    partials.push(pm);
    let partial = json(&std::fs::read(&partials[0]).unwrap());
    assert_eq!(partial["schema"], "wenxi.partial/1");

    for order in [[4, 2, 0, 3, 1], [1, 3, 4, 0, 2], [0, 1, 2, 3, 4]] {
        let merged = dir.path().join("merged");
        let mut args = vec!["merge", "--out", s(&merged)];
        args.extend(order.iter().map(|&i| s(&partials[i])));
        let o = wenxi(&args);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let got = std::fs::read(merged.join("corpus.json")).unwrap();
        assert!(got == want, "merge in order {order:?} differs from one run");
    }

    // Merging merged partials gives the same again.
    let ab = dir.path().join("ab.partial.json");
    let o = wenxi(&[
        "merge",
        "--out",
        s(&dir.path().join("m1")),
        "--partial",
        s(&ab),
        s(&partials[3]),
        s(&partials[0]),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let merged = dir.path().join("m2");
    let o = wenxi(&[
        "merge",
        "--out",
        s(&merged),
        s(&partials[2]),
        s(&ab),
        s(&partials[4]),
        s(&partials[1]),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(std::fs::read(merged.join("corpus.json")).unwrap() == want);

    // Not a partial: an error naming the file.
    let o = wenxi(&["merge", "--out", s(&merged), s(&whole.join("corpus.json"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("corpus.json"), "{}", stderr(&o));
}

#[test]
fn resume_reuses_reports_that_parse() {
    let dir = tempfile::tempdir().unwrap();
    let docs = fixtures(dir.path());
    let out = dir.path().join("out");
    let o = wenxi(&["analyze", s(&docs), "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let before = files(&out);
    std::fs::remove_file(out.join("gbk.json")).unwrap();
    std::fs::write(out.join("utf8.json"), "{ truncated").unwrap();
    let o = wenxi(&["analyze", s(&docs), "--out", s(&out), "--resume"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("(3 reused)"), "{}", stderr(&o));
    let after = files(&out);
    assert_eq!(before, after);
}

#[test]
fn partial_round_trips_and_gives_the_corpus_report() {
    use wenxi::batch::{Options, run_with};
    use wenxi::report::Partial;
    let dir = tempfile::tempdir().unwrap();
    let docs = fixtures(dir.path());
    let pipeline = wenxi::Pipeline::new(wenxi::Config::default());
    let mut opts = Options::new(dir.path().join("a"));
    opts.chunk = 2;
    let a = run_with(&pipeline, std::slice::from_ref(&docs), &opts).unwrap();
    assert!(a.has_failures());
    let text = a.partial.to_json().unwrap();
    let back = Partial::from_json("a", &text).unwrap();
    assert_eq!(back.to_json().unwrap(), text);
    assert_eq!(back.to_corpus(), a.corpus);
    // Split into two halves in the other order: the same counts.
    let mut merged = Partial::new();
    let mut halves = Vec::new();
    for (i, names) in [
        ["utf8.txt", "gbk.txt"].as_slice(),
        ["posts.jsonl"].as_slice(),
    ]
    .iter()
    .enumerate()
    {
        let inputs: Vec<PathBuf> = names.iter().map(|n| docs.join(n)).collect();
        let opts = Options::new(dir.path().join(format!("h{i}")));
        halves.push(run_with(&pipeline, &inputs, &opts).unwrap().partial);
    }
    for h in halves.into_iter().rev() {
        merged.merge(h);
    }
    assert_eq!(merged.to_corpus(), a.corpus);
    let err = Partial::from_json("x.json", r#"{"schema": "wenxi.corpus/1"}"#).unwrap_err();
    assert!(err.to_string().starts_with("x.json: "), "{err}");
}

#[test]
fn help_names_the_new_flags_and_merge() {
    let o = wenxi(&["analyze", "--help"]);
    assert!(o.status.success());
    let text = String::from_utf8_lossy(&o.stdout);
    for flag in [
        "--jsonl",
        "--field",
        "--id-field",
        "--jsonl-out",
        "--partial",
        "--resume",
        "--chunk",
    ] {
        assert!(text.contains(flag), "{flag} missing from analyze --help");
    }
    let o = wenxi(&["merge", "--help"]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("--partial"));
    let o = wenxi(&["merge"]);
    assert_eq!(o.status.code(), Some(2), "merge needs a file");
}

/// The issue's fault mix in one run: a JSON Lines file with malformed records, a binary file,
/// a path that does not exist and a link to nowhere. Every good document is analysed; every
/// bad input is named in `corpus.json` and on stderr; the exit code is 1.
#[test]
fn bad_inputs_are_named_and_the_rest_is_analysed() {
    let dir = tempfile::tempdir().unwrap();
    let docs = fixtures(dir.path());
    std::fs::write(
        docs.join("image.bin"),
        [0x89u8, b'P', b'N', b'G', 0, 0, 0, 13],
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("gone"), docs.join("dangling.txt")).unwrap();
    let missing = dir.path().join("missing.txt");
    let out = dir.path().join("out");
    let o = wenxi(&["analyze", s(&docs), s(&missing), "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let corpus = json(&std::fs::read(out.join("corpus.json")).unwrap());
    // good: utf8.txt, gbk.txt and the 3 good records of posts.jsonl
    assert_eq!(corpus["totals"]["documents"], 5, "{corpus}");
    let failures: Vec<(String, String)> = corpus["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_owned(),
                f["error"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let err = stderr(&o);
    let mut bad = vec![
        format!("{}/image.bin", s(&docs)),
        format!("{}/posts.jsonl:4", s(&docs)),
        format!("{}/posts.jsonl:6", s(&docs)),
        s(&missing).to_owned(),
    ];
    #[cfg(unix)]
    bad.push(format!("{}/dangling.txt", s(&docs)));
    for b in &bad {
        assert!(
            failures.iter().any(|(p, _)| p == b),
            "{b} not in {failures:?}"
        );
        assert!(err.contains(b.as_str()), "{b} not on stderr: {err}");
    }
    assert_eq!(failures.len(), bad.len(), "{failures:?}");
    assert_eq!(corpus["totals"]["failed"], bad.len());
}
