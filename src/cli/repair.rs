//! `wenxi repair`.

use std::io::{BufRead, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use serde_json::{Map, Value, json};

use wenxi::repair::{Repaired, Repairer};

/// Repair mojibake in text: plain text or JSON Lines in, repaired text out on stdout.
///
/// Reads the FILEs (or stdin when none is given), decodes them (any encoding), finds garbled
/// runs and repairs those whose repair is certain enough. Clean text is never changed.
/// Garbled spans whose bytes are gone (U+FFFD, 锟斤拷) are left alone and flagged.
///
/// With --jsonl, each input line is a JSON object whose `text` member (or --field) is
/// repaired; every other member is kept, and a `repairs` member is added: a list of
/// {start, end, before, after, kind, confidence} (char offsets into the input text) and
/// {start, end, kind, unrepaired: true} for spans left alone. A malformed line is reported
/// on stderr with its line number and skipped; the exit code is then 1.
///
/// Examples:
///
///   wenxi repair garbled.txt > fixed.txt
///
///   wenxi repair --explain garbled.txt
///
///   wenxi repair --jsonl --field content < docs.jsonl > fixed.jsonl
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct RepairArgs {
    /// Files to repair [default: stdin]
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,

    /// Print each repair (and each flagged span) on stderr
    #[arg(long)]
    explain: bool,

    /// Read and write JSON Lines
    #[arg(long)]
    jsonl: bool,

    /// With --jsonl: the member holding the text
    #[arg(long, value_name = "NAME", default_value = "text")]
    field: String,
}

pub fn run(args: RepairArgs) -> anyhow::Result<ExitCode> {
    let repairer = Repairer::new();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let sources: Vec<Option<PathBuf>> = if args.files.is_empty() {
        vec![None]
    } else {
        args.files.iter().cloned().map(Some).collect()
    };
    for source in sources {
        let name = source
            .as_ref()
            .map_or_else(|| "<stdin>".to_owned(), |p| p.display().to_string());
        let bytes = match read(source.as_ref()) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("wenxi: {name}: {e:#}");
                failed = true;
                continue;
            }
        };
        if args.jsonl {
            failed |= repair_jsonl(&repairer, &name, &bytes, &args, &mut out)?;
        } else {
            let decoded = match wenxi::ingest::decode(&bytes) {
                Ok(d) => d,
                Err(e) => {
                    eprintln!("wenxi: {name}: binary file ({}), not text", e.reason);
                    failed = true;
                    continue;
                }
            };
            let fixed = repairer.repair(&decoded.text);
            if args.explain {
                explain(&name, &fixed);
            }
            out.write_all(fixed.text.as_bytes())
                .context("cannot write to stdout")?;
        }
    }
    out.flush().context("cannot write to stdout")?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn read(path: Option<&PathBuf>) -> anyhow::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    match path {
        Some(p) => bytes = std::fs::read(p).context("cannot read")?,
        None => {
            std::io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .context("cannot read")?;
        }
    }
    Ok(bytes)
}

fn explain(name: &str, fixed: &Repaired) {
    for r in &fixed.repairs {
        eprintln!(
            "{name}:{}: {} ({:.3}): {:?} -> {:?}",
            r.line, r.kind, r.confidence, r.before, r.after
        );
        for i in &r.inferred {
            let cands: Vec<String> = i
                .candidates
                .iter()
                .map(|c| format!("{} {:.1}", c.text, c.score))
                .collect();
            eprintln!(
                "    inferred {} from bytes {}: {}",
                i.chosen,
                i.bytes,
                cands.join(", ")
            );
        }
    }
    for f in &fixed.flags {
        eprintln!(
            "{name}:{}: {} left alone (chars {}..{})",
            f.line, f.kind, f.start, f.end
        );
    }
}

/// Repair each JSON line; returns whether some line failed.
fn repair_jsonl(
    repairer: &Repairer,
    name: &str,
    bytes: &[u8],
    args: &RepairArgs,
    out: &mut impl Write,
) -> anyhow::Result<bool> {
    let mut failed = false;
    for (i, line) in bytes.lines().enumerate() {
        let line_no = i + 1;
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!("wenxi: {name}:{line_no}: not UTF-8: {e}");
                failed = true;
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let mut obj: Map<String, Value> = match serde_json::from_str(&line) {
            Ok(Value::Object(m)) => m,
            Ok(_) => {
                eprintln!("wenxi: {name}:{line_no}: not a JSON object");
                failed = true;
                continue;
            }
            Err(e) => {
                eprintln!("wenxi: {name}:{line_no}: malformed JSON: {e}");
                failed = true;
                continue;
            }
        };
        let Some(Value::String(text)) = obj.get(&args.field) else {
            eprintln!("wenxi: {name}:{line_no}: no string member {:?}", args.field);
            failed = true;
            continue;
        };
        let fixed = repairer.repair(text);
        if args.explain {
            explain(&format!("{name}:{line_no}"), &fixed);
        }
        let mut repairs: Vec<Value> = fixed
            .repairs
            .iter()
            .map(|r| {
                json!({"start": r.start, "end": r.end, "before": r.before, "after": r.after,
                       "kind": r.kind, "confidence": r.confidence})
            })
            .collect();
        repairs.extend(
            fixed.flags.iter().map(
                |f| json!({"start": f.start, "end": f.end, "kind": f.kind, "unrepaired": true}),
            ),
        );
        obj.insert(args.field.clone(), Value::String(fixed.text));
        obj.insert("repairs".to_owned(), Value::Array(repairs));
        serde_json::to_writer(&mut *out, &obj).context("cannot write to stdout")?;
        out.write_all(b"\n").context("cannot write to stdout")?;
    }
    Ok(failed)
}
