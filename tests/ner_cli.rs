//! `wenxi train-ner`, `wenxi tag` and `wenxi eval-ner`, run as a user runs them.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const FIXTURE: &str = "tests/data/ner_tiny.txt";

fn wenxi(args: &[&str], stdin: Option<&str>) -> Output {
    wenxi_bytes(args, stdin.unwrap_or("").as_bytes())
}

fn wenxi_bytes(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wenxi"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run wenxi");
    let input = stdin.to_owned();
    let mut pipe = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || pipe.write_all(&input));
    let out = child.wait_with_output().unwrap();
    // wenxi may exit before reading its input (a missing model): a broken pipe is fine.
    let _ = writer.join().unwrap();
    out
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "exit {:?}: {}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn train(dir: &Path) -> String {
    let model = dir.join("m.bin").display().to_string();
    let o = wenxi(
        &[
            "train-ner",
            FIXTURE,
            "--out",
            &model,
            "--epochs",
            "30",
            "--min-freq",
            "1",
            "--folds",
            "2",
            "--quiet",
        ],
        None,
    );
    ok(&o);
    assert!(Path::new(&model).exists());
    model
}

#[test]
fn train_tag_and_eval() {
    let dir = tempfile::tempdir().unwrap();
    let model = train(dir.path());

    // Plain text: one entity per line with char offsets.
    let out = ok(&wenxi(
        &["tag", "--model", &model],
        Some("赵敏在北京大学读书。\n"),
    ));
    assert!(out.lines().any(|l| l == "0\t2\tPER\t赵敏"), "{out}");
    assert!(out.lines().any(|l| l == "3\t7\tORG\t北京大学"), "{out}");

    // Plain text in GBK is decoded as `wenxi analyze` decodes it.
    let (gbk, _, _) = encoding_rs::GBK.encode("他说赵敏在北京大学读书。\n");
    let out2 = ok(&wenxi_bytes(&["tag", "--model", &model], &gbk));
    assert!(out2.lines().any(|l| l == "5\t9\tORG\t北京大学"), "{out2}");

    // Columns: extra fields ignored, empty lines kept.
    let input = "赵 x\n敏 y\n\n\n在\n北\n京\n大\n学\n";
    let out = ok(&wenxi(&["tag", "--conll", "--model", &model], Some(input)));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 9, "{out}");
    assert_eq!(lines[0], "赵 B-PER");
    assert_eq!(lines[1], "敏 I-PER");
    assert_eq!((lines[2], lines[3]), ("", ""));
    assert_eq!(lines[5], "北 B-ORG");

    // Scores: the model fits its training file; JSON has every type.
    let out = ok(&wenxi(
        &["eval-ner", FIXTURE, "--model", &model, "--format", "json"],
        None,
    ));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["tagger"], "perceptron");
    let total = &v["total"];
    assert_eq!(total["overall"]["gold"], 24);
    assert!(total["overall"]["f1"].as_f64().unwrap() > 0.95, "{total}");
    for t in ["PER", "LOC", "ORG"] {
        assert!(total[t]["precision"].is_number(), "{t}");
    }
    let text = ok(&wenxi(&["eval-ner", FIXTURE, "--model", &model], None));
    assert!(text.contains("overall"), "{text}");
}

#[test]
fn jieba_baseline_needs_no_model() {
    let out = ok(&wenxi(
        &[
            "eval-ner", "--tagger", "jieba", FIXTURE, FIXTURE, "--format", "json",
        ],
        None,
    ));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["tagger"], "jieba");
    assert_eq!(v["files"].as_array().unwrap().len(), 2);
    assert_eq!(v["total"]["overall"]["gold"], 48);
}

#[test]
fn errors_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.bin").display().to_string();
    let o = wenxi(&["tag", "--model", &missing], Some("北京"));
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("none.bin"));

    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, "北京 B-LOC\n坏行\n").unwrap();
    let bad = bad.display().to_string();
    let o = wenxi(&["train-ner", &bad, "--out", &missing, "--quiet"], None);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.txt") && err.contains("line 1"), "{err}");
}

#[test]
fn tag_uses_the_shipped_model_by_default() {
    let out = ok(&wenxi(&["tag"], Some("江泽民在北京会见了美国客人。\n")));
    assert!(out.contains("江泽民") && out.contains("PER"), "{out}");
    assert!(out.contains("北京") && out.contains("LOC"), "{out}");
}

#[test]
fn stack_scores_give_every_char_its_gold_label_and_scores() {
    let dir = tempfile::tempdir().unwrap();
    let (model, scores) = (dir.path().join("b.bin"), dir.path().join("s.tsv"));
    let train = |folds: &str| {
        wenxi(
            &[
                "train-ner",
                FIXTURE,
                "--out",
                &model.display().to_string(),
                "--folds",
                folds,
                "--stack-scores",
                &scores.display().to_string(),
                "--quiet",
            ],
            None,
        )
    };
    ok(&train("2"));
    let text = std::fs::read_to_string(&scores).unwrap();
    let fixture = std::fs::read_to_string(FIXTURE).unwrap();
    // one line per char, an empty line after each sentence, as in the fixture
    assert_eq!(text.lines().count(), fixture.lines().count());
    let mut entity_chars = 0;
    for (line, gold) in text.lines().zip(fixture.lines()) {
        if gold.is_empty() {
            assert!(line.is_empty());
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 3, "{line}");
        assert_eq!(fields[0], gold.rsplit_once(' ').unwrap().0);
        let label: u8 = fields[1].parse().unwrap();
        assert!(label < 13);
        assert_eq!(label == 0, gold.ends_with(" O"), "{line} / {gold}");
        entity_chars += usize::from(label != 0);
        let row: Vec<f32> = fields[2].split(' ').map(|x| x.parse().unwrap()).collect();
        assert_eq!(row.len(), 13);
    }
    assert!(entity_chars > 20);
    // fewer sentences than folds cannot be scored
    let o = train("20");
    assert!(!o.status.success());
}

#[test]
fn an_lstm_model_plugs_into_tag_and_eval() {
    let model = "tests/data/ner_tiny_lstm.bin";
    let o = wenxi(
        &["eval-ner", FIXTURE, "--model", model, "--format", "json"],
        None,
    );
    let v: Value = serde_json::from_str(&ok(&o)).unwrap();
    assert_eq!(v["tagger"], "lstm");
    let f1 = v["total"]["overall"]["f1"].as_f64().unwrap();
    assert!(f1 > 0.8, "{v}");
    let o = wenxi(
        &["tag", "--model", model],
        Some("王小明昨天在杭州参观了浙江大学。"),
    );
    let out = ok(&o);
    assert!(out.contains("王小明"), "{out}");
    // a cut file is refused with its name
    let dir = tempfile::tempdir().unwrap();
    let cut = dir.path().join("cut.bin");
    let bytes = std::fs::read(model).unwrap();
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let o = wenxi(
        &["tag", "--model", &cut.display().to_string()],
        Some("北京"),
    );
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("cut.bin"));
}

#[test]
fn weights_are_one_per_file_and_recorded_in_the_model() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("w.bin").display().to_string();
    let run = |weights: &str| {
        wenxi(
            &[
                "train-ner",
                FIXTURE,
                FIXTURE,
                "--out",
                &model,
                "--weights",
                weights,
                "--epochs",
                "2",
                "--quiet",
            ],
            None,
        )
    };
    for (weights, says) in [
        ("1", "2 file(s)"),
        ("1,2,3", "3 weight(s)"),
        ("0,1", "out of range"),
    ] {
        let o = run(weights);
        assert_eq!(o.status.code(), Some(2), "--weights {weights}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("--weights") && err.contains(says), "{err}");
        assert!(!Path::new(&model).exists());
    }
    ok(&run("1,3"));
    // The header (the line after the magic line) counts the sentences of each weight above 1:
    // every sentence of the second copy of the fixture.
    let bytes = std::fs::read(&model).unwrap();
    let mut lines = bytes.split(|&b| b == b'\n');
    assert!(lines.next().unwrap().starts_with(b"wenxi-ner"));
    let header: Value = serde_json::from_slice(lines.next().unwrap()).unwrap();
    let fixture = std::fs::read_to_string(FIXTURE).unwrap();
    let sentences = fixture
        .split("\n\n")
        .filter(|s| !s.trim().is_empty())
        .count();
    assert_eq!(
        header["info"]["weighted"],
        serde_json::json!([[3, sentences]]),
        "{header}"
    );
}
