//! Repair throughput on clean Chinese prose, on hard clean text, and on prose with 1% of its
//! lines garbled.
//!
//! `cargo bench --bench repair`. The baseline in the same run is a bare pass over the chars
//! (`chars().count()`), the floor of any scan.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use wenxi::repair::Repairer;

/// About 2 MB of clean Chinese prose: the bundled article (less its garbled line), repeated.
fn clean_prose() -> String {
    let article = include_str!("../corpus/000_19b1e827103f711d.txt");
    let block: String = article
        .lines()
        .enumerate()
        .filter(|(i, _)| *i != 107)
        .map(|(_, l)| format!("{l}\n"))
        .collect();
    block.repeat((2_000_000 / block.len()).max(1))
}

/// About 1 MB of hard clean text: the clean fixture sentences (rare and classical characters,
/// traditional Chinese, Cantonese, other scripts, code and logs), repeated.
fn clean_hard() -> String {
    let fixture = include_str!("../tests/data/clean_sentences.txt");
    let block: String = fixture
        .lines()
        .filter(|l| !l.starts_with("# "))
        .map(|l| format!("{l}\n"))
        .collect();
    block.repeat((1_000_000 / block.len()).max(1))
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
    let prose = clean_prose();
    let hard = clean_hard();
    let garbled = one_percent_garbled(&prose);
    assert_eq!(repairer.repair(&prose).text, prose, "clean text changed");
    assert_eq!(repairer.repair(&hard).text, hard, "clean text changed");
    let mut g = c.benchmark_group("repair");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(prose.len() as u64));
    g.bench_function("baseline_chars_count", |b| {
        b.iter(|| black_box(&prose).chars().count())
    });
    g.bench_function("clean_prose", |b| {
        b.iter(|| repairer.repair(black_box(&prose)))
    });
    g.throughput(Throughput::Bytes(garbled.len() as u64));
    g.bench_function("garbled_1pct", |b| {
        b.iter(|| repairer.repair(black_box(&garbled)))
    });
    g.throughput(Throughput::Bytes(hard.len() as u64));
    g.bench_function("clean_hard", |b| {
        b.iter(|| repairer.repair(black_box(&hard)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
