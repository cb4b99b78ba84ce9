//! `wenxi eval-ner`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::{Args, ValueEnum};
use serde_json::{Value, json};

use super::common::load_model;
use std::sync::Arc;
use wenxi::ner::model::{EntityModel, JiebaPos, Scores, Sentence, parse_bio};
use wenxi::ner::{ModelMerge, RulesTagger};
use wenxi::segment::Segmenter;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A table per file.
    Text,
    /// One JSON object.
    Json,
}

/// Which tagger is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Tagger {
    /// The trained model (--model).
    Model,
    /// The baseline: jieba's tags nr/nrt/nrfg → PER, ns → LOC, nt → ORG.
    Jieba,
    /// wenxi's lexicons and rules alone (what `analyze` reports without a model).
    Rules,
    /// The rules with the model's mentions where no rule found anything.
    RulesFill,
    /// The rules and the model's mentions competing, longest first (`analyze`'s way).
    RulesCompete,
    /// The model's mentions, and the rules' where the model found nothing.
    RulesPrefer,
}

/// Score the entity model on gold char-BIO files.
///
/// Each GOLD file is tagged and scored at entity level: an entity is correct when its span
/// and type are exactly those of a gold entity. Prints precision, recall and F1 for PER,
/// LOC and ORG and overall (micro average), per file and, with several files, for all
/// together. Gold labels of CLUENER, Weibo and Resume are mapped onto PER/LOC/ORG as
/// `wenxi train-ner` maps them.
///
/// Examples:
///
///   wenxi eval-ner ../shared/data/ner/msra/dev.txt --model models/ner.bin
///
///   wenxi eval-ner --tagger jieba ../shared/data/ner/*/dev.txt --format json
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct EvalNerArgs {
    /// Gold char-BIO files
    #[arg(value_name = "GOLD", required = true)]
    files: Vec<PathBuf>,

    /// A model file: from `wenxi train-ner`, or a stacked LSTM model from
    /// `scripts/train_lstm_ner.py` (slower, more accurate) [default: the shipped model]
    #[arg(long, short, value_name = "FILE")]
    model: Option<PathBuf>,

    /// What to score
    #[arg(long, value_enum, default_value_t = Tagger::Model)]
    tagger: Tagger,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

struct FileScore {
    name: String,
    scores: Scores,
    chars: usize,
    seconds: f64,
}

pub fn run(args: EvalNerArgs) -> anyhow::Result<ExitCode> {
    let load = || load_model(args.model.as_deref());
    let model: Arc<dyn EntityModel> = match args.tagger {
        Tagger::Model => load()?,
        Tagger::Jieba => Arc::new(JiebaPos),
        Tagger::Rules => Arc::new(RulesTagger::new(None, ModelMerge::Fill)),
        Tagger::RulesFill => Arc::new(RulesTagger::new(Some(load()?), ModelMerge::Fill)),
        Tagger::RulesCompete => Arc::new(RulesTagger::new(Some(load()?), ModelMerge::Compete)),
        Tagger::RulesPrefer => Arc::new(RulesTagger::new(Some(load()?), ModelMerge::Prefer)),
    };
    let segmenter = Segmenter::new();
    let mut results = Vec::new();
    for file in &args.files {
        let name = file.display().to_string();
        let text = std::fs::read_to_string(file).with_context(|| format!("{name}: cannot read"))?;
        let gold = parse_bio(&name, &text)?;
        let started = Instant::now();
        let mut scores = Scores::new();
        let mut chars = 0;
        for s in &gold {
            let predicted = model.tag(&Sentence::new(&s.chars, &segmenter));
            scores.add(&s.tags, &predicted);
            chars += s.chars.len();
        }
        results.push(FileScore {
            name,
            scores,
            chars,
            seconds: started.elapsed().as_secs_f64(),
        });
    }
    let mut total = Scores::new();
    for r in &results {
        total.merge(&r.scores);
    }
    match args.format {
        Format::Json => {
            let files: Vec<Value> = results
                .iter()
                .map(|r| {
                    json!({
                        "path": r.name,
                        "chars": r.chars,
                        "seconds": round(r.seconds),
                        "scores": scores_json(&r.scores),
                    })
                })
                .collect();
            let v = json!({
                "tagger": model.name(),
                "files": files,
                "total": scores_json(&total),
            });
            println!("{}", serde_json::to_string_pretty(&v)?);
        }
        Format::Text => {
            for r in &results {
                println!(
                    "{} ({} chars, tagged by {} in {:.1} s, {:.0} chars/s)",
                    r.name,
                    r.chars,
                    model.name(),
                    r.seconds,
                    r.chars as f64 / r.seconds.max(1e-9)
                );
                print_table(&r.scores);
            }
            if results.len() > 1 {
                println!("all files");
                print_table(&total);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn counts_json(c: wenxi::ner::model::Counts) -> Value {
    json!({
        "gold": c.gold,
        "predicted": c.predicted,
        "correct": c.correct,
        "precision": round(c.precision()),
        "recall": round(c.recall()),
        "f1": round(c.f1()),
    })
}

fn scores_json(s: &Scores) -> Value {
    let mut m = serde_json::Map::new();
    for (kind, c) in s.types() {
        m.insert(kind.as_str().to_owned(), counts_json(c));
    }
    m.insert("overall".to_owned(), counts_json(s.overall()));
    Value::Object(m)
}

fn print_table(s: &Scores) {
    println!(
        "  {:<8} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7}",
        "type", "gold", "found", "correct", "P", "R", "F1"
    );
    let rows = s
        .types()
        .map(|(k, c)| (k.as_str(), c))
        .chain(std::iter::once(("overall", s.overall())));
    for (name, c) in rows {
        println!(
            "  {:<8} {:>7} {:>7} {:>7} {:>7.4} {:>7.4} {:>7.4}",
            name,
            c.gold,
            c.predicted,
            c.correct,
            c.precision(),
            c.recall(),
            c.f1()
        );
    }
}
