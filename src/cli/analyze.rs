//! `wenxi analyze`.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use super::common::{TextArgs, set_threads};
use anyhow::Context;
use clap::{Args, ValueEnum};

use wenxi::batch::{self, JsonlOptions, Options};
use wenxi::ner::ModelMerge;
use wenxi::resources::IdfTable;
use wenxi::{Config, Pipeline};

/// Analyse documents into JSON reports.
///
/// Each input file (directories are walked recursively; a quoted glob such as
/// `'corpus/**/*.txt'` is expanded) is decoded (any encoding: BOM,
/// UTF-8, or detected GBK/GB18030, Big5, Shift_JIS, EUC-KR, windows-125x, ...), repaired
/// (mojibake), segmented, and searched for entities, terms and keywords. One report per
/// document, `<OUT>/<name>.json`, and a summary, `<OUT>/corpus.json`, are written atomically.
///
/// With no PATH, analyses `corpus/` into `reports/`. `-` reads one document (or, with
/// --jsonl, JSON Lines) from stdin. `*.gz` and `*.zst` files are decompressed first
/// (`x.jsonl.gz` is JSON Lines); a corrupt one is a failure.
///
/// A `*.jsonl` file (every file, with --jsonl) is read as JSON Lines: each line is one
/// document, its text in the member named by --field and its id in the one named by
/// --id-field. Line N of FILE is reported as `FILE:N` and its report is `<stem>.N.json`.
///
/// Inputs that cannot be read or are binary, and malformed JSON Lines records, are named on
/// stderr and in corpus.json's `failures`; the others are still analysed, and the exit code
/// is 1.
///
/// Documents are analysed in chunks, so memory does not grow with the corpus, and the
/// output is the same whatever the number of threads. `--partial` writes the run's
/// corpus-level counts in full; `wenxi merge` combines the partials of runs over shards
/// into the corpus.json of one run over them all.
///
/// Examples:
///
///   wenxi analyze                          # corpus/ -> reports/
///
///   wenxi analyze news/ --out out/ --top 30
///
///   wenxi analyze a.txt --user-dict names.txt --keep-stopwords
///
///   wenxi analyze posts.jsonl --field body --id-field post_id --jsonl-out out/posts.jsonl
///
///   wenxi analyze dump.txt --jsonl --jsonl-out - --out summary/ | jq .source.id
///
///   wenxi analyze shard1/ --out out1/ --partial shard1.partial.json --threads 4
///
///   wenxi analyze big/ --out out/ --resume        # after an interrupted run
///
///   zcat dump.jsonl.gz | wenxi analyze - --jsonl --jsonl-out out.jsonl
///
///   wenxi analyze news/ --emit tokens --idf news.idf.txt
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct AnalyzeArgs {
    /// Files, directories or glob patterns to analyse [default: corpus]
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Directory for the reports (created if missing)
    #[arg(long, short, value_name = "DIR", default_value = "reports")]
    out: PathBuf,

    /// How many terms and keywords to report per document
    #[arg(long, value_name = "N", default_value_t = 20)]
    top: usize,

    #[command(flatten)]
    text: TextArgs,

    /// Read every input file as JSON Lines (without it, only `*.jsonl` files)
    #[arg(long)]
    jsonl: bool,

    /// The JSON Lines member holding the text
    #[arg(long, value_name = "NAME", default_value = "text")]
    field: String,

    /// The JSON Lines member holding the document's id (without one: `FILE:LINE`)
    #[arg(long, value_name = "NAME", default_value = "id")]
    id_field: String,

    /// Write the document reports as one JSON Lines stream (compact, one per line, in input
    /// order) to FILE, or to stdout with `-`, instead of one file each; corpus.json still
    /// goes to --out
    #[arg(long, value_name = "FILE")]
    jsonl_out: Option<PathBuf>,

    /// Also write this run's corpus-level counts in full (`wenxi.partial/1`) to FILE, for
    /// `wenxi merge`
    #[arg(long, value_name = "FILE")]
    partial: Option<PathBuf>,

    /// Reuse the report of a document whose `<OUT>/<name>.json` already exists and parses,
    /// instead of analysing it again (not with --jsonl-out)
    #[arg(long, conflicts_with = "jsonl_out")]
    resume: bool,

    /// Documents analysed per chunk (memory holds one chunk of reports)
    #[arg(long, value_name = "N", default_value_t = batch::DEFAULT_CHUNK)]
    chunk: usize,

    /// Also write this into each report: `tokens` (every word, with char offsets into the
    /// repaired text and its part-of-speech tag); may be repeated
    #[arg(long, value_name = "WHAT", value_enum)]
    emit: Vec<Emit>,

    /// An IDF table in jieba's format (`word idf` per line, e.g. from `wenxi idf`) for the
    /// TF-IDF keywords, instead of jieba's; unknown words get the table's median
    #[arg(long, value_name = "FILE")]
    idf: Option<PathBuf>,

    /// An entity model to use instead of the shipped one: from `wenxi train-ner`, or a
    /// stacked LSTM model from `scripts/train_lstm_ner.py`
    #[arg(long, value_name = "FILE", conflicts_with = "rules_only")]
    ner_model: Option<PathBuf>,

    /// Find people, places and organisations with the lexicons and rules only, without the
    /// entity model
    #[arg(long)]
    rules_only: bool,

    /// How the model's names join the rules'
    #[arg(long, value_name = "HOW", value_enum, default_value_t = Merge::Compete)]
    ner_merge: Merge,

    /// Worker threads [default: all cores]
    #[arg(long, value_name = "N")]
    threads: Option<usize>,

    /// Print nothing but errors
    #[arg(long, short)]
    quiet: bool,
}

/// How a model's names join the rules' (`--ner-merge`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Merge {
    /// The model adds names only where the rules found none.
    Fill,
    /// Model and rules compete, longest first.
    Compete,
    /// The model decides where it finds a name; the rules fill in elsewhere.
    Prefer,
}

impl From<Merge> for ModelMerge {
    fn from(m: Merge) -> Self {
        match m {
            Merge::Fill => ModelMerge::Fill,
            Merge::Compete => ModelMerge::Compete,
            Merge::Prefer => ModelMerge::Prefer,
        }
    }
}

/// What `--emit` adds to each report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Emit {
    /// The words of the segmentation (`tokens`).
    Tokens,
}

/// Read an IDF table in jieba's format.
pub(crate) fn load_idf(path: &std::path::Path) -> anyhow::Result<IdfTable> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read IDF table", path.display()))?;
    let table = IdfTable::parse_owned(text);
    anyhow::ensure!(
        !table.idf.is_empty(),
        "{}: no `word idf` line in the IDF table",
        path.display()
    );
    Ok(table)
}

pub fn run(args: AnalyzeArgs) -> anyhow::Result<ExitCode> {
    set_threads(args.threads)?;
    let config = Config {
        terms: args.text.terms(args.top),
        no_repair: args.text.no_repair,
        emit_tokens: args.emit.contains(&Emit::Tokens),
        ner_merge: args.ner_merge.into(),
        rules_only: args.rules_only,
    };
    let mut pipeline = Pipeline::new(config);
    if let Some(path) = &args.ner_model {
        pipeline.set_entity_model(super::common::load_model(Some(path))?);
    }
    if let Some(path) = &args.idf {
        pipeline.set_idf(Arc::new(load_idf(path)?));
    }
    args.text.load_user_dicts(&mut pipeline)?;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("corpus")]
    } else {
        args.paths
    };
    let opts = Options {
        out: args.out.clone(),
        jsonl: JsonlOptions {
            all: args.jsonl,
            field: args.field,
            id_field: args.id_field,
        },
        jsonl_out: args.jsonl_out.clone(),
        chunk: args.chunk.max(1),
        resume: args.resume,
    };
    // a progress line on a terminal only: documents, failures, bytes and their rates
    let bar = if !args.quiet && std::io::stderr().is_terminal() {
        let bar = ProgressBar::new_spinner();
        bar.enable_steady_tick(std::time::Duration::from_millis(200));
        bar
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} wenxi: {msg}, {decimal_bytes} ({decimal_bytes_per_sec}), {elapsed}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.set_message("0 documents");
    let started = std::time::Instant::now();
    let mut progress = |p: batch::Progress| {
        let secs = started.elapsed().as_secs_f64().max(1e-3);
        bar.set_message(format!(
            "{} documents ({:.0}/s), {} failed",
            p.documents,
            p.documents as f64 / secs,
            p.failed
        ));
        bar.set_position(p.bytes as u64);
    };
    let outcome = batch::run_progress(&pipeline, &paths, &opts, &mut progress);
    bar.finish_and_clear();
    let outcome = outcome?;
    if let Some(path) = &args.partial {
        batch::write_atomic(path, outcome.partial.to_json()?.as_bytes())?;
    }
    for f in &outcome.corpus.failures {
        eprintln!("wenxi: {}: {}", f.path, f.error);
    }
    if !args.quiet {
        let t = &outcome.corpus.totals;
        let reports = match &args.jsonl_out {
            Some(p) if p.as_os_str() == "-" => "on stdout".to_owned(),
            Some(p) => format!("in {}", p.display()),
            None => format!("in {}", args.out.display()),
        };
        let resumed = if outcome.resumed > 0 {
            format!(" ({} reused)", outcome.resumed)
        } else {
            String::new()
        };
        eprintln!(
            "wenxi: {} document(s) analysed{resumed}, {} failed, {} repair(s); reports {reports}",
            t.documents, t.failed, t.repairs,
        );
    }
    Ok(if outcome.has_failures() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
