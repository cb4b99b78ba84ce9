//! The JSON report types: this module *is* the wire contract.
//!
//! # Wire format, version 1
//!
//! A run writes one **document report** per input, `<out>/<name>.json`, and one **corpus
//! report**, `<out>/corpus.json`. Both are UTF-8 JSON objects, pretty-printed, with members in
//! the order shown here; they hold no timestamps and no absolute paths unless an input was
//! named by one, so that two runs over the same inputs give identical bytes. The JSON Schema
//! is published as `schema/document.schema.json` and `schema/corpus.schema.json`.
//!
//! ## Document report (`"schema": "wenxi.document/1"`)
//!
//! | member | type | meaning |
//! |---|---|---|
//! | `schema` | string | `wenxi.document/1` |
//! | `source` | object | the input: `path` (as given; `<stdin>` for `-`; `<file>:<line>` for a record of a JSON Lines input), `id` (only for a record of a JSON Lines input: its id member, or `<file>:<line>`), `bytes` and `sha256` (of the raw bytes, decompressed for a `*.gz`/`*.zst` input; for a JSON Lines record, of its text's UTF-8 bytes), `encoding` (WHATWG name; `UTF-8` for a JSON Lines record), `bom`, `method` (`empty`, `bom`, `utf8`, `detected`, `mixed`, `jsonl`), `confident`, `malformed` (byte sequences replaced by U+FFFD), `stretches` (only for `mixed` input, whose stretches are in different encodings: each `byte_start`/`byte_end` (byte offsets into the **input** bytes), `char_start`/`char_end` (char offsets into the **decoded** text), `encoding`; `encoding` above is then the majority encoding) |
//! | `repairs` | array | each repair: `line` (1-based), `start`/`end` (char offsets into the **decoded** text), `repaired_start`/`repaired_end` (char offsets into the **repaired** text), `before`, `after`, `kind`, `confidence`, `inferred` (characters inferred for lost bytes, each with `offset` into the repaired text, `bytes`, `chosen`, `candidates` with `text` and `score`) |
//! | `flags` | array | garbled spans left alone: `line`, `start`, `end` (decoded text), `kind`, `unrepaired: true` |
//! | `stats` | object | `chars`, `lines`, `sentences`, `tokens` (words that are not whitespace), `han_chars`, `repaired_chars` (chars of the decoded text that repairs replaced) |
//! | `entities` | array | `text`, `type` (`PER`, `ORG`, `LOC`, `PRODUCT`, `WORK`, `DATE`, `TIME`, `MONEY`, `PERCENT`, `QUANTITY`), `count`, `mentions` (`start`, `end`: char offsets into the **repaired** text; `text`), `forms` (present when there are several surface forms), `value` (DATE, TIME, MONEY, PERCENT, QUANTITY, when it can be read: `amount`, `amount_max` (a range), `unit` (ISO 4217 code for a known currency, the unit or measure word, `%`), `approximate`, `year`, `month`, `day`, `season`, `hour`, `minute`; only the members that apply) |
//! | `terms` | array | `term`, `count`: the most frequent terms after filtering |
//! | `keywords` | object | `tfidf` and `textrank`: arrays of `term`, `weight` (in [0, 1]; the first is 1) |
//! | `tokens` | array | only with `--emit tokens`: every word of the segmentation that is not whitespace, in text order: `text`, `start`, `end` (char offsets into the **repaired** text), `pos` (jieba's part-of-speech tag) |
//!
//! ## Corpus report (`"schema": "wenxi.corpus/1"`)
//!
//! | member | type | meaning |
//! |---|---|---|
//! | `schema` | string | `wenxi.corpus/1` |
//! | `documents` | array | each analysed input: `path`, `report` (file name of its report; with `--jsonl-out`, the name it would have had), `bytes`, `encoding`, `repairs`, `flags`, `chars`, `entities`; ordered by path (a JSON Lines record `<file>:<line>` by file, then line number), then report name |
//! | `failures` | array | each input that could not be analysed: `path`, `error`; ordered by path, then error |
//! | `totals` | object | `documents` (analysed), `failed`, `bytes`, `chars`, `repairs`, `flags` |
//! | `encodings` | object | encoding name → number of documents |
//! | `terms` | array | `term`, `count`, `documents`: top terms summed over documents |
//! | `entities` | array | `text`, `type`, `count`, `documents`: top entities summed over documents |
//!
//! ## Partial counts (`"schema": "wenxi.partial/1"`)
//!
//! Written by `wenxi analyze --partial FILE` (and `wenxi merge --partial FILE`); described by
//! `schema/partial.schema.json`. `wenxi merge` sums any number of them, in any order, into
//! the corpus report of one run over all their documents.
//!
//! | member | type | meaning |
//! |---|---|---|
//! | `schema` | string | `wenxi.partial/1` |
//! | `documents`, `failures`, `totals`, `encodings` | | as in the corpus report |
//! | `terms` | array | `term`, `count`, `documents`: **every** term summed over the documents' top terms, by term |
//! | `entities` | array | `text`, `type`, `count`, `documents`: **every** entity summed over documents, by text, then type |
//!
//! ## JSON Lines output
//!
//! With `--jsonl-out FILE`, the document reports are written to one file instead, one
//! compact report per line, in input order.
//!
//! Version policy: adding a member keeps the version; renaming, removing or changing the
//! meaning of one bumps it.

mod corpus;
mod partial;

pub use corpus::{
    CORPUS_TOP, CorpusDocument, CorpusEntity, CorpusReport, CorpusTerm, Failure, Totals,
};
pub use partial::{PARTIAL_SCHEMA, Partial, document_order};

use serde::{Deserialize, Serialize};

use crate::ingest::Stretch;
use crate::ner::Entity;
use crate::repair::{Flag, Repair};
use crate::terms::{Keyword, TermCount};

/// The document report's schema name and version.
pub const DOCUMENT_SCHEMA: &str = "wenxi.document/1";
/// The corpus report's schema name and version.
pub const CORPUS_SCHEMA: &str = "wenxi.corpus/1";

/// The report of one input document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentReport {
    /// Always [`DOCUMENT_SCHEMA`].
    pub schema: String,
    /// The input and how it was decoded.
    pub source: Source,
    /// Every repair, in text order.
    pub repairs: Vec<Repair>,
    /// Garbled spans left alone.
    pub flags: Vec<Flag>,
    /// Counts.
    pub stats: Stats,
    /// Entities, sorted by first mention.
    pub entities: Vec<Entity>,
    /// Most frequent terms.
    pub terms: Vec<TermCount>,
    /// Keywords.
    pub keywords: Keywords,
    /// The words of the segmentation, whitespace left out, when asked for
    /// ([`crate::Config::emit_tokens`]); absent (and not serialised) otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Vec<ReportToken>>,
}

/// A word of the segmentation, as reported under `tokens`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportToken {
    /// The word.
    pub text: String,
    /// Char offset of its first char in the repaired text.
    pub start: usize,
    /// Char offset one past its last char in the repaired text.
    pub end: usize,
    /// Part-of-speech tag (jieba's tag set).
    pub pos: String,
}

/// The input of a document report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The input's path, as given.
    pub path: String,
    /// For a record of a JSON Lines input, its id (the id member, or `<file>:<line>` when it
    /// has none); absent (and not serialised) otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Size in bytes.
    pub bytes: usize,
    /// SHA-256 of the raw bytes, lower-case hex.
    pub sha256: String,
    /// The encoding's WHATWG name.
    pub encoding: String,
    /// Whether a BOM gave the encoding.
    pub bom: bool,
    /// How the encoding was chosen: `empty`, `bom`, `utf8`, `detected` or `mixed`.
    pub method: String,
    /// Whether the encoding choice is reliable.
    pub confident: bool,
    /// Malformed byte sequences replaced by U+FFFD.
    pub malformed: usize,
    /// For mixed input (method `mixed`), its stretches and their encodings; empty (and not
    /// serialised) otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stretches: Vec<Stretch>,
}

/// Counts of a document.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Stats {
    /// Chars of the repaired text.
    pub chars: usize,
    /// Lines of the repaired text.
    pub lines: usize,
    /// Sentences.
    pub sentences: usize,
    /// Tokens that are not whitespace.
    pub tokens: usize,
    /// Han characters.
    pub han_chars: usize,
    /// Chars of the decoded text that repairs replaced.
    pub repaired_chars: usize,
}

/// Keywords of a document.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Keywords {
    /// TF-IDF keywords (jieba's IDF table), weight normalised to [0, 1].
    pub tfidf: Vec<Keyword>,
    /// TextRank keywords, weight normalised to [0, 1].
    pub textrank: Vec<Keyword>,
}

/// Serialise a report as pretty JSON with a trailing newline.
pub fn to_json<T: Serialize>(value: &T) -> crate::Result<String> {
    let mut s = serde_json::to_string_pretty(value)?;
    s.push('\n');
    Ok(s)
}
