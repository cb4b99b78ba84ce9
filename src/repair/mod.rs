//! Repair: find garbled runs (mojibake) and repair them, recording every change.
//!
//! The mechanism, for each line (files, one concern each):
//! 1. **Gate** (`gate`): a per-character table clears most clean lines in one pass.
//! 2. **Detect** (`regions`, `choose`): split the line into regions of non-ASCII,
//!    non-space characters (joined across short ASCII gaps) and keep those that do not read
//!    as Chinese: characters clean text hardly uses, GBK bytes forming UTF-8, or a
//!    language-model score far below that of clean text.
//! 3. **Re-read** ([`readings`]): every candidate re-decoding, of the whole region and of
//!    stretches inside it (`plan`), in rounds for damage done twice.
//! 4. **Infer** lost bytes ([`infer`]): every character whose encoding fits the surviving
//!    bytes is scored in context.
//! 5. **Choose** (`choose`): the language model ([`lm`]) scores each reading; the best
//!    replaces the text only when it reads as clean Chinese and beats the garbled text by a
//!    margin. Otherwise the text is left alone, and U+FFFD or `锟斤拷` is flagged as
//!    unrecoverable (`regions`). Every change is recorded (`record`, [`Repair`]).

mod bigram;
mod cache;
mod choose;
pub mod codec;
mod gate;
pub mod infer;
mod line;
mod line_end;
pub mod lm;
mod plan;
pub mod readings;
mod record;
mod regions;
mod script;
mod types;
mod whole;

pub use types::{Candidate, Flag, Inferred, Repair, Repaired};

use line::{Judged, repaired_after, repaired_before};
use lm::{LanguageModel, is_odd};
use readings::{Kind, Piece, Reading, read_as};
use record::{combined, record};
use regions::{in_latin_word, runs, unrecoverable_span, unrecoverable_stretches};
use whole::{WHOLE_KINDS, WHOLE_MIN_REPAIRS, WHOLE_SAMPLE, WholeUtf8, read_back};

/// Minimum gain in mean log-probability per char for a reading to replace a run.
pub const MARGIN: f64 = 2.5;
/// A reading must score at least this per char to count as clean text.
pub const CLEAN_FLOOR: f64 = -11.0;
/// A run scoring below this per char is suspect.
pub const SUSPECT: f64 = -10.0;
/// How many candidates for a lost byte are scored while readings are compared; the chosen
/// reading's are then scored in full.
pub const QUICK_CANDIDATES: usize = 8;
/// How many candidates are recorded for an inferred character.
pub const TOP_CANDIDATES: usize = 5;

/// The repairer. Build once and share (`Send + Sync`).
#[derive(Debug, Default)]
pub struct Repairer {
    lm: LanguageModel,
}

/// A character inferred in a reading: char offset within the reading's text, the surviving
/// bytes' label, ranked candidates, and the probability of the best.
type InferredChar = (usize, String, Vec<(char, f64)>, f64);

/// A stretch `[start, end)` of a run and its chosen reading.
type Step = (usize, usize, Choice);
/// One round of repair of a run: the run's text after it, and its steps.
type Round = (Vec<char>, Vec<Step>);

/// A chosen reading of a run.
struct Choice {
    kind: String,
    text: String,
    /// (char offset within `text`, surviving-bytes label, ranked candidates, p(best))
    inferred: Vec<InferredChar>,
    gain: f64,
}

/// Shortest stretch repaired inside a longer run: two or three odd chars next to clean
/// text are too little evidence (traditional characters read poorly under a simplified
/// dictionary, for one).
const SUB_MIN: usize = 4;
/// Gain per char, judged with the chars of its line around it, that a double-byte reading of
/// a run shorter than [`SUB_MIN`] needs: the run must have read as nonsense where its
/// reading forms words with its neighbours (`指樅裔般` → 指甲盖般).
const SHORT_MARGIN: f64 = 10.0;
/// The gain recorded for a run read as UTF-8 of another script (see
/// [`choose::other_script_reading`]), which the word model cannot judge: a confidence of 0.95.
const OTHER_SCRIPT_GAIN: f64 = 4.5;
/// Least share of a GBK/Big5 reading's Han chars that must fall in words of two chars or more
/// when the run bears no mark of damage: mojibake of text reads back as text, a list of rare
/// chars (a dictionary's lines, `栖栖遑遑`) re-reads as commoner chars standing alone.
const WORD_SHARE: f64 = 0.2;
/// Chars of context either side of a run given to the language model.
const CONTEXT: usize = 16;
/// Chars of the line before a run handed to its repair: the language model reads
/// [`CONTEXT`] of them; the marks and the length of the line say which mark may end it
/// (`line_end`), and whether a question or a quote is open.
const LINE_BEFORE: usize = 64;
/// Most rounds of repair of one run.
const MAX_ROUNDS: usize = 3;
/// A stretch inside a longer run needs a larger gain than a whole run: there are more
/// places to go wrong.
const SUB_MARGIN: f64 = 4.0;
/// Chars of context each side of a stretch when its gain is judged in context.
const CONTEXT_GAIN: usize = 3;
/// And its reading must read plainly as Chinese.
const SUB_FLOOR: f64 = -10.0;
/// How many fitting chars at a run's edge make it worth looking for a garbled stretch inside.
const CLEAN_EDGE: usize = 2;
/// How far before a mark of a swallowed byte every start of a misaligned stretch is tried.
const MARKER_REACH: usize = 48;
/// How far the ends of a garbled stretch are moved when searching its exact extent.
const PAD: usize = 3;
/// A char costing less than this (per char, along the best segmentation) does not fit.
pub(crate) const BAD_CHAR: f64 = -11.5;
/// Good chars allowed inside a cluster of bad ones.
const GAP: usize = 2;
/// Longest run of accented letters taken as part of a Latin word.
const LATIN_RUN: usize = 3;
/// Most ASCII chars between two runs that are joined into one: the digits and commas that
/// mojibake leaves standing (`ï¼Œ6æœˆ25æ—¥`).
const JOIN_GAP: usize = 3;

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
    ///
    /// A document read whole as GBK or windows-1252 while it was UTF-8 is repaired in a second
    /// pass when the first shows it (see `whole.rs`: a test over its runs, its clean lines
    /// included): every run whose bytes read back as UTF-8 with none lost is read back,
    /// whatever its script (`鈽兾层儎` → `☃βツ`).
    pub fn repair(&self, text: &str) -> Repaired {
        let out = self.repair_pass(text, None);
        for kind in WHOLE_KINDS {
            let repairs = out
                .repairs
                .iter()
                .filter(|r| r.kind == kind.as_str())
                .count();
            if repairs < WHOLE_MIN_REPAIRS {
                continue;
            }
            // the runs the first pass left alone, in lines it found clean too (a line of
            // `鈽兾层儎` reads as clean Chinese to it)
            let mut stats = WholeUtf8::default();
            let mut base = 0;
            let mut next = 0; // the first repair that may overlap a run
            for line in text.split_inclusive('\n') {
                if stats.runs >= WHOLE_SAMPLE {
                    break;
                }
                let chars: Vec<char> = line.chars().collect();
                if !line.is_ascii() {
                    for (s, e) in runs(&chars) {
                        let (s0, e0) = (base + s, base + e);
                        while next < out.repairs.len() && out.repairs[next].end <= s0 {
                            next += 1;
                        }
                        if out.repairs.get(next).is_none_or(|r| r.start >= e0) {
                            stats.left_alone(kind, &chars[s..e]);
                        }
                    }
                }
                base += chars.len();
            }
            if stats.holds(repairs) {
                return self.repair_pass(text, Some(kind));
            }
        }
        out
    }

    /// One pass of [`Self::repair`]: with `whole` set (the document was read whole with that
    /// kind of damage), every line that is not ASCII is judged, and runs left alone are read
    /// back as UTF-8 where they can be.
    fn repair_pass(&self, text: &str, whole: Option<Kind>) -> Repaired {
        let mut out = Repaired::default();
        out.text.reserve(text.len());
        let mut char_base = 0usize; // char offset of the line in the decoded text
        let mut shift: isize = 0; // repaired offset minus decoded offset so far
        // what the document says of the chars of lost bytes, built when one is first ranked
        let mut doc: Option<cache::Active> = None;
        let mut line_end = 0; // byte offset in `text` of the end of the line
        for (line_no, line) in text.split_inclusive('\n').enumerate() {
            line_end += line.len();
            // (a document read whole as GBK has every line with Han chars judged)
            let judge_all = whole.is_some() && !line.is_ascii();
            if let Some(n) = gate::line_is_clean(line, GAP).filter(|_| !judge_all) {
                out.text.push_str(line);
                char_base += n;
                continue;
            }
            let mark = (out.text.len(), out.repairs.len(), out.flags.len(), shift);
            cache::take_wanted();
            self.repair_line(line, (line_no, char_base), &mut shift, &mut out, whole);
            // the first line whose lost bytes want the document's evidence builds it, and is
            // repaired again with it
            if doc.is_none() && cache::take_wanted() {
                out.text.truncate(mark.0);
                out.repairs.truncate(mark.1);
                out.flags.truncate(mark.2);
                shift = mark.3;
                // the lines before as repaired, and the clean lines after
                let mut c = cache::DocCache::default();
                for l in out.text.split_inclusive('\n') {
                    c.add_line(l);
                }
                for l in text[line_end..].split_inclusive('\n') {
                    if gate::line_is_clean(l, GAP).is_some() {
                        c.add_line(l);
                    }
                }
                doc = Some(cache::Active::set(c));
                self.repair_line(line, (line_no, char_base), &mut shift, &mut out, whole);
            }
            if let Some(doc) = &doc {
                doc.add_line(&out.text[mark.0..]);
            }
            char_base += line.chars().count();
        }
        out
    }

    /// Repair one line that is not clean (`line_no` from 0, starting at char `char_base` of
    /// the text), appending to `out`; `shift` is the repaired offset minus the input offset
    /// so far.
    fn repair_line(
        &self,
        line: &str,
        (line_no, char_base): (usize, usize),
        shift: &mut isize,
        out: &mut Repaired,
        whole: Option<Kind>,
    ) {
        let chars: Vec<char> = line.chars().collect();
        // a line in traditional characters is judged with them read as simplified
        let traditional;
        let this = if lm::is_traditional(chars.iter().copied()) {
            traditional = Repairer {
                lm: self.lm.traditional(),
            };
            &traditional
        } else {
            self
        };
        // First each run in turn, judged with the line before it as repaired so far.
        let mut judged: Vec<Judged> = Vec::new();
        for (s, e) in runs(&chars) {
            let run = &chars[s..e];
            let mut j = Judged {
                span: (s, e),
                rounds: Vec::new(),
                flags: Vec::new(),
                retry: false,
            };
            if unrecoverable_span(run).is_some() && !readings::holes_explain(run) {
                j.flags = unrecoverable_stretches(run)
                    .into_iter()
                    .map(|(kind, span)| (kind.to_owned(), span))
                    .collect();
                judged.push(j);
                continue;
            }
            let text: String = run.iter().collect();
            // chars inside a Latin word (`znak贸w`) are no Chinese: the UTF-8 of letters
            // read as GBK, when their bytes read back as such
            let glued = s > 0
                && chars[s - 1].is_ascii_alphabetic()
                && chars.get(e).is_some_and(|c| c.is_ascii_alphabetic())
                && choose::other_script_reading(&text, Some(chars[s - 1]), chars.get(e).copied())
                    .is_some();
            if in_latin_word(&chars, s, e) {
                judged.push(j);
                continue;
            }
            // in a document read whole with the wrong encoding, a run that reads back whole
            // with no byte lost is read back whole (`☃Î²ãƒ„`, where the snowman alone reads
            // as text to the word model)
            j.rounds = read_back(run, whole);
            if !j.rounds.is_empty() {
                judged.push(j);
                continue;
            }
            if !glued && !this.suspect(&text) {
                j.rounds = read_back(run, whole);
                judged.push(j);
                continue;
            }
            // the line before the run as repaired so far: what a second pass would see
            let left = repaired_before(&chars, &judged, s, LINE_BEFORE);
            let right = &chars[e..(e + CONTEXT).min(chars.len())];
            j.rounds = this.rounds(&left, run, right);
            if j.rounds.is_empty() {
                j.rounds = read_back(run, whole);
            }
            if j.rounds.is_empty() {
                j.retry = true;
                if let Some(i) = run.iter().position(|&c| c == '\u{FFFD}') {
                    j.flags.push(("replacement-char".to_owned(), (i, i + 1)));
                }
            }
            judged.push(j);
        }
        // Then a run left alone before one that was repaired is judged again with the
        // line after it as repaired, as a second pass over the output would judge it:
        // repairing twice changes nothing more.
        // (whether the line reads as traditional characters is settled again too: mojibake
        // looks traditional, and the line no longer holds what was repaired)
        let last_repaired = judged.iter().rposition(|j| !j.rounds.is_empty());
        let retried;
        let this = if last_repaired.is_some_and(|last| judged[..last].iter().any(|j| j.retry)) {
            let line_now = repaired_after(&chars, &judged, 0, usize::MAX);
            if lm::is_traditional(line_now.iter().copied()) {
                retried = Repairer {
                    lm: self.lm.traditional(),
                };
                &retried
            } else {
                self
            }
        } else {
            this
        };
        for k in 0..last_repaired.unwrap_or(0) {
            if !judged[k].retry {
                continue;
            }
            let (s, e) = judged[k].span;
            let left = repaired_before(&chars, &judged, s, LINE_BEFORE);
            let right = repaired_after(&chars, &judged, e, CONTEXT);
            let rounds = this.rounds(&left, &chars[s..e], &right);
            if !rounds.is_empty() {
                judged[k].rounds = rounds;
                judged[k].flags.clear();
            }
        }
        let mut pos = 0;
        for j in judged {
            let (s, e) = j.span;
            out.text.extend(&chars[pos..s]);
            pos = e;
            let run = &chars[s..e];
            for (kind, (fs, fe)) in j.flags {
                out.flags.push(Flag {
                    line: line_no + 1,
                    start: char_base + s + fs,
                    end: char_base + s + fe,
                    kind,
                    unrepaired: true,
                });
            }
            let rounds = j.rounds;
            let Some(last) = rounds.last() else {
                out.text.extend(run);
                continue;
            };
            let fixed = last.0.clone();
            let fixed = &fixed;
            out.text.extend(fixed);
            let base = (char_base + s, ((char_base + s) as isize + *shift) as usize);
            if rounds.len() == 1 {
                let (_, plan) = rounds.into_iter().next().unwrap_or_default();
                let mut rshift = 0isize;
                for (ps, pe, choice) in plan {
                    let rs = (base.1 as isize + ps as isize + rshift) as usize;
                    rshift += choice.text.chars().count() as isize - (pe - ps) as isize;
                    out.repairs.push(record(
                        line_no + 1,
                        base.0 + ps,
                        base.0 + pe,
                        rs,
                        &run[ps..pe],
                        choice,
                    ));
                }
            } else {
                out.repairs.push(combined(
                    line_no + 1,
                    base,
                    run,
                    fixed,
                    rounds.iter().flat_map(|r| r.1.iter().map(|p| &p.2)),
                ));
            }
            *shift += fixed.len() as isize - run.len() as isize;
        }
        out.text.extend(&chars[pos..]);
    }
}
