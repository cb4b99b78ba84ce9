//! The corpus report: a summary of one run over many documents.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{DocumentReport, Partial};

/// The summary of a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorpusReport {
    /// Always [`CORPUS_SCHEMA`](super::CORPUS_SCHEMA).
    pub schema: String,
    /// Each analysed document, by path (a JSON Lines record by file, then line number), then
    /// report name.
    pub documents: Vec<CorpusDocument>,
    /// Each input that failed, by path, then error.
    pub failures: Vec<Failure>,
    /// Totals.
    pub totals: Totals,
    /// Encoding name → number of documents.
    pub encodings: BTreeMap<String, usize>,
    /// Top terms over all documents.
    pub terms: Vec<CorpusTerm>,
    /// Top entities over all documents.
    pub entities: Vec<CorpusEntity>,
}

/// One analysed document in the corpus report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorpusDocument {
    /// The input's path, as given.
    pub path: String,
    /// File name of its report in the output directory.
    pub report: String,
    /// Size in bytes.
    pub bytes: usize,
    /// Encoding.
    pub encoding: String,
    /// Number of repairs.
    pub repairs: usize,
    /// Number of garbled spans left alone.
    pub flags: usize,
    /// Chars of the repaired text.
    pub chars: usize,
    /// Number of distinct entities.
    pub entities: usize,
}

/// An input that could not be analysed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    /// The input's path, as given.
    pub path: String,
    /// Why it failed.
    pub error: String,
}

/// Totals of a run.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Totals {
    /// Documents analysed.
    pub documents: usize,
    /// Inputs that failed.
    pub failed: usize,
    /// Bytes read from analysed documents.
    pub bytes: usize,
    /// Chars of the repaired texts.
    pub chars: usize,
    /// Repairs made.
    pub repairs: usize,
    /// Garbled spans left alone.
    pub flags: usize,
}

/// A term summed over documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorpusTerm {
    /// The term.
    pub term: String,
    /// Occurrences over all documents (of the per-document top terms).
    pub count: usize,
    /// Documents in which it is a top term.
    pub documents: usize,
}

/// An entity summed over documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorpusEntity {
    /// The entity's canonical text.
    pub text: String,
    /// Its type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Mentions over all documents.
    pub count: usize,
    /// Documents that mention it.
    pub documents: usize,
}

/// How many terms and entities the corpus report lists.
pub const CORPUS_TOP: usize = 50;

impl CorpusReport {
    /// Summarise analysed documents (with the name of each one's report) and failures; the
    /// same as folding them into a [`Partial`] and calling [`Partial::to_corpus`].
    pub fn build(docs: &[(String, &DocumentReport)], failures: Vec<Failure>) -> Self {
        let mut partial = Partial::new();
        for (name, r) in docs {
            partial.add(name, r);
        }
        for f in failures {
            partial.fail(f);
        }
        partial.to_corpus()
    }
}
