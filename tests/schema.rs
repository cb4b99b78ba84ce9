//! The published JSON Schemas (`schema/*.schema.json`) describe exactly what the reports
//! hold: generated reports validate, every declared member is produced, and broken reports
//! are rejected.

#[path = "schema/check.rs"]
mod check;

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::{Value, json};

use wenxi::ingest::Stretch;
use wenxi::ner::{Entity, EntityType, Mention};
use wenxi::repair::{Candidate, Flag, Inferred, Repair};
use wenxi::report::{
    CorpusReport, DOCUMENT_SCHEMA, DocumentReport, Failure, Keywords, ReportToken, Source, Stats,
};
use wenxi::terms::{Keyword, TermCount};
use wenxi::{Config, Pipeline};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn schema(name: &str) -> Value {
    let path = root().join("schema").join(format!("{name}.schema.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn assert_valid(schema: &Value, v: &Value) {
    let errors = check::validate(schema, v);
    assert!(errors.is_empty(), "{errors:#?}");
}

/// A report with every member, optional ones included, filled in.
fn rich_report() -> DocumentReport {
    let mention = |start, text: &str| Mention {
        start,
        end: start + text.chars().count(),
        text: text.to_owned(),
    };
    DocumentReport {
        schema: DOCUMENT_SCHEMA.to_owned(),
        source: Source {
            path: "a.txt".to_owned(),
            id: Some("a-1".to_owned()),
            bytes: 120,
            sha256: "0".repeat(64),
            encoding: "GBK".to_owned(),
            bom: false,
            method: "mixed".to_owned(),
            confident: true,
            malformed: 0,
            stretches: vec![
                Stretch {
                    byte_start: 0,
                    byte_end: 30,
                    char_start: 0,
                    char_end: 10,
                    encoding: "UTF-8".to_owned(),
                },
                Stretch {
                    byte_start: 30,
                    byte_end: 120,
                    char_start: 10,
                    char_end: 55,
                    encoding: "GBK".to_owned(),
                },
            ],
        },
        repairs: vec![Repair {
            line: 1,
            start: 3,
            end: 5,
            repaired_start: 3,
            repaired_end: 5,
            before: "鍙傝".to_owned(),
            after: "参考".to_owned(),
            kind: "gbk-misaligned".to_owned(),
            confidence: 0.9,
            inferred: vec![Inferred {
                offset: 3,
                bytes: "?? E1".to_owned(),
                chosen: "参".to_owned(),
                confidence: 0.6,
                candidates: vec![Candidate {
                    text: "参".to_owned(),
                    score: -12.5,
                }],
            }],
        }],
        flags: vec![Flag {
            line: 2,
            start: 10,
            end: 12,
            kind: "replacement-chars".to_owned(),
            unrepaired: true,
        }],
        stats: Stats {
            chars: 40,
            lines: 2,
            sentences: 2,
            tokens: 20,
            han_chars: 30,
            repaired_chars: 2,
        },
        entities: vec![
            Entity {
                text: "萨姆·阿尔特曼".to_owned(),
                kind: EntityType::Per,
                count: 2,
                mentions: vec![mention(0, "萨姆·阿尔特曼"), mention(20, "阿尔特曼")],
                forms: vec!["萨姆·阿尔特曼".to_owned(), "阿尔特曼".to_owned()],
                value: None,
            },
            Entity {
                text: "10 亿美元".to_owned(),
                kind: EntityType::Money,
                count: 1,
                mentions: vec![mention(30, "10 亿美元")],
                forms: Vec::new(),
                value: wenxi::ner::normalise(EntityType::Money, "10 亿美元"),
            },
        ]
        .into_iter()
        .chain(
            [
                (EntityType::Money, "约10-20万元"),
                (EntityType::Date, "2019年3月12日"),
                (EntityType::Date, "2015年夏天"),
                (EntityType::Time, "下午3点半"),
            ]
            .into_iter()
            .enumerate()
            .map(|(i, (kind, text))| Entity {
                text: text.to_owned(),
                kind,
                count: 1,
                mentions: vec![mention(40 + 10 * i, text)],
                forms: Vec::new(),
                value: wenxi::ner::normalise(kind, text),
            }),
        )
        .collect(),
        terms: vec![TermCount {
            term: "模型".to_owned(),
            count: 3,
        }],
        keywords: Keywords {
            tfidf: vec![Keyword {
                term: "模型".to_owned(),
                weight: 1.0,
            }],
            textrank: vec![Keyword {
                term: "模型".to_owned(),
                weight: 1.0,
            }],
        },
        tokens: Some(vec![ReportToken {
            text: "模型".to_owned(),
            start: 0,
            end: 2,
            pos: "n".to_owned(),
        }]),
    }
}

fn rich_corpus() -> CorpusReport {
    let doc = rich_report();
    let failures = vec![Failure {
        path: "missing.txt".to_owned(),
        error: "no such file or directory".to_owned(),
    }];
    CorpusReport::build(&[("a.json".to_owned(), &doc)], failures)
}

#[test]
fn rich_document_report_validates_and_uses_every_declared_member() {
    let schema = schema("document");
    let v = serde_json::to_value(rich_report()).unwrap();
    let (errors, seen) = check::validate_seen(&schema, &v);
    assert!(errors.is_empty(), "{errors:#?}");
    let unused: BTreeSet<_> = check::declared(&schema)
        .difference(&seen)
        .cloned()
        .collect();
    assert!(unused.is_empty(), "declared but never produced: {unused:?}");
}

#[test]
fn rich_corpus_report_validates_and_uses_every_declared_member() {
    let schema = schema("corpus");
    let v = serde_json::to_value(rich_corpus()).unwrap();
    let (errors, seen) = check::validate_seen(&schema, &v);
    assert!(errors.is_empty(), "{errors:#?}");
    let unused: BTreeSet<_> = check::declared(&schema)
        .difference(&seen)
        .cloned()
        .collect();
    assert!(unused.is_empty(), "declared but never produced: {unused:?}");
}

/// Optional members are exactly those serde skips when empty.
#[test]
fn required_lists_name_every_always_present_member() {
    for (name, optional) in [
        (
            "document",
            vec![
                "inferred",
                "forms",
                "stretches",
                "id",
                "tokens",
                "value",
                // every member of a value is optional
                "amount",
                "amount_max",
                "unit",
                "approximate",
                "year",
                "month",
                "day",
                "season",
                "hour",
                "minute",
            ],
        ),
        ("corpus", vec![]),
        ("partial", vec![]),
    ] {
        let schema = schema(name);
        let mut found = Vec::new();
        collect_optional(&schema, &mut found);
        found.sort();
        let mut optional: Vec<String> = optional.into_iter().map(str::to_owned).collect();
        optional.sort();
        assert_eq!(found, optional, "{name}");
    }
}

fn collect_optional(s: &Value, out: &mut Vec<String>) {
    match s {
        Value::Object(o) => {
            if let Some(props) = o.get("properties").and_then(Value::as_object) {
                let required: Vec<&str> = o
                    .get("required")
                    .and_then(Value::as_array)
                    .map(|r| r.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                out.extend(
                    props
                        .keys()
                        .filter(|k| !required.contains(&k.as_str()))
                        .cloned(),
                );
            }
            o.values().for_each(|v| collect_optional(v, out));
        }
        Value::Array(a) => a.iter().for_each(|v| collect_optional(v, out)),
        _ => {}
    }
}

#[test]
fn reports_of_the_article_and_an_empty_file_validate() {
    let pipeline = Pipeline::new(Config::default());
    let article = std::fs::read(root().join("corpus/000_19b1e827103f711d.txt")).unwrap();
    let doc = pipeline.analyze_bytes("article.txt", &article).unwrap();
    let empty = pipeline.analyze_bytes("empty.txt", b"").unwrap();
    let schema_doc = schema("document");
    assert_valid(&schema_doc, &serde_json::to_value(&doc).unwrap());
    assert_valid(&schema_doc, &serde_json::to_value(&empty).unwrap());
    let corpus = CorpusReport::build(
        &[
            ("article.json".to_owned(), &doc),
            ("empty.json".to_owned(), &empty),
        ],
        Vec::new(),
    );
    assert_valid(&schema("corpus"), &serde_json::to_value(&corpus).unwrap());
}

#[test]
fn reports_written_by_the_cli_validate() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.txt");
    std::fs::write(
        &input,
        "马斯克在2015年创立了OpenAI。OpenAI后来发布了ChatGPT。",
    )
    .unwrap();
    let out = dir.path().join("out");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_wenxi"))
        .args(["analyze", "--quiet", "--out"])
        .arg(&out)
        .arg("--partial")
        .arg(out.join("partial.json"))
        .arg(&input)
        .arg(dir.path().join("missing.txt"))
        .status()
        .unwrap();
    assert_eq!(
        status.code(),
        Some(1),
        "the missing input makes the run fail"
    );
    let read = |name: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(out.join(name)).unwrap()).unwrap()
    };
    assert_valid(&schema("document"), &read("in.json"));
    let corpus = read("corpus.json");
    assert_eq!(corpus["failures"].as_array().unwrap().len(), 1);
    assert_valid(&schema("corpus"), &corpus);
    let partial = read("partial.json");
    let schema = schema("partial");
    let (errors, seen) = check::validate_seen(&schema, &partial);
    assert!(errors.is_empty(), "{errors:#?}");
    let unused: BTreeSet<_> = check::declared(&schema)
        .difference(&seen)
        .cloned()
        .collect();
    assert!(unused.is_empty(), "declared but never produced: {unused:?}");
}

/// What a mutation breaks, and the mutation.
type Mutation = (&'static str, fn(&mut Value));

/// Each mutation breaks one rule of the schema; the checker must notice every one.
#[test]
fn broken_reports_are_rejected() {
    let schema_doc = schema("document");
    let good = serde_json::to_value(rich_report()).unwrap();
    assert_valid(&schema_doc, &good);
    let mutations: Vec<Mutation> = vec![
        ("wrong schema name", |v| {
            v["schema"] = json!("wenxi.document/2")
        }),
        ("missing member", |v| {
            v.as_object_mut().unwrap().remove("stats");
        }),
        ("unknown member", |v| v["extra"] = json!(1)),
        ("unknown nested member", |v| v["source"]["mtime"] = json!(0)),
        ("negative count", |v| v["stats"]["chars"] = json!(-1)),
        ("float count", |v| v["source"]["bytes"] = json!(1.5)),
        ("bad method", |v| v["source"]["method"] = json!("guess")),
        ("bad sha256", |v| v["source"]["sha256"] = json!("ABC")),
        ("bad entity type", |v| {
            v["entities"][0]["type"] = json!("PERSON")
        }),
        ("one form", |v| v["entities"][0]["forms"] = json!(["x"])),
        ("empty inferred", |v| {
            v["repairs"][0]["inferred"] = json!([])
        }),
        ("weight above 1", |v| {
            v["keywords"]["tfidf"][0]["weight"] = json!(1.5)
        }),
        ("weight as string", |v| {
            v["keywords"]["textrank"][0]["weight"] = json!("1")
        }),
        ("flag repaired", |v| {
            v["flags"][0]["unrepaired"] = json!(false)
        }),
        ("line 0", |v| v["repairs"][0]["line"] = json!(0)),
        ("missing mention text", |v| {
            v["entities"][0]["mentions"][0]
                .as_object_mut()
                .unwrap()
                .remove("text");
        }),
        ("empty term", |v| v["terms"][0]["term"] = json!("")),
    ];
    for (what, mutate) in mutations {
        let mut v = good.clone();
        mutate(&mut v);
        assert!(
            !check::validate(&schema_doc, &v).is_empty(),
            "{what} was accepted"
        );
    }

    let schema_corpus = schema("corpus");
    let good = serde_json::to_value(rich_corpus()).unwrap();
    assert_valid(&schema_corpus, &good);
    let mutations: Vec<Mutation> = vec![
        ("wrong schema name", |v| {
            v["schema"] = json!("wenxi.document/1")
        }),
        ("encoding count 0", |v| v["encodings"]["GBK"] = json!(0)),
        ("report not json", |v| {
            v["documents"][0]["report"] = json!("a.txt")
        }),
        ("failure without error", |v| {
            v["failures"][0].as_object_mut().unwrap().remove("error");
        }),
        ("unknown total", |v| v["totals"]["seconds"] = json!(3)),
        ("bad entity type", |v| {
            v["entities"][0]["type"] = json!("per")
        }),
    ];
    for (what, mutate) in mutations {
        let mut v = good.clone();
        mutate(&mut v);
        assert!(
            !check::validate(&schema_corpus, &v).is_empty(),
            "{what} was accepted"
        );
    }
}

#[test]
fn json_lines_record_report_validates() {
    let pipeline = Pipeline::new(Config::default());
    let report =
        pipeline.analyze_text("posts.jsonl:3", Some("p3"), "jsonl", "马斯克创立了OpenAI。");
    assert_eq!(report.source.bytes, "马斯克创立了OpenAI。".len());
    let v = serde_json::to_value(&report).unwrap();
    assert_eq!(v["source"]["id"], "p3");
    assert_eq!(v["source"]["method"], "jsonl");
    assert_valid(&schema("document"), &v);
}
