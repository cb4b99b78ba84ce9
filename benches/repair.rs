//! Repair throughput on clean Chinese text and on text with 1% garbled lines.
//!
//! `cargo bench --bench repair`. The baseline in the same run is a bare pass over the chars
//! (`chars().count()`), the floor of any scan.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use wenxi::repair::Repairer;

/// About 2 MB of clean Chinese: the bundled article (less its garbled line) and the clean
/// fixture sentences, repeated.
fn clean_text() -> String {
    let article = include_str!("../corpus/000_19b1e827103f711d.txt");
    let fixture = include_str!("../tests/data/clean_sentences.txt");
    let mut lines: Vec<&str> = article
        .lines()
        .enumerate()
        .filter(|(i, _)| *i != 107)
        .map(|(_, l)| l)
        .collect();
    lines.extend(fixture.lines().filter(|l| !l.starts_with("# ")));
    let block = lines.join("\n") + "\n";
    block.repeat((2_000_000 / block.len()).max(1))
}

/// The clean text with every hundredth non-empty line read as GBK (UTF-8 bytes decoded with
/// the wrong encoding).
fn one_percent_garbled(clean: &str) -> String {
    let mut out = String::with_capacity(clean.len() * 2);
    for (i, line) in clean.split_inclusive('\n').enumerate() {
        if i % 100 == 7 && line.trim().chars().count() > 4 {
            out.push_str(&encoding_rs::GBK.decode(line.as_bytes()).0);
        } else {
            out.push_str(line);
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let repairer = Repairer::new();
    let clean = clean_text();
    let garbled = one_percent_garbled(&clean);
    assert_eq!(repairer.repair(&clean).text, clean, "clean text changed");
    let mut g = c.benchmark_group("repair");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(clean.len() as u64));
    g.bench_function("baseline_chars_count", |b| {
        b.iter(|| black_box(&clean).chars().count())
    });
    g.bench_function("clean", |b| b.iter(|| repairer.repair(black_box(&clean))));
    g.throughput(Throughput::Bytes(garbled.len() as u64));
    g.bench_function("garbled_1pct", |b| {
        b.iter(|| repairer.repair(black_box(&garbled)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
