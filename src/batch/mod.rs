//! Batch runs: many inputs, analysed in parallel (rayon), reports written atomically.
//!
//! Inputs are files or directories (walked recursively, in sorted order; hidden files and
//! directories are skipped); `-` is stdin. `*.gz` and `*.zst` files are decompressed as they
//! are read ([`source`]). A file named `*.jsonl` (also `*.jsonl.gz`, `*.jsonl.zst`; or every
//! input, with [`JsonlOptions::all`]) is read as JSON Lines, one document per line.
//!
//! Documents are analysed in chunks of [`Options::chunk`]: a chunk is analysed in parallel,
//! its reports are written in input order, its counts are folded into a [`Partial`], and the
//! reports are dropped. Memory therefore holds one chunk plus the corpus-level counts, and
//! the output is the same whatever the thread count and the chunk size.

pub mod idf;
mod inputs;
mod jobs;
mod jsonl;
mod sink;
pub mod source;
mod write;

pub use inputs::{Input, STDIN_DISPLAY, expand_inputs};
pub use jsonl::{JsonlOptions, Record, parse_record};
pub use write::{AtomicFile, write_atomic};

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::Pipeline;
use crate::report::{CorpusReport, DocumentReport, Failure, Partial, to_json};
use jobs::{Job, Jobs, Work};
use sink::Sink;

/// The default number of documents analysed per chunk.
pub const DEFAULT_CHUNK: usize = 256;

/// How a batch run reads its inputs and writes its reports.
#[derive(Debug, Clone)]
pub struct Options {
    /// Directory for the reports and `corpus.json` (created if missing).
    pub out: PathBuf,
    /// How JSON Lines inputs are read.
    pub jsonl: JsonlOptions,
    /// Write the document reports as one JSON Lines stream to this file (`-`: stdout)
    /// instead of one file each; `corpus.json` still goes to [`Options::out`].
    pub jsonl_out: Option<PathBuf>,
    /// Documents analysed per chunk (at least 1).
    pub chunk: usize,
    /// Reuse a document's report when `<out>/<name>.json` already exists, parses and names
    /// the same input, instead of analysing the document again (ignored with
    /// [`Options::jsonl_out`]).
    pub resume: bool,
}

impl Options {
    /// Defaults: reports into `out`, one file each, `*.jsonl` read as JSON Lines.
    pub fn new(out: impl Into<PathBuf>) -> Self {
        Options {
            out: out.into(),
            jsonl: JsonlOptions::default(),
            jsonl_out: None,
            chunk: DEFAULT_CHUNK,
            resume: false,
        }
    }
}

/// The outcome of a batch run.
#[derive(Debug)]
pub struct Outcome {
    /// The corpus summary (also written to `corpus.json`).
    pub corpus: CorpusReport,
    /// The corpus-level counts in full, to merge with other runs.
    pub partial: Partial,
    /// Paths of the files written, in input order, `corpus.json` last.
    pub written: Vec<PathBuf>,
    /// Documents whose existing report was reused ([`Options::resume`]).
    pub resumed: usize,
}

impl Outcome {
    /// Whether any input failed.
    pub fn has_failures(&self) -> bool {
        !self.corpus.failures.is_empty()
    }
}

/// Analyse `inputs` and write `<out>/<name>.json` per document and `<out>/corpus.json`.
/// Inputs that fail are listed in the corpus report's `failures`; the others are still
/// analysed. Fails only when the output cannot be written.
pub fn run(pipeline: &Pipeline, inputs: &[PathBuf], out: &Path) -> crate::Result<Outcome> {
    run_with(pipeline, inputs, &Options::new(out))
}

/// [`run`] with options.
pub fn run_with(pipeline: &Pipeline, inputs: &[PathBuf], opts: &Options) -> crate::Result<Outcome> {
    run_progress(pipeline, inputs, opts, &mut |_| {})
}

/// How far a run has got, as reported after each chunk.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Documents analysed so far.
    pub documents: usize,
    /// Inputs that failed so far.
    pub failed: usize,
    /// Bytes of the documents analysed so far.
    pub bytes: usize,
}

/// [`run_with`], calling `progress` after each chunk.
pub fn run_progress(
    pipeline: &Pipeline,
    inputs: &[PathBuf],
    opts: &Options,
    progress: &mut dyn FnMut(Progress),
) -> crate::Result<Outcome> {
    let out = &opts.out;
    let (files, failures) = expand_inputs(inputs);
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
    let mut partial = Partial::new();
    for (_, f) in failures {
        partial.fail(f);
    }
    let mut sink = Sink::new(out, opts.jsonl_out.as_deref())?;
    let resume = opts.resume && opts.jsonl_out.is_none();
    let mut jobs = Jobs::new(&files, &opts.jsonl);
    let mut written = Vec::new();
    let mut resumed = 0;
    loop {
        let chunk: Vec<Job> = jobs.by_ref().take(opts.chunk.max(1)).collect();
        if chunk.is_empty() {
            break;
        }
        let compact = sink.compact();
        // Analysis and encoding in parallel; writing, in order, on this thread.
        type Done = (DocumentReport, Option<crate::Result<Vec<u8>>>);
        let results: Vec<Result<Done, String>> = chunk
            .par_iter()
            .map(|job| {
                if resume && let Some(r) = existing(out, job) {
                    return Ok((r, None));
                }
                let report = analyze(pipeline, job, &opts.jsonl)?;
                let bytes = sink::encode(&report, compact);
                Ok((report, Some(bytes)))
            })
            .collect();
        for (job, result) in chunk.iter().zip(results) {
            match result {
                Ok((report, bytes)) => {
                    match bytes {
                        None => resumed += 1,
                        Some(bytes) => {
                            if let Some(path) = sink.write_encoded(&job.name, &bytes?)? {
                                written.push(path);
                            }
                        }
                    }
                    partial.add(&job.name, &report);
                }
                Err(error) => partial.fail(Failure {
                    path: job.display.clone(),
                    error,
                }),
            }
        }
        progress(Progress {
            documents: partial.documents(),
            failed: partial.failures().len(),
            bytes: partial.bytes(),
        });
    }
    if let Some(path) = sink.finish()? {
        written.push(path);
    }
    let corpus = partial.to_corpus();
    let path = out.join("corpus.json");
    write_atomic(&path, to_json(&corpus)?.as_bytes())?;
    written.push(path);
    Ok(Outcome {
        corpus,
        partial,
        written,
        resumed,
    })
}

/// Analyse one job, or say why it failed.
fn analyze(pipeline: &Pipeline, job: &Job, jsonl: &JsonlOptions) -> Result<DocumentReport, String> {
    match &job.work {
        Work::File(path) => {
            let bytes = source::read_all(path)?;
            pipeline
                .analyze_bytes(&job.display, &bytes)
                .map_err(|e| match e {
                    crate::Error::Binary { reason, .. } => {
                        format!("binary file ({reason}), not text")
                    }
                    other => other.to_string(),
                })
        }
        Work::Record(line) => {
            let record = parse_record(line, jsonl)?;
            let id = record.id.as_deref().unwrap_or(&job.display);
            Ok(pipeline.analyze_text(&job.display, Some(id), "jsonl", &record.text))
        }
        Work::Failed(error) => Err(error.clone()),
    }
}

/// The report already in `<out>/<name>`, if it parses and is of the same input.
fn existing(out: &Path, job: &Job) -> Option<DocumentReport> {
    if matches!(job.work, Work::Failed(_)) {
        return None;
    }
    let text = std::fs::read_to_string(out.join(&job.name)).ok()?;
    let report: DocumentReport = serde_json::from_str(&text).ok()?;
    (report.schema == crate::report::DOCUMENT_SCHEMA && report.source.path == job.display)
        .then_some(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_counts_documents_failures_and_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let texts = [
            "马斯克创立了特斯拉。",
            "李飞飞在斯坦福大学任教。",
            "阿里和腾讯。",
        ];
        for (i, t) in texts.iter().enumerate() {
            std::fs::write(dir.path().join(format!("{i}.txt")), t).unwrap();
        }
        std::fs::write(dir.path().join("bin.txt"), [0u8, 1, 2, 3]).unwrap();
        let mut opts = Options::new(dir.path().join("out"));
        opts.chunk = 2;
        let pipeline = Pipeline::new(Default::default());
        let mut seen = Vec::new();
        let inputs = [dir.path().to_owned()];
        run_progress(&pipeline, &inputs, &opts, &mut |p| seen.push(p)).unwrap();
        // one call per chunk of two inputs, counts growing to the totals
        assert_eq!(seen.len(), 2, "{seen:?}");
        assert!(seen.windows(2).all(|w| w[0].documents <= w[1].documents));
        let last = seen.last().unwrap();
        assert_eq!((last.documents, last.failed), (3, 1));
        assert_eq!(last.bytes, texts.iter().map(|t| t.len()).sum::<usize>());
    }
}
