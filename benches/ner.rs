//! Entity tagging throughput on one thread: sentence splitting, [`Sentence`] building
//! (normalisation and jieba), feature extraction and Viterbi search, over the bundled
//! article repeated to about 300 KB.
//!
//! `cargo bench --bench ner`. The model is the file named by `WENXI_NER_MODEL` (e.g. one
//! trained on `../shared/data/ner/msra/train.txt` into `target/ner/`); without it, a model
//! trained on `tests/data/ner_tiny.txt`, whose small weight table makes tagging look
//! faster than with a real model. With a model file, its loading is timed too.
//!
//! Baselines in the same run: jieba's bare cut of the text (`jieba_cut`) and the building of
//! the sentences alone (`sentences`: split, normalise, jieba with tags, as every model's
//! input).

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use wenxi::ner::model::{PerceptronModel, Sentence, TrainConfig, find_entities, parse_bio};
use wenxi::segment::{Segmenter, split_sentences};

/// About 300 KB of Chinese prose: the bundled article, repeated.
fn text() -> String {
    let article = include_str!("../corpus/000_19b1e827103f711d.txt");
    article.repeat((300_000 / article.len()).max(1))
}

fn model(segmenter: &Segmenter) -> (PerceptronModel, Option<PathBuf>) {
    if let Some(path) = std::env::var_os("WENXI_NER_MODEL").map(PathBuf::from) {
        let model = PerceptronModel::load(&path).expect("load WENXI_NER_MODEL");
        return (model, Some(path));
    }
    eprintln!("ner bench: no WENXI_NER_MODEL, using a model of tests/data/ner_tiny.txt");
    let fixture = include_str!("../tests/data/ner_tiny.txt");
    let sentences = parse_bio("ner_tiny.txt", fixture).expect("fixture");
    let config = TrainConfig {
        folds: 2,
        ..TrainConfig::default()
    };
    let model = PerceptronModel::train(&sentences, segmenter, &config).expect("train");
    (model, None)
}

fn bench(c: &mut Criterion) {
    let segmenter = Segmenter::new();
    let (model, path) = model(&segmenter);
    let text = text();
    let chars: Vec<char> = text.chars().collect();
    let spans = split_sentences(&text);
    let mut g = c.benchmark_group("ner");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("jieba_cut", |b| {
        b.iter(|| segmenter.jieba().cut(black_box(&text), true).len())
    });
    g.bench_function("sentences", |b| {
        b.iter(|| {
            spans
                .iter()
                .map(|s| Sentence::new(&chars[s.start..s.end], &segmenter).len())
                .sum::<usize>()
        })
    });
    g.bench_function("tag", |b| {
        b.iter(|| find_entities(&model, &segmenter, black_box(&text)).len())
    });
    g.finish();
    if let Some(path) = path {
        let mut g = c.benchmark_group("ner_load");
        g.sample_size(10);
        g.bench_function("load", |b| {
            b.iter(|| PerceptronModel::load(&path).expect("load"))
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
