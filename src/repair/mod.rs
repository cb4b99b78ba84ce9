//! Repair: find garbled runs (mojibake) and repair them, recording every change.
//!
//! The mechanism, for each line:
//! 1. **Detect**: split the line into runs of non-ASCII, non-space characters and keep those
//!    that do not read as Chinese: characters clean text hardly uses (private-use code
//!    points, U+FFFD, C1 controls, Latin-1 letters, …) or a language-model score per char
//!    far below that of clean text (rare characters, pairs that Chinese does not use).
//! 2. **Re-read**: try every candidate re-decoding of the run ([`readings::Kind`]): re-encode
//!    as GB18030 and decode as UTF-8 or Big5, or decode again one byte later; re-encode as
//!    windows-1252 / ISO-8859-1 and decode as UTF-8 or GBK; also two rounds of the same.
//! 3. **Infer** lost bytes: where a byte was lost at the edge of the run, every character
//!    whose encoding fits the surviving byte is scored in context ([`infer`]).
//! 4. **Choose**: the language model ([`lm`]) scores each reading; the best replaces the run
//!    only when it reads as clean text and beats the run by a margin. Otherwise the text is
//!    left alone, and a run holding U+FFFD or `锟斤拷` is flagged as unrecoverable.

pub mod codec;
pub mod infer;
pub mod lm;
pub mod readings;
mod types;

pub use types::{Candidate, Flag, Inferred, Repair, Repaired};

use lm::{LanguageModel, is_odd};
use readings::{Kind, Piece, Reading, read_as};

/// Minimum gain in mean log-probability per char for a reading to replace a run.
pub const MARGIN: f64 = 2.5;
/// A reading must score at least this per char to count as clean text.
pub const CLEAN_FLOOR: f64 = -11.0;
/// A run scoring below this per char is suspect.
pub const SUSPECT: f64 = -10.0;
/// How many candidates are recorded for an inferred character.
pub const TOP_CANDIDATES: usize = 5;

/// The repairer. Build once and share (`Send + Sync`).
#[derive(Debug, Default)]
pub struct Repairer {
    lm: LanguageModel,
}

/// A chosen reading of a run.
struct Choice {
    kind: String,
    text: String,
    /// (char offset within `text`, surviving-bytes label, ranked candidates, p(best))
    inferred: Vec<(usize, String, Vec<(char, f64)>, f64)>,
    gain: f64,
}

impl Repairer {
    /// A repairer with the built-in language model.
    pub fn new() -> Self {
        Repairer {
            lm: LanguageModel::new(),
        }
    }

    /// The language model.
    pub fn lm(&self) -> &LanguageModel {
        &self.lm
    }

    /// Repair `text`. Clean text comes back unchanged, with no repairs.
    pub fn repair(&self, text: &str) -> Repaired {
        let mut out = Repaired::default();
        out.text.reserve(text.len());
        let mut char_base = 0usize; // char offset of the line in the decoded text
        let mut shift: isize = 0; // repaired offset minus decoded offset so far
        for (line_no, line) in text.split_inclusive('\n').enumerate() {
            let chars: Vec<char> = line.chars().collect();
            let mut pos = 0;
            for (s, e) in runs(&chars) {
                out.text.extend(&chars[pos..s]);
                pos = e;
                let run: String = chars[s..e].iter().collect();
                if !self.suspect(&run) {
                    out.text.push_str(&run);
                    continue;
                }
                let left: String = chars[..s].iter().collect();
                let right: String = chars[e..].iter().collect();
                match self.choose(&run, &left, &right) {
                    Some(choice) => {
                        let start = char_base + s;
                        let rstart = (start as isize + shift) as usize;
                        let after_len = choice.text.chars().count();
                        out.repairs.push(Repair {
                            line: line_no + 1,
                            start,
                            end: char_base + e,
                            repaired_start: rstart,
                            repaired_end: rstart + after_len,
                            before: run.clone(),
                            after: choice.text.clone(),
                            kind: choice.kind,
                            confidence: confidence(choice.gain),
                            inferred: choice
                                .inferred
                                .into_iter()
                                .map(|(off, bytes, cands, p)| Inferred {
                                    offset: rstart + off,
                                    bytes,
                                    chosen: cands[0].0.to_string(),
                                    confidence: round3(p),
                                    candidates: cands
                                        .into_iter()
                                        .map(|(c, score)| Candidate {
                                            text: c.to_string(),
                                            score: round3(score),
                                        })
                                        .collect(),
                                })
                                .collect(),
                        });
                        shift += after_len as isize - (e - s) as isize;
                        out.text.push_str(&choice.text);
                    }
                    None => {
                        if let Some(kind) = unrecoverable(&run) {
                            out.flags.push(Flag {
                                line: line_no + 1,
                                start: char_base + s,
                                end: char_base + e,
                                kind: kind.to_owned(),
                                unrepaired: true,
                            });
                        }
                        out.text.push_str(&run);
                    }
                }
            }
            out.text.extend(&chars[pos..]);
            char_base += chars.len();
        }
        out
    }

    /// Whether a run does not read as Chinese.
    fn suspect(&self, run: &str) -> bool {
        if run.chars().any(is_odd) {
            return true;
        }
        run.chars().count() >= 2 && self.lm.per_char(run) < SUSPECT
    }

    /// The best reading of `run` (between `left` and `right` on its line), if it is good enough.
    fn choose(&self, run: &str, left: &str, right: &str) -> Option<Choice> {
        let base = self.lm.per_char(run);
        let mut best: Option<Choice> = None;
        for kind in Kind::ALL {
            let Some(reading) = read_as(kind, run) else {
                continue;
            };
            let mut options = vec![(kind.as_str().to_owned(), reading.clone())];
            // a second round of the same kind of damage (e.g. UTF-8 read as windows-1252 twice)
            if let [Piece::Text(t)] = reading.pieces.as_slice()
                && let Some(second) = read_as(kind, t)
            {
                options.push((double_name(kind), second));
            }
            for (name, r) in options {
                let Some(choice) = self.resolve(name, &r, left, right) else {
                    continue;
                };
                let per_char = self.lm.per_char(&choice.text);
                if per_char < CLEAN_FLOOR {
                    continue;
                }
                let gain = per_char - base;
                if gain < MARGIN {
                    continue;
                }
                if best.as_ref().is_none_or(|b| gain > b.gain) {
                    best = Some(Choice { gain, ..choice });
                }
            }
        }
        best
    }

    /// Turn a reading into text, inferring lost characters from context.
    fn resolve(&self, kind: String, reading: &Reading, left: &str, right: &str) -> Option<Choice> {
        // First the decoded text, so that inferred characters see their neighbours.
        let mut text = String::new();
        let mut inferred = Vec::new();
        let n = reading.pieces.len();
        for (i, piece) in reading.pieces.iter().enumerate() {
            match piece {
                Piece::Text(t) => text.push_str(t),
                Piece::Lost(lost) => {
                    let before = format!("{left}{text}");
                    let mut after = String::new();
                    for p in &reading.pieces[i + 1..n] {
                        if let Piece::Text(t) = p {
                            after.push_str(t);
                        }
                    }
                    after.push_str(right);
                    let (cands, p) = infer::rank(&self.lm, *lost, &before, &after, TOP_CANDIDATES);
                    let (c, _) = *cands.first()?;
                    let label = match lost {
                        readings::Lost::Lead { trail } => format!("?? {trail:02X}"),
                        readings::Lost::Trail { lead } => format!("{lead:02X} ??"),
                    };
                    inferred.push((text.chars().count(), label, cands, p));
                    text.push(c);
                }
            }
        }
        Some(Choice {
            kind,
            text,
            inferred,
            gain: 0.0,
        })
    }
}

fn double_name(kind: Kind) -> String {
    match kind {
        Kind::Utf8AsCp1252 => "utf8-double-cp1252".to_owned(),
        k => format!("{}-twice", k.as_str()),
    }
}

/// Map a gain (nats per char over the margin) to a confidence in (0, 1).
fn confidence(gain: f64) -> f64 {
    round3(1.0 - (-(gain - MARGIN + 1.0)).exp()).clamp(0.0, 1.0)
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The kind of an unrecoverable garbled run, if it is one: U+FFFD (bytes gone) or `锟斤拷`.
fn unrecoverable(run: &str) -> Option<&'static str> {
    if run.contains("锟斤拷") {
        Some("kunjinkao")
    } else if run.contains('\u{FFFD}') {
        Some("replacement-char")
    } else {
        None
    }
}

/// Runs of chars that are neither ASCII nor whitespace, as `[start, end)` indices.
fn runs(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii() || chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let s = i;
        while i < chars.len() && !chars[i].is_ascii() && !chars[i].is_whitespace() {
            i += 1;
        }
        out.push((s, i));
    }
    out
}
