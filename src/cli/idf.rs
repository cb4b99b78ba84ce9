//! `wenxi idf`.

use std::path::PathBuf;
use std::process::ExitCode;

use super::common::{TextArgs, set_threads};
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

    #[command(flatten)]
    text: TextArgs,

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
    set_threads(args.threads)?;
    let config = Config {
        terms: args.text.terms(TermsConfig::default().top_n),
        no_repair: args.text.no_repair,
        emit_tokens: false,
        ..Config::default()
    };
    let mut pipeline = Pipeline::new(config);
    args.text.load_user_dicts(&mut pipeline)?;
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
