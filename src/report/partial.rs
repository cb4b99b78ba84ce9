//! Partial corpus counts: what one run (or one shard of a corpus) contributes to the corpus
//! report, in full, so that runs over shards can be merged into the report of one run over
//! them all.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::corpus::CORPUS_TOP;
use super::{
    CORPUS_SCHEMA, CorpusDocument, CorpusEntity, CorpusReport, CorpusTerm, DocumentReport, Failure,
    Totals,
};

/// The partial counts' schema name and version.
pub const PARTIAL_SCHEMA: &str = "wenxi.partial/1";

/// Corpus-level counts, folded in one document at a time and mergeable in any order.
///
/// Terms and entities are counted in full (not truncated), summing the per-document top terms
/// and entities, so [`Partial::to_corpus`] gives the same report however the documents were
/// split into runs and chunks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Partial {
    documents: Vec<CorpusDocument>,
    failures: Vec<Failure>,
    totals: Totals,
    encodings: BTreeMap<String, usize>,
    terms: BTreeMap<String, (usize, usize)>,
    entities: BTreeMap<(String, String), (usize, usize)>,
}

/// The wire form of [`Partial`] (`"schema": "wenxi.partial/1"`).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Wire {
    schema: String,
    documents: Vec<CorpusDocument>,
    failures: Vec<Failure>,
    totals: Totals,
    encodings: BTreeMap<String, usize>,
    terms: Vec<CorpusTerm>,
    entities: Vec<CorpusEntity>,
}

impl Partial {
    /// No documents, no failures.
    pub fn new() -> Self {
        Self::default()
    }

    /// Fold in one analysed document, whose report is (or would be) named `report`.
    pub fn add(&mut self, report: &str, r: &DocumentReport) {
        self.totals.documents += 1;
        self.totals.bytes += r.source.bytes;
        self.totals.chars += r.stats.chars;
        self.totals.repairs += r.repairs.len();
        self.totals.flags += r.flags.len();
        *self.encodings.entry(r.source.encoding.clone()).or_insert(0) += 1;
        for t in &r.terms {
            let e = self.terms.entry(t.term.clone()).or_insert((0, 0));
            e.0 += t.count;
            e.1 += 1;
        }
        for en in &r.entities {
            let e = self
                .entities
                .entry((en.text.clone(), en.kind.as_str().to_owned()))
                .or_insert((0, 0));
            e.0 += en.count;
            e.1 += 1;
        }
        self.documents.push(CorpusDocument {
            path: r.source.path.clone(),
            report: report.to_owned(),
            bytes: r.source.bytes,
            encoding: r.source.encoding.clone(),
            repairs: r.repairs.len(),
            flags: r.flags.len(),
            chars: r.stats.chars,
            entities: r.entities.len(),
        });
    }

    /// Record an input that could not be analysed.
    pub fn fail(&mut self, failure: Failure) {
        self.totals.failed += 1;
        self.failures.push(failure);
    }

    /// Fold in the counts of another run.
    pub fn merge(&mut self, other: Partial) {
        self.documents.extend(other.documents);
        self.failures.extend(other.failures);
        let (a, b) = (&mut self.totals, other.totals);
        a.documents += b.documents;
        a.failed += b.failed;
        a.bytes += b.bytes;
        a.chars += b.chars;
        a.repairs += b.repairs;
        a.flags += b.flags;
        for (k, n) in other.encodings {
            *self.encodings.entry(k).or_insert(0) += n;
        }
        for (k, (c, d)) in other.terms {
            let e = self.terms.entry(k).or_insert((0, 0));
            e.0 += c;
            e.1 += d;
        }
        for (k, (c, d)) in other.entities {
            let e = self.entities.entry(k).or_insert((0, 0));
            e.0 += c;
            e.1 += d;
        }
    }

    /// Documents folded in so far.
    pub fn documents(&self) -> usize {
        self.totals.documents
    }

    /// Bytes of the documents folded in so far.
    pub fn bytes(&self) -> usize {
        self.totals.bytes
    }

    /// Inputs that failed so far.
    pub fn failures(&self) -> &[Failure] {
        &self.failures
    }

    /// Put documents and failures in their canonical order (see [`document_order`]), which
    /// does not depend on how the corpus was split or in which order the parts came.
    fn sort(&mut self) {
        self.documents.sort_by(document_order);
        self.failures
            .sort_by(|a, b| path_order(&a.path, &b.path).then_with(|| a.error.cmp(&b.error)));
    }

    /// The corpus report: documents and failures in canonical order, the top
    /// [`CORPUS_TOP`] terms (by count, descending, then term) and entities (by count,
    /// descending, then text, then type).
    pub fn to_corpus(&self) -> CorpusReport {
        let mut sorted = self.clone();
        sorted.sort();
        let mut terms = sorted.all_terms();
        terms.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.term.cmp(&b.term)));
        terms.truncate(CORPUS_TOP);
        let mut entities = sorted.all_entities();
        entities.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| a.text.cmp(&b.text))
                .then_with(|| a.kind.cmp(&b.kind))
        });
        entities.truncate(CORPUS_TOP);
        CorpusReport {
            schema: CORPUS_SCHEMA.to_owned(),
            documents: sorted.documents,
            failures: sorted.failures,
            totals: sorted.totals,
            encodings: sorted.encodings,
            terms,
            entities,
        }
    }

    fn all_terms(&self) -> Vec<CorpusTerm> {
        self.terms
            .iter()
            .map(|(t, &(count, documents))| CorpusTerm {
                term: t.clone(),
                count,
                documents,
            })
            .collect()
    }

    fn all_entities(&self) -> Vec<CorpusEntity> {
        self.entities
            .iter()
            .map(|((t, k), &(count, documents))| CorpusEntity {
                text: t.clone(),
                kind: k.clone(),
                count,
                documents,
            })
            .collect()
    }

    /// Serialise as pretty JSON (`"schema": "wenxi.partial/1"`) with a trailing newline:
    /// documents and failures in canonical order, every term (sorted by term) and every
    /// entity (sorted by text, then type).
    pub fn to_json(&self) -> crate::Result<String> {
        let mut sorted = self.clone();
        sorted.sort();
        let wire = Wire {
            schema: PARTIAL_SCHEMA.to_owned(),
            terms: sorted.all_terms(),
            entities: sorted.all_entities(),
            documents: sorted.documents,
            failures: sorted.failures,
            totals: sorted.totals,
            encodings: sorted.encodings,
        };
        super::to_json(&wire)
    }

    /// Parse what [`Partial::to_json`] wrote; `name` (e.g. the file's path) is used in errors.
    pub fn from_json(name: &str, text: &str) -> crate::Result<Self> {
        let bad = |message: String| crate::Error::Format {
            name: name.to_owned(),
            message,
        };
        let wire: Wire = serde_json::from_str(text).map_err(|e| bad(e.to_string()))?;
        if wire.schema != PARTIAL_SCHEMA {
            return Err(bad(format!(
                "schema is {:?}, expected {PARTIAL_SCHEMA:?}",
                wire.schema
            )));
        }
        let mut p = Partial {
            documents: wire.documents,
            failures: wire.failures,
            totals: wire.totals,
            encodings: wire.encodings,
            ..Partial::default()
        };
        for t in wire.terms {
            let e = p.terms.entry(t.term).or_insert((0, 0));
            e.0 += t.count;
            e.1 += t.documents;
        }
        for en in wire.entities {
            let e = p.entities.entry((en.text, en.kind)).or_insert((0, 0));
            e.0 += en.count;
            e.1 += en.documents;
        }
        Ok(p)
    }
}

/// The canonical order of documents in the corpus report: by path (a record of a JSON Lines
/// file, `<file>:<line>`, by file and then line number), then report name.
pub fn document_order(a: &CorpusDocument, b: &CorpusDocument) -> Ordering {
    path_order(&a.path, &b.path)
        .then_with(|| a.report.cmp(&b.report))
        .then_with(|| a.cmp_rest(b))
}

/// Order paths, comparing a trailing `:<line>` as a number.
fn path_order(a: &str, b: &str) -> Ordering {
    fn key(p: &str) -> (&str, Option<u64>) {
        match p.rsplit_once(':') {
            Some((file, n)) if !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit()) => {
                match n.parse() {
                    Ok(n) => (file, Some(n)),
                    Err(_) => (p, None),
                }
            }
            _ => (p, None),
        }
    }
    key(a).cmp(&key(b)).then_with(|| a.cmp(b))
}

impl CorpusDocument {
    /// Compare the members other than path and report, so the order is total.
    fn cmp_rest(&self, o: &Self) -> Ordering {
        (
            self.bytes,
            &self.encoding,
            self.repairs,
            self.flags,
            self.chars,
            self.entities,
        )
            .cmp(&(
                o.bytes,
                &o.encoding,
                o.repairs,
                o.flags,
                o.chars,
                o.entities,
            ))
    }
}
