//! Batch runs: many inputs, analysed in parallel (rayon), reports written atomically.
//!
//! Inputs are files or directories (walked recursively, in sorted order; hidden files and
//! directories are skipped). Reports come out in input order whatever the thread count.

mod inputs;
mod write;

pub use inputs::{Input, expand_inputs};
pub use write::write_atomic;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::Pipeline;
use crate::report::{CorpusReport, DocumentReport, Failure, to_json};

/// The outcome of a batch run.
#[derive(Debug)]
pub struct Outcome {
    /// The corpus summary (also written to `corpus.json`).
    pub corpus: CorpusReport,
    /// Paths of the reports written, in input order.
    pub written: Vec<PathBuf>,
}

impl Outcome {
    /// Whether any input failed.
    pub fn has_failures(&self) -> bool {
        !self.corpus.failures.is_empty()
    }
}

/// Analyse `inputs` and write `<out>/<name>.json` per document and `<out>/corpus.json`.
/// Inputs that fail are listed in the corpus report's `failures`; the others are still
/// analysed. Fails only when the output directory cannot be written.
pub fn run(pipeline: &Pipeline, inputs: &[PathBuf], out: &Path) -> crate::Result<Outcome> {
    let (files, mut failures) = expand_inputs(inputs);
    if out.exists() && !out.is_dir() {
        return Err(crate::Error::Write {
            path: out.to_owned(),
            source: std::io::Error::other("exists and is not a directory"),
        });
    }
    std::fs::create_dir_all(out).map_err(|source| crate::Error::Write {
        path: out.to_owned(),
        source,
    })?;
    let names = report_names(&files);
    let results: Vec<Result<DocumentReport, String>> = files
        .par_iter()
        .map(|input| {
            let bytes = std::fs::read(&input.path).map_err(|e| format!("cannot read: {e}"))?;
            pipeline
                .analyze_bytes(&input.display, &bytes)
                .map_err(|e| match e {
                    crate::Error::Binary { reason, .. } => {
                        format!("binary file ({reason}), not text")
                    }
                    other => other.to_string(),
                })
        })
        .collect();
    let mut ok: Vec<(String, DocumentReport)> = Vec::new();
    let mut written = Vec::new();
    for ((input, name), result) in files.iter().zip(&names).zip(results) {
        match result {
            Ok(report) => {
                let path = out.join(name);
                write_atomic(&path, to_json(&report)?.as_bytes())?;
                written.push(path);
                ok.push((name.clone(), report));
            }
            Err(error) => failures.push((
                input.order,
                Failure {
                    path: input.display.clone(),
                    error,
                },
            )),
        }
    }
    failures.sort_by_key(|(order, _)| *order);
    let failures = failures.into_iter().map(|(_, f)| f).collect();
    let refs: Vec<(String, &DocumentReport)> = ok.iter().map(|(n, r)| (n.clone(), r)).collect();
    let corpus = CorpusReport::build(&refs, failures);
    let path = out.join("corpus.json");
    write_atomic(&path, to_json(&corpus)?.as_bytes())?;
    written.push(path);
    Ok(Outcome { corpus, written })
}

/// A report file name per input: `<file stem>.json`, made unique when two inputs share a
/// stem (`<stem>-2.json`, ...). `corpus.json` is reserved.
fn report_names(files: &[Input]) -> Vec<String> {
    let mut used: HashSet<String> = HashSet::new();
    used.insert("corpus".to_owned());
    files
        .iter()
        .map(|f| {
            let stem = f
                .path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "document".to_owned());
            let mut name = stem.clone();
            let mut n = 2;
            while !used.insert(name.clone()) {
                name = format!("{stem}-{n}");
                n += 1;
            }
            format!("{name}.json")
        })
        .collect()
}
