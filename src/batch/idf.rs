//! Document frequencies of a corpus, and the IDF table built from them (`wenxi idf`).
//!
//! The inputs are walked and read as [`super::run_with`] reads them (directories, `-`,
//! compressed files, JSON Lines records), and each document's terms are the candidate terms
//! of its report ([`crate::Pipeline::candidate_terms`]: repaired, segmented, filtered).
//!
//! The IDF of a word is `ln(N / df)`: `N` the number of documents analysed, `df` the number
//! of them that hold the word at least once; the natural logarithm, with no smoothing, so a
//! word in every document has IDF 0. This is how jieba's table reads (its rarest words,
//! seen once, all have `13.900677652` = ln N for a corpus of about 1.09 million documents).
//! The table is written in jieba's format, `word idf` per line, sorted by word (by code
//! point), the IDF with 9 decimals as jieba writes it.

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;

use super::jobs::{Job, Jobs, Work};
use super::{JsonlOptions, expand_inputs, parse_record, source};
use crate::Pipeline;
use crate::report::Failure;

/// Document frequencies of a corpus.
#[derive(Debug, Clone, Default)]
pub struct DocFreqs {
    /// Documents analysed (`N`).
    pub documents: usize,
    /// Word → number of documents that hold it.
    pub df: HashMap<String, usize>,
    /// Inputs that could not be read, in input order.
    pub failures: Vec<Failure>,
}

impl DocFreqs {
    /// The IDF table, `(word, ln(N / df))`, sorted by word.
    pub fn idf(&self) -> Vec<(&str, f64)> {
        let n = self.documents as f64;
        let mut v: Vec<(&str, f64)> = self
            .df
            .iter()
            .map(|(w, &df)| (w.as_str(), (n / df as f64).ln()))
            .collect();
        v.sort_by(|a, b| a.0.cmp(b.0));
        v
    }

    /// The IDF table in jieba's format: `word idf` per line, sorted by word.
    pub fn to_table(&self) -> String {
        let mut out = String::new();
        for (w, idf) in self.idf() {
            out.push_str(w);
            out.push(' ');
            out.push_str(&format!("{idf:.9}"));
            out.push('\n');
        }
        out
    }
}

/// Count the document frequencies of `inputs`, `chunk` documents at a time in parallel.
pub fn document_frequencies(
    pipeline: &Pipeline,
    inputs: &[PathBuf],
    jsonl: &JsonlOptions,
    chunk: usize,
) -> DocFreqs {
    let (files, failures) = expand_inputs(inputs);
    let mut out = DocFreqs {
        failures: failures.into_iter().map(|(_, f)| f).collect(),
        ..DocFreqs::default()
    };
    let mut jobs = Jobs::new(&files, jsonl);
    loop {
        let chunk: Vec<Job> = jobs.by_ref().take(chunk.max(1)).collect();
        if chunk.is_empty() {
            break;
        }
        let results: Vec<Result<Vec<String>, String>> = chunk
            .par_iter()
            .map(|job| {
                let text = job_text(job, jsonl)?;
                let mut terms = pipeline.candidate_terms(&text);
                terms.sort_unstable();
                terms.dedup();
                Ok(terms)
            })
            .collect();
        for (job, result) in chunk.iter().zip(results) {
            match result {
                Ok(terms) => {
                    out.documents += 1;
                    for t in terms {
                        *out.df.entry(t).or_insert(0) += 1;
                    }
                }
                Err(error) => out.failures.push(Failure {
                    path: job.display.clone(),
                    error,
                }),
            }
        }
    }
    out
}

/// The decoded text of a job, or why it has none.
fn job_text(job: &Job, jsonl: &JsonlOptions) -> Result<String, String> {
    match &job.work {
        Work::File(path) => {
            let bytes = source::read_all(path)?;
            crate::ingest::decode(&bytes)
                .map(|d| d.text)
                .map_err(|e| format!("binary file ({}), not text", e.reason))
        }
        Work::Record(line) => Ok(parse_record(line, jsonl)?.text),
        Work::Failed(error) => Err(error.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idf_is_ln_n_over_df_sorted_by_word() {
        let d = DocFreqs {
            documents: 4,
            df: [
                ("乙".to_owned(), 4),
                ("甲".to_owned(), 1),
                ("b".to_owned(), 2),
            ]
            .into_iter()
            .collect(),
            failures: Vec::new(),
        };
        assert_eq!(
            d.to_table(),
            "b 0.693147181\n乙 0.000000000\n甲 1.386294361\n"
        );
    }
}
