//! `wenxi analyze`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use wenxi::terms::TermsConfig;
use wenxi::{Config, Pipeline, batch};

/// Analyse documents into JSON reports.
///
/// Each input file (directories are walked recursively) is decoded (any encoding: BOM,
/// UTF-8, or detected GBK/GB18030, Big5, Shift_JIS, EUC-KR, windows-125x, ...), repaired
/// (mojibake), segmented, and searched for entities, terms and keywords. One report per
/// document, `<OUT>/<name>.json`, and a summary, `<OUT>/corpus.json`, are written atomically.
///
/// With no PATH, analyses `corpus/` into `reports/`.
///
/// Inputs that cannot be read or are binary are named on stderr and in corpus.json's
/// `failures`; the others are still analysed, and the exit code is 1.
///
/// Examples:
///
///   wenxi analyze                          # corpus/ -> reports/
///
///   wenxi analyze news/ --out out/ --top 30
///
///   wenxi analyze a.txt --user-dict names.txt --keep-stopwords
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct AnalyzeArgs {
    /// Files or directories to analyse [default: corpus]
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Directory for the reports (created if missing)
    #[arg(long, short, value_name = "DIR", default_value = "reports")]
    out: PathBuf,

    /// How many terms and keywords to report per document
    #[arg(long, value_name = "N", default_value_t = 20)]
    top: usize,

    /// A user dictionary in jieba's format (`word [freq] [pos]` per line); may be repeated
    #[arg(long, value_name = "FILE")]
    user_dict: Vec<PathBuf>,

    /// Keep stopwords in term counts and keywords
    #[arg(long)]
    keep_stopwords: bool,

    /// Keep bare numbers in term counts and keywords
    #[arg(long)]
    keep_numbers: bool,

    /// Shortest term counted, in chars
    #[arg(long, value_name = "N", default_value_t = 2)]
    min_chars: usize,

    /// Do not repair mojibake (analyse the decoded text as is)
    #[arg(long)]
    no_repair: bool,

    /// Worker threads [default: all cores]
    #[arg(long, value_name = "N")]
    threads: Option<usize>,

    /// Print nothing but errors
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(args: AnalyzeArgs) -> anyhow::Result<ExitCode> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("cannot set up worker threads")?;
    }
    let config = Config {
        terms: TermsConfig {
            stopwords: !args.keep_stopwords,
            drop_numbers: !args.keep_numbers,
            min_chars: args.min_chars.max(1),
            top_n: args.top,
            ..TermsConfig::default()
        },
        no_repair: args.no_repair,
    };
    let mut pipeline = Pipeline::new(config);
    for dict in &args.user_dict {
        let file = std::fs::File::open(dict)
            .with_context(|| format!("{}: cannot open user dictionary", dict.display()))?;
        pipeline.segmenter_mut().load_user_dict(
            &dict.display().to_string(),
            &mut std::io::BufReader::new(file),
        )?;
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("corpus")]
    } else {
        args.paths
    };
    let outcome = batch::run(&pipeline, &paths, &args.out)?;
    for f in &outcome.corpus.failures {
        eprintln!("wenxi: {}: {}", f.path, f.error);
    }
    if !args.quiet {
        let t = &outcome.corpus.totals;
        eprintln!(
            "wenxi: {} document(s) analysed, {} failed, {} repair(s); reports in {}",
            t.documents,
            t.failed,
            t.repairs,
            args.out.display()
        );
    }
    Ok(if outcome.has_failures() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
