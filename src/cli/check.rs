//! `wenxi check`: a lint for text files.
//!
//! Text output: one line per finding on stdout, `path:line:col: kind: message` (line and
//! column 1-based, the column counted in chars), then, when something was found, a summary
//! on stderr. A clean run prints nothing.
//!
//! `--format json` writes one JSON object on stdout (schema `wenxi.check/1`, published as
//! `schema/check.schema.json`), also when nothing was found:
//!
//! ```json
//! {"schema": "wenxi.check/1", "files": 1,
//!  "findings": [{"path": "corpus/a.txt", "line": 108, "col": 52, "kind": "gbk-misaligned",
//!                "message": "garbled text … (30 chars); suggested repair … (confidence 1.000)",
//!                "text": "岢晒Α…", "suggestion": "会成功…", "confidence": 1.0,
//!                "start": 3297, "end": 3327, "byte_start": 9350, "byte_end": 9439}],
//!  "failures": [{"path": "missing.txt", "error": "no such file or directory"}],
//!  "skipped": [{"path": "dir/logo.png", "reason": "binary file (NUL byte at offset 8)"}]}
//! ```
//!
//! `start`/`end` are char offsets into the decoded text; `byte_start`/`byte_end` are byte
//! offsets into the file. `suggestion` and `confidence` are `null` when there is no
//! suggested repair. `files` counts the files checked (not failed, not skipped).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};
use rayon::prelude::*;
use serde::Serialize;

use wenxi::batch::expand_inputs;
use wenxi::check::{Checker, Finding};

/// The JSON output's schema name and version.
const CHECK_SCHEMA: &str = "wenxi.check/1";

/// Lint text files for garbled text (mojibake) and encoding trouble.
///
/// Checks each FILE, and every file under each directory (recursively, in sorted order,
/// hidden entries skipped). Files in any encoding are read (BOM, UTF-8, GBK/GB18030, Big5,
/// Shift_JIS, EUC-KR, windows-125x, ...). Prints one line per finding:
///
///   path:line:col: kind: message
///
/// Lines and columns are 1-based; columns count characters, not bytes. Where wenxi can
/// repair the garbled text, the message ends with the suggested repair and its confidence.
/// Nothing is changed on disk (`wenxi repair` writes repaired text).
///
/// What is reported (kind: meaning):
///
///   gbk-misaligned, utf8-as-gbk, utf8-as-cp1252, gbk-as-big5, ... (the repair kinds)
///                      garbled text (mojibake) with a suggested repair
///   replacement-char   U+FFFD: the bytes it stands for were lost; no repair possible
///   kunjinkao          锟斤拷: U+FFFD written out in GBK and read back; no repair possible
///   private-use        private-use characters (U+E000-U+F8FF, planes 15-16), outside
///                      repaired text
///   control-char       control characters other than tab, newline, CR and form feed
///   malformed          byte sequences malformed in the file's encoding (bytes named)
///   mixed-encoding     a stretch of the file in another encoding than the rest, e.g. GBK
///                      lines in a UTF-8 file (one finding per stretch)
///
/// Binary files given by name cannot be checked (exit code 2); binary files found while
/// walking a directory are skipped with a note on stderr.
///
/// With --format json, one JSON object is written instead: {"schema": "wenxi.check/1",
/// "files", "findings": [{path, line, col, kind, message, text, suggestion, confidence,
/// start, end, byte_start, byte_end}], "failures": [{path, error}], "skipped": [{path,
/// reason}]}. start/end are char offsets into the decoded text, byte_start/byte_end byte
/// offsets into the file; suggestion and confidence are null without a repair. See
/// schema/check.schema.json.
///
/// Exit codes:
///
///   0  nothing found
///   1  something found
///   2  an input could not be checked (missing, unreadable, or a binary file given by
///      name); the other inputs are still checked
///
/// Examples:
///
///   wenxi check corpus/
///
///   wenxi check notes.txt --format json | jq '.findings[] | select(.suggestion)'
///
///   wenxi check docs/ || echo "garbled text found"
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct CheckArgs {
    /// Files or directories to check
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,

    /// Worker threads [default: all cores]
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
}

/// How findings are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// `path:line:col: kind: message` lines
    Text,
    /// One JSON object (schema/check.schema.json)
    Json,
}

/// One finding with its file.
#[derive(Debug, Serialize)]
struct Entry<'a> {
    path: &'a str,
    #[serde(flatten)]
    finding: &'a Finding,
}

/// An input that could not be checked.
#[derive(Debug, Serialize)]
struct Failure {
    path: String,
    error: String,
}

/// A file found in a directory and skipped.
#[derive(Debug, Serialize)]
struct Skipped {
    path: String,
    reason: String,
}

/// The JSON output.
#[derive(Debug, Serialize)]
struct Output<'a> {
    schema: &'static str,
    files: usize,
    findings: Vec<Entry<'a>>,
    failures: Vec<Failure>,
    skipped: Vec<Skipped>,
}

/// What became of one input file.
enum Outcome {
    Checked(Vec<Finding>),
    Failed(String),
    Skipped(String),
}

pub fn run(args: CheckArgs) -> anyhow::Result<ExitCode> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("cannot set up worker threads")?;
    }
    let (inputs, missing) = expand_inputs(&args.paths);
    let checker = Checker::new();
    let outcomes: Vec<Outcome> = inputs
        .par_iter()
        .map(|input| {
            let named = args.paths.contains(&input.path);
            let bytes = match std::fs::read(&input.path) {
                Ok(b) => b,
                Err(e) => return Outcome::Failed(format!("cannot read: {e}")),
            };
            match checker.check_bytes(&bytes) {
                Ok(checked) => Outcome::Checked(checked.findings),
                Err(e) if named => Outcome::Failed(format!("binary file ({}), not text", e.reason)),
                Err(e) => Outcome::Skipped(format!("binary file ({})", e.reason)),
            }
        })
        .collect();

    // Everything in input order: failures of missing paths sit among the files.
    let mut failures: Vec<(usize, Failure)> = missing
        .into_iter()
        .map(|(order, f)| {
            (
                order,
                Failure {
                    path: f.path,
                    error: f.error,
                },
            )
        })
        .collect();
    let mut skipped = Vec::new();
    let mut findings = Vec::new();
    let mut files = 0;
    let mut files_with_findings = 0;
    for (input, outcome) in inputs.iter().zip(&outcomes) {
        match outcome {
            Outcome::Checked(found) => {
                files += 1;
                files_with_findings += usize::from(!found.is_empty());
                findings.extend(found.iter().map(|finding| Entry {
                    path: &input.display,
                    finding,
                }));
            }
            Outcome::Failed(error) => failures.push((
                input.order,
                Failure {
                    path: input.display.clone(),
                    error: error.clone(),
                },
            )),
            Outcome::Skipped(reason) => skipped.push(Skipped {
                path: input.display.clone(),
                reason: reason.clone(),
            }),
        }
    }
    failures.sort_by_key(|(order, _)| *order);
    let failures: Vec<Failure> = failures.into_iter().map(|(_, f)| f).collect();

    for s in &skipped {
        eprintln!("wenxi: note: {}: skipped, {}", s.path, s.reason);
    }
    for f in &failures {
        eprintln!("wenxi: {}: {}", f.path, f.error);
    }
    let code = exit_code(findings.len(), failures.len());
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Text => {
            for e in &findings {
                let f = e.finding;
                writeln!(
                    out,
                    "{}:{}:{}: {}: {}",
                    e.path, f.line, f.col, f.kind, f.message
                )
                .context("cannot write to stdout")?;
            }
            out.flush().context("cannot write to stdout")?;
            if !findings.is_empty() {
                eprintln!(
                    "wenxi: {} finding(s) in {files_with_findings} of {files} file(s) checked",
                    findings.len()
                );
            }
        }
        Format::Json => {
            let output = Output {
                schema: CHECK_SCHEMA,
                files,
                findings,
                failures,
                skipped,
            };
            serde_json::to_writer_pretty(&mut out, &output).context("cannot write to stdout")?;
            writeln!(out).context("cannot write to stdout")?;
            out.flush().context("cannot write to stdout")?;
        }
    }
    Ok(code)
}

/// 2 when an input could not be checked, else 1 when something was found, else 0.
fn exit_code(findings: usize, failures: usize) -> ExitCode {
    if failures > 0 {
        ExitCode::from(2)
    } else if findings > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
