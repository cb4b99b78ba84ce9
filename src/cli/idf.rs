//! `wenxi idf`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use wenxi::batch::{self, JsonlOptions, idf::document_frequencies};
use wenxi::terms::TermsConfig;
use wenxi::{Config, Pipeline};

/// Build an IDF table from a corpus, for `wenxi analyze --idf`.
///
/// Inputs are read as `wenxi analyze` reads them (directories, `-`, `*.gz`/`*.zst`, JSON
/// Lines). Each document's words are its candidate terms (repaired, segmented, and filtered
/// as terms are). The IDF of a word is ln(N / df), N the number of documents and df the
/// number that hold the word, as in jieba's table. FILE gets `word idf` per line, sorted by
/// word. Inputs that cannot be read are named on stderr and the exit code is 1.
///
/// Example:
///
///   wenxi idf news/ --out news.idf.txt && wenxi analyze news/ --idf news.idf.txt
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct IdfArgs {
    /// Files or directories to count
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,

    /// Where to write the table (`word idf` per line)
    #[arg(long, short, value_name = "FILE")]
    out: PathBuf,

    /// A user dictionary in jieba's format; may be repeated
    #[arg(long, value_name = "FILE")]
    user_dict: Vec<PathBuf>,

    /// Keep stopwords
    #[arg(long)]
    keep_stopwords: bool,

    /// Keep bare numbers
    #[arg(long)]
    keep_numbers: bool,

    /// Shortest word counted, in chars
    #[arg(long, value_name = "N", default_value_t = 2)]
    min_chars: usize,

    /// Do not repair mojibake
    #[arg(long)]
    no_repair: bool,

    /// Read every input file as JSON Lines (without it, only `*.jsonl` files)
    #[arg(long)]
    jsonl: bool,

    /// The JSON Lines member holding the text
    #[arg(long, value_name = "NAME", default_value = "text")]
    field: String,

    /// Documents read per chunk
    #[arg(long, value_name = "N", default_value_t = batch::DEFAULT_CHUNK)]
    chunk: usize,

    /// Worker threads [default: all cores]
    #[arg(long, value_name = "N")]
    threads: Option<usize>,

    /// Print nothing but errors
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(args: IdfArgs) -> anyhow::Result<ExitCode> {
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
            ..TermsConfig::default()
        },
        no_repair: args.no_repair,
        emit_tokens: false,
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
    let jsonl = JsonlOptions {
        all: args.jsonl,
        field: args.field,
        ..JsonlOptions::default()
    };
    let freqs = document_frequencies(&pipeline, &args.paths, &jsonl, args.chunk);
    batch::write_atomic(&args.out, freqs.to_table().as_bytes())?;
    for f in &freqs.failures {
        eprintln!("wenxi: {}: {}", f.path, f.error);
    }
    if !args.quiet {
        eprintln!(
            "wenxi: {} document(s) counted, {} failed, {} word(s); IDF table in {}",
            freqs.documents,
            freqs.failures.len(),
            freqs.df.len(),
            args.out.display()
        );
    }
    Ok(if freqs.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
