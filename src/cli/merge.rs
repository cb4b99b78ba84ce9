//! `wenxi merge`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use wenxi::batch::write_atomic;
use wenxi::report::{Partial, to_json};

/// Merge the partial counts of runs over shards into one corpus.json.
///
/// Each FILE is what `wenxi analyze --partial FILE` wrote (`"schema": "wenxi.partial/1"`).
/// They are merged, in any order, into `<OUT>/corpus.json`: the same file that one
/// `wenxi analyze` over all the shards writes (provided the shards' report names do not
/// collide and they were analysed with the same options). The exit code is 1 when any
/// shard recorded a failure.
///
/// Examples:
///
///   wenxi analyze a/ --out out/a --partial a.partial.json
///
///   wenxi analyze b/ --out out/b --partial b.partial.json
///
///   wenxi merge a.partial.json b.partial.json --out out/
///
///   wenxi merge shards/*.partial.json --out out/ --partial all.partial.json
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct MergeArgs {
    /// Partial counts written by `wenxi analyze --partial`
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,

    /// Directory for corpus.json (created if missing)
    #[arg(long, short, value_name = "DIR", default_value = "reports")]
    out: PathBuf,

    /// Also write the merged counts in full to FILE (to merge again later)
    #[arg(long, value_name = "FILE")]
    partial: Option<PathBuf>,

    /// Print nothing but errors
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(args: MergeArgs) -> anyhow::Result<ExitCode> {
    let mut merged = Partial::new();
    for file in &args.files {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("{}: cannot read", file.display()))?;
        merged.merge(Partial::from_json(&file.display().to_string(), &text)?);
    }
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("{}: cannot write", args.out.display()))?;
    let corpus = merged.to_corpus();
    write_atomic(&args.out.join("corpus.json"), to_json(&corpus)?.as_bytes())?;
    if let Some(path) = &args.partial {
        write_atomic(path, merged.to_json()?.as_bytes())?;
    }
    if !args.quiet {
        let t = &corpus.totals;
        eprintln!(
            "wenxi: {} partial(s) merged: {} document(s), {} failed; corpus.json in {}",
            args.files.len(),
            t.documents,
            t.failed,
            args.out.display()
        );
    }
    Ok(if corpus.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
