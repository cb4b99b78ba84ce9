//! The ceiling for `scripts/bench_corpus.sh`: bare jieba-rs over the same text as
//! `wenxi analyze`, on one thread.
//!
//! Reads every file under a directory (recursively, sorted, hidden entries skipped as
//! `wenxi analyze` skips them), decodes it with
//! [`wenxi::ingest::decode`] (a `*.jsonl` file: the `text` member of each line that parses),
//! and runs `jieba_rs::Jieba::new().cut(text, true)` on each document. Prints the bytes read,
//! the documents cut, the wall seconds in all and the seconds spent in `cut`.
//!
//! ```text
//! cargo run --release --example jieba_cut -- target/bench-corpus
//! ```

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/bench-corpus".to_owned());
    let mut paths = Vec::new();
    files(Path::new(&dir), &mut paths);
    let jieba = jieba_rs::Jieba::new();
    let start = Instant::now();
    let (mut bytes, mut docs, mut words) = (0usize, 0usize, 0usize);
    let mut cut = Duration::ZERO;
    let mut run = |text: &str, docs: &mut usize, words: &mut usize| {
        let t = Instant::now();
        *words += jieba.cut(text, true).len();
        cut += t.elapsed();
        *docs += 1;
    };
    for p in &paths {
        let raw = std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        bytes += raw.len();
        if p.extension().is_some_and(|e| e == "jsonl") {
            for line in raw.split(|&b| b == b'\n') {
                let text = serde_json::from_slice::<serde_json::Value>(line)
                    .ok()
                    .and_then(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_owned));
                if let Some(text) = text {
                    run(&text, &mut docs, &mut words);
                }
            }
        } else if let Ok(d) = wenxi::ingest::decode(&raw) {
            run(&d.text, &mut docs, &mut words);
        }
    }
    println!(
        "bytes={bytes} documents={docs} words={words} seconds={:.3} cut_seconds={:.3}",
        start.elapsed().as_secs_f64(),
        cut.as_secs_f64()
    );
}
