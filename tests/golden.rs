//! The committed `reports/` must be exactly what the code now writes for `corpus/`.
//! When output changes on purpose, regenerate with `cargo run --release -- analyze` and
//! review the diff.

use std::path::{Path, PathBuf};

use wenxi::{Config, Pipeline, batch};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn committed_reports_match_a_fresh_run() {
    let out = tempfile::tempdir().unwrap();
    // Paths in reports are as given; the default run is made from the repository root with
    // the input `corpus`, so give the same relative path.
    std::env::set_current_dir(root()).unwrap();
    let pipeline = Pipeline::new(Config::default());
    let outcome = batch::run(&pipeline, &[PathBuf::from("corpus")], out.path()).unwrap();
    assert!(!outcome.has_failures());
    let mut fresh: Vec<String> = names(out.path());
    let committed: Vec<String> = names(&root().join("reports"));
    fresh.sort();
    assert_eq!(
        fresh, committed,
        "reports/ holds other files than a fresh run writes"
    );
    for name in &fresh {
        let a = std::fs::read_to_string(out.path().join(name)).unwrap();
        let b = std::fs::read_to_string(root().join("reports").join(name)).unwrap();
        assert!(
            a == b,
            "reports/{name} differs from a fresh run; run `cargo run --release -- analyze` and review the diff"
        );
    }
}

#[test]
fn article_report_records_the_repair() {
    let text = std::fs::read_to_string(root().join("reports/000_19b1e827103f711d.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["schema"], "wenxi.document/1");
    assert_eq!(
        v["source"]["sha256"],
        "d32ae73517f52a4bb35778e5c7eebe64980919b3c1f5d1ab6706d05e044b6924"
    );
    let repairs = v["repairs"].as_array().unwrap();
    assert_eq!(repairs.len(), 1);
    assert_eq!(repairs[0]["line"], 108);
    assert_eq!(
        repairs[0]["after"],
        "会成功——投资谈判中，他很直白地对其发展路线表达了悲观，认为"
    );
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    v.sort();
    v
}
