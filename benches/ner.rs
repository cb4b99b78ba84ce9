//! Entity tagging throughput on one thread: sentence splitting, [`Sentence`] building
//! (normalisation and jieba), feature extraction and Viterbi search, over the bundled
//! article repeated to about 300 KB.
//!
//! `cargo bench --bench ner`. The model is the shipped one (`models/ner.bin`), or the file
//! named by `WENXI_NER_MODEL`. Reading the model from its bytes is timed too. With
//! `WENXI_NER_LSTM` naming a stacked LSTM model file, that model's tagging (`ner_lstm/tag`,
//! over a tenth of the text: it is slow) and loading are timed as well.
//!
//! Baselines in the same run: jieba's bare cut of the text (`jieba_cut`) and the building of
//! the sentences alone (`sentences`: split, normalise, jieba with tags, as every model's
//! input).

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use wenxi::ner::model::{LstmModel, PerceptronModel, Sentence, find_entities};
use wenxi::segment::{Segmenter, split_sentences};

/// About 300 KB of Chinese prose: the bundled article, repeated.
fn text() -> String {
    let article = include_str!("../corpus/000_19b1e827103f711d.txt");
    article.repeat((300_000 / article.len()).max(1))
}

/// The model to time, and the bytes it is read from.
fn model() -> (PerceptronModel, Vec<u8>) {
    let bytes = match std::env::var_os("WENXI_NER_MODEL").map(PathBuf::from) {
        Some(path) => std::fs::read(&path).expect("read WENXI_NER_MODEL"),
        None => include_bytes!("../models/ner.bin").to_vec(),
    };
    let model = PerceptronModel::from_bytes("model", &bytes).expect("a model file");
    (model, bytes)
}

fn bench(c: &mut Criterion) {
    let segmenter = Segmenter::new();
    let (model, bytes) = model();
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
    let mut g = c.benchmark_group("ner_load");
    g.sample_size(10);
    g.bench_function("load", |b| {
        b.iter(|| PerceptronModel::from_bytes("model", black_box(&bytes)).expect("load"))
    });
    g.finish();
    if let Some(path) = std::env::var_os("WENXI_NER_LSTM") {
        let bytes = std::fs::read(&path).expect("read WENXI_NER_LSTM");
        let lstm = LstmModel::from_bytes("lstm", &bytes).expect("an LSTM model file");
        let cut = text
            .char_indices()
            .nth(chars.len() / 10)
            .map_or(text.len(), |(i, _)| i);
        let short = &text[..cut];
        let mut g = c.benchmark_group("ner_lstm");
        g.sample_size(10);
        g.throughput(Throughput::Bytes(short.len() as u64));
        g.bench_function("tag", |b| {
            b.iter(|| find_entities(&lstm, &segmenter, black_box(short)).len())
        });
        g.bench_function("tag_base", |b| {
            b.iter(|| find_entities(lstm.base(), &segmenter, black_box(short)).len())
        });
        g.finish();
        let mut g = c.benchmark_group("ner_lstm_load");
        g.sample_size(10);
        g.bench_function("load", |b| {
            b.iter(|| LstmModel::from_bytes("lstm", black_box(&bytes)).expect("load"))
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
