//! The records a repair leaves: what changed, where, and on what evidence.

use serde::{Deserialize, Serialize};

/// A character inferred for a byte that was lost at the edge of a garbled run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inferred {
    /// Char offset into the repaired text of the inferred character.
    pub offset: usize,
    /// The surviving bytes, in hex, with `??` for the lost one (e.g. `?? E1`).
    pub bytes: String,
    /// The chosen character.
    pub chosen: String,
    /// Probability of the chosen character among all that fit the surviving byte (a softmax
    /// of their scores).
    pub confidence: f64,
    /// The best candidates with their scores (higher is better), best first.
    pub candidates: Vec<Candidate>,
}

/// A scored candidate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// The candidate text.
    pub text: String,
    /// Its score (log-probability under the language model; higher is better).
    pub score: f64,
}

/// One repair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Repair {
    /// Line number (1-based) in the decoded text.
    pub line: usize,
    /// Char offset into the decoded (input) text where the garbled run starts.
    pub start: usize,
    /// Char offset into the decoded (input) text one past the garbled run.
    pub end: usize,
    /// Char offset into the repaired text where the replacement starts.
    pub repaired_start: usize,
    /// Char offset into the repaired text one past the replacement.
    pub repaired_end: usize,
    /// The garbled text.
    pub before: String,
    /// The replacement.
    pub after: String,
    /// The kind of mojibake, e.g. `gbk-shifted`.
    pub kind: String,
    /// Confidence in [0, 1].
    pub confidence: f64,
    /// Characters inferred for lost bytes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inferred: Vec<Inferred>,
}

/// A garbled span left alone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flag {
    /// Line number (1-based) in the decoded text.
    pub line: usize,
    /// Char offset into the decoded text.
    pub start: usize,
    /// Char offset into the decoded text, one past the span.
    pub end: usize,
    /// What was found.
    pub kind: String,
    /// Always `true`: the span was not changed.
    pub unrepaired: bool,
}

/// Repaired text with the record of what changed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Repaired {
    /// The repaired text.
    pub text: String,
    /// Every repair, in text order.
    pub repairs: Vec<Repair>,
    /// Garbled spans that were left alone.
    pub flags: Vec<Flag>,
}
