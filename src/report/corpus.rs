//! The corpus report: a summary of one run over many documents.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::{CORPUS_SCHEMA, DocumentReport};

/// The summary of a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorpusReport {
    /// Always [`CORPUS_SCHEMA`].
    pub schema: String,
    /// Each analysed document, in input order.
    pub documents: Vec<CorpusDocument>,
    /// Each input that failed, in input order.
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
    /// Summarise analysed documents (with the name of each one's report) and failures.
    pub fn build(docs: &[(String, &DocumentReport)], failures: Vec<Failure>) -> Self {
        let mut totals = Totals {
            failed: failures.len(),
            ..Totals::default()
        };
        let mut encodings = BTreeMap::new();
        let mut terms: HashMap<&str, (usize, usize)> = HashMap::new();
        let mut ents: HashMap<(&str, &'static str), (usize, usize)> = HashMap::new();
        let mut documents = Vec::with_capacity(docs.len());
        for (name, r) in docs {
            totals.documents += 1;
            totals.bytes += r.source.bytes;
            totals.chars += r.stats.chars;
            totals.repairs += r.repairs.len();
            totals.flags += r.flags.len();
            *encodings.entry(r.source.encoding.clone()).or_insert(0) += 1;
            for t in &r.terms {
                let e = terms.entry(t.term.as_str()).or_insert((0, 0));
                e.0 += t.count;
                e.1 += 1;
            }
            for en in &r.entities {
                let e = ents
                    .entry((en.text.as_str(), en.kind.as_str()))
                    .or_insert((0, 0));
                e.0 += en.count;
                e.1 += 1;
            }
            documents.push(CorpusDocument {
                path: r.source.path.clone(),
                report: name.clone(),
                bytes: r.source.bytes,
                encoding: r.source.encoding.clone(),
                repairs: r.repairs.len(),
                flags: r.flags.len(),
                chars: r.stats.chars,
                entities: r.entities.len(),
            });
        }
        let mut terms: Vec<CorpusTerm> = terms
            .into_iter()
            .map(|(t, (count, documents))| CorpusTerm {
                term: t.to_owned(),
                count,
                documents,
            })
            .collect();
        terms.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.term.cmp(&b.term)));
        terms.truncate(CORPUS_TOP);
        let mut entities: Vec<CorpusEntity> = ents
            .into_iter()
            .map(|((t, k), (count, documents))| CorpusEntity {
                text: t.to_owned(),
                kind: k.to_owned(),
                count,
                documents,
            })
            .collect();
        entities.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| a.text.cmp(&b.text))
                .then_with(|| a.kind.cmp(&b.kind))
        });
        entities.truncate(CORPUS_TOP);
        CorpusReport {
            schema: CORPUS_SCHEMA.to_owned(),
            documents,
            failures,
            totals,
            encodings,
            terms,
            entities,
        }
    }
}
