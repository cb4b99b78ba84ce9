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
mod gate;
pub mod infer;
pub mod lm;
pub mod readings;
mod script;
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
            if let Some(n) = gate::line_is_clean(line, GAP) {
                out.text.push_str(line);
                char_base += n;
                continue;
            }
            let chars: Vec<char> = line.chars().collect();
            let mut pos = 0;
            for (s, e) in runs(&chars) {
                out.text.extend(&chars[pos..s]);
                pos = e;
                let run = &chars[s..e];
                let flag = |kind: &str, (fs, fe): (usize, usize)| Flag {
                    line: line_no + 1,
                    start: char_base + s + fs,
                    end: char_base + s + fe,
                    kind: kind.to_owned(),
                    unrepaired: true,
                };
                if unrecoverable_span(run).is_some() {
                    for (kind, span) in unrecoverable_stretches(run) {
                        out.flags.push(flag(kind, span));
                    }
                    out.text.extend(run);
                    continue;
                }
                let text: String = run.iter().collect();
                if in_latin_word(&chars, s, e) || !self.suspect(&text) {
                    out.text.extend(run);
                    continue;
                }
                let left = &chars[s.saturating_sub(CONTEXT)..s];
                let right = &chars[e..(e + CONTEXT).min(chars.len())];
                let rounds = self.rounds(left, run, right);
                let Some(last) = rounds.last() else {
                    if let Some(i) = run.iter().position(|&c| c == '\u{FFFD}') {
                        out.flags.push(flag("replacement-char", (i, i + 1)));
                    }
                    out.text.extend(run);
                    continue;
                };
                let fixed = last.0.clone();
                let fixed = &fixed;
                out.text.extend(fixed);
                let base = (char_base + s, ((char_base + s) as isize + shift) as usize);
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
                shift += fixed.len() as isize - run.len() as isize;
            }
            out.text.extend(&chars[pos..]);
            char_base += chars.len();
        }
        out
    }

    /// Repair a run in rounds (damage done twice, or a stretch that only reads once its
    /// neighbour is repaired), until a round changes nothing. Each round gives the run's
    /// text after it and its plan, with offsets into the run as it was before the round.
    fn rounds(&self, left: &[char], run: &[char], right: &[char]) -> Vec<Round> {
        let mut out: Vec<Round> = Vec::new();
        let mut cur = run.to_vec();
        for _ in 0..MAX_ROUNDS {
            let mut buf = left.to_vec();
            buf.extend(&cur);
            buf.extend(right);
            let l = left.len();
            let plan = self.plan(&buf, l, l + cur.len());
            if plan.is_empty() {
                break;
            }
            let mut next = Vec::with_capacity(cur.len());
            let mut at = 0;
            for (ps, pe, c) in &plan {
                next.extend(&cur[at..ps - l]);
                next.extend(c.text.chars());
                at = pe - l;
            }
            next.extend(&cur[at..]);
            let plan = plan
                .into_iter()
                .map(|(a, b, c)| (a - l, b - l, c))
                .collect();
            // another round only where the result still looks garbled
            let done = next == cur || !self.suspect(&next.iter().collect::<String>());
            cur = next.clone();
            out.push((next, plan));
            if done {
                break;
            }
        }
        out
    }

    /// Repairs for the run `chars[s..e]`: the whole run if it has a good reading, else the
    /// garbled stretches inside it (mojibake next to clean text), each with its reading.
    fn plan(&self, chars: &[char], s: usize, e: usize) -> Vec<Step> {
        let text = |a: usize, b: usize| -> String { chars[a..b].iter().collect() };
        // A run holding a word of another alphabet is text in that script, not mojibake.
        if script::has_alphabetic_word(&text(s, e)) {
            return Vec::new();
        }
        let whole = self.choose(&text(s, e), &text(0, s), &text(e, chars.len()));
        // When the run does not begin or end with chars that fit, the garbled stretch spans
        // it, and the whole-run reading stands.
        if whole.is_some() && !self.has_clean_edge(&chars[s..e]) {
            return whole.map(|c| vec![(s, e, c)]).unwrap_or_default();
        }
        let inner = self.inner_plan(chars, s, e);
        match whole {
            None => inner,
            Some(c) if inner.is_empty() => vec![(s, e, c)],
            // Both: keep the one whose result reads better (a whole run re-read may take clean
            // text next to the garbled stretch along with it).
            Some(c) => {
                let applied: String = apply(&chars[s..e], s, &inner).into_iter().collect();
                if self.lm.per_char(&applied) > self.lm.per_char(&c.text) {
                    inner
                } else {
                    vec![(s, e, c)]
                }
            }
        }
    }

    /// Whether the run begins or ends with [`CLEAN_EDGE`] chars that fit their neighbours.
    fn has_clean_edge(&self, run: &[char]) -> bool {
        let text: String = run.iter().collect();
        let costs = self.lm.char_costs(&text);
        let good = |c: &f64| *c >= BAD_CHAR;
        costs.len() > CLEAN_EDGE
            && (costs[..CLEAN_EDGE].iter().all(good)
                || costs[costs.len() - CLEAN_EDGE..].iter().all(good))
    }

    /// Repairs of stretches inside the run `chars[s..e]` (mojibake next to clean text).
    fn inner_plan(&self, chars: &[char], s: usize, e: usize) -> Vec<Step> {
        let text = |a: usize, b: usize| -> String { chars[a..b].iter().collect() };
        // Candidate stretches: where re-encoded bytes form valid UTF-8, and around clusters
        // of characters that do not fit their neighbours.
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for (a, b) in readings::utf8_stretches(&chars[s..e]) {
            spans.push((s + a, s + b));
        }
        let clusters = bad_clusters(&self.lm.char_costs(&text(s, e)));
        // A mark of a swallowed byte ends a misaligned stretch; it starts at the run's start,
        // near where chars stop fitting, or anywhere in the last MARKER_REACH chars before it.
        for p in (s..e).filter(|&p| readings::is_lost_marker(chars[p])) {
            let starts = std::iter::once(s)
                .chain(
                    clusters
                        .iter()
                        .flat_map(|&(cs, _)| (s + cs).saturating_sub(PAD)..=s + cs + PAD),
                )
                .chain(p.saturating_sub(MARKER_REACH)..p);
            for a in starts.filter(|&a| a >= s && a + 2 <= p) {
                spans.push((a, p + 1));
            }
        }
        for &(cs, ce) in &clusters {
            let (cs, ce) = (s + cs, s + ce);
            for a in cs.saturating_sub(PAD).max(s)..=(cs + PAD).min(ce) {
                for b in (ce.saturating_sub(PAD)..=(ce + PAD).min(e)).rev() {
                    if b >= a + 2 {
                        spans.push((a, b));
                    }
                }
            }
        }
        spans.sort_unstable();
        spans.dedup();
        let mut found: Vec<Step> = Vec::new();
        for (a, b) in spans {
            if unrecoverable_span(&chars[a..b]).is_some() {
                continue;
            }
            if let Some(c) = self.choose_in(&text(a, b), &text(0, a), &text(b, chars.len()), true)
                && c.gain >= SUB_MARGIN
                && self.lm.per_char(&c.text) >= SUB_FLOOR
            {
                found.push((a, b, c));
            }
        }
        // Keep the best non-overlapping stretches: most gain over the most chars first.
        found.sort_by(|x, y| {
            let wx = x.2.gain * (x.1 - x.0) as f64;
            let wy = y.2.gain * (y.1 - y.0) as f64;
            wy.total_cmp(&wx).then(x.0.cmp(&y.0)).then(x.1.cmp(&y.1))
        });
        let mut out: Vec<Step> = Vec::new();
        for f in found {
            if out.iter().all(|o| f.1 <= o.0 || f.0 >= o.1) {
                out.push(f);
            }
        }
        out.sort_by_key(|o| o.0);
        out
    }

    /// Whether a run does not read as Chinese. A single char is never suspect (mojibake of
    /// Chinese spans at least two), nor is a word of one alphabet (`Спасибо`, `Ελλάδα`).
    fn suspect(&self, run: &str) -> bool {
        if run.chars().nth(1).is_none() || script::is_alphabetic_word(run) {
            return false;
        }
        let chars: Vec<char> = run.chars().collect();
        if chars.iter().any(|&c| gate::odd(c)) || gate::gbk_utf8_stretch(&chars) {
            return true;
        }
        // Cheap: without rare chars close together, no stretch can fit badly.
        if !gate::may_be_ill_fitting(&chars, GAP) {
            return false;
        }
        // a low mean, or a cluster of chars that do not fit their neighbours (a short garbled
        // stretch inside a long clean run hardly moves the mean)
        let costs = self.lm.char_costs(run);
        costs.iter().sum::<f64>() / (costs.len() as f64) < SUSPECT
            || !bad_clusters(&costs).is_empty()
    }

    /// The best reading of `run` (between `left` and `right` on its line), if it is good enough.
    fn choose(&self, run: &str, left: &str, right: &str) -> Option<Choice> {
        self.choose_in(run, left, right, false)
    }

    /// [`Self::choose`], for a stretch inside a longer run when `inner` is set: a reading
    /// that is not UTF-8 then needs at least [`SUB_MIN`] chars.
    fn choose_in(&self, run: &str, left: &str, right: &str, inner: bool) -> Option<Choice> {
        if script::has_alphabetic_word(run) {
            return None;
        }
        let mut base: Option<f64> = None;
        let mut best: Option<(Choice, Reading)> = None;
        let han = run
            .chars()
            .filter(|&c| crate::segment::merge::is_han(c))
            .count();
        let hanzi_run = han * 3 >= run.chars().count() || run.chars().any(is_private_use);
        for kind in Kind::ALL {
            // GBK and Big5 read as each other (or out of step) give mostly Han characters; a
            // run of symbols (box drawing, stars) was not made that way.
            if kind.from_double_byte() && !hanzi_run {
                continue;
            }
            // Almost any pair of GBK characters is also a pair of Big5 bytes: a short run gives
            // too little evidence for reading one as the other.
            let n = run.chars().count();
            if (matches!(kind, Kind::Big5AsGbk | Kind::GbkAsBig5) || (inner && !kind.to_utf8()))
                && n < SUB_MIN
            {
                continue;
            }
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
                let Some(choice) = self.resolve(name, &r, left, right, QUICK_CANDIDATES) else {
                    continue;
                };
                let per_char = self.lm.per_char(&choice.text);
                // A double-byte reading turns pairs of bytes into chars; one that yields more
                // ASCII than the run held split a pair (`B` out of `釨`) and is no reading.
                let ascii = |t: &str| t.chars().filter(char::is_ascii).count();
                if per_char < CLEAN_FLOOR
                    || !reads_as_chinese(kind, &choice.text)
                    || (kind.from_double_byte() && ascii(&choice.text) > ascii(run))
                {
                    continue;
                }
                let gain = per_char - *base.get_or_insert_with(|| self.lm.per_char(run));
                if gain < MARGIN {
                    continue;
                }
                if best.as_ref().is_none_or(|b| gain > b.0.gain) {
                    best = Some((Choice { gain, ..choice }, r));
                }
            }
        }
        let (choice, reading) = best?;
        if choice.inferred.is_empty() {
            return Some(choice);
        }
        // The quick pass scored only the most frequent candidates for lost bytes; now all.
        let full = self.resolve(
            choice.kind.clone(),
            &reading,
            left,
            right,
            infer::MAX_SCORED,
        )?;
        let gain = self.lm.per_char(&full.text) - self.lm.per_char(run);
        Some(Choice { gain, ..full })
    }

    /// Turn a reading into text, inferring lost characters from context.
    fn resolve(
        &self,
        kind: String,
        reading: &Reading,
        left: &str,
        right: &str,
        limit: usize,
    ) -> Option<Choice> {
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
                    let (cands, p) =
                        infer::rank(&self.lm, *lost, &before, &after, TOP_CANDIDATES, limit);
                    let (c, _) = *cands.first()?;
                    let label = lost.label();
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

/// An unrecoverable stretch of a run, with its kind and `[start, end)` within the run:
/// `锟斤拷` anywhere, or dense U+FFFD (see [`dense_replacement`]).
fn unrecoverable_span(run: &[char]) -> Option<(&'static str, (usize, usize))> {
    let text: String = run.iter().collect();
    let kind = match unrecoverable(&text)? {
        "replacement-char" if !dense_replacement(run) => {
            return None;
        }
        k => k,
    };
    let bad =
        |c: &char| *c == '\u{FFFD}' || (kind == "kunjinkao" && matches!(c, '锟' | '斤' | '拷'));
    let first = run.iter().position(bad)?;
    let last = run.iter().rposition(bad)?;
    Some((kind, (first, last + 1)))
}

/// Whether U+FFFD is dense in `run`: at least two, and at least a quarter of its non-ASCII
/// chars. Then the bytes are gone (GBK read as UTF-8). A sparse U+FFFD may stand for a byte
/// swallowed at the end of a garbled stretch, or a GBK pair that Big5 could not read, and is
/// judged by the readings.
fn dense_replacement(run: &[char]) -> bool {
    let fffd = run.iter().filter(|&&c| c == '\u{FFFD}').count();
    let non_ascii = run.iter().filter(|c| !c.is_ascii()).count();
    fffd >= 2 && fffd * 4 >= non_ascii
}

/// Each stretch of U+FFFD and each stretch of `锟斤拷` in `run`, with its kind and
/// `[start, end)` within the run.
fn unrecoverable_stretches(run: &[char]) -> Vec<(&'static str, (usize, usize))> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < run.len() {
        let kin = |c: char| matches!(c, '锟' | '斤' | '拷');
        if run[i] == '\u{FFFD}' {
            let s = i;
            while i < run.len() && run[i] == '\u{FFFD}' {
                i += 1;
            }
            out.push(("replacement-char", (s, i)));
        } else if kin(run[i]) {
            let s = i;
            while i < run.len() && (kin(run[i]) || run[i] == '\u{FFFD}') {
                i += 1;
            }
            let stretch: String = run[s..i].iter().collect();
            if stretch.contains("锟斤拷") {
                out.push(("kunjinkao", (s, i)));
            }
        } else {
            i += 1;
        }
    }
    out
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

/// Whether `c` is a private-use code point (GBK's and Big5's user-defined areas decode there).
fn is_private_use(c: char) -> bool {
    ('\u{E000}'..='\u{F8FF}').contains(&c)
}

/// The run `run` (starting at offset `base`) with the steps of `plan` applied.
fn apply(run: &[char], base: usize, plan: &[Step]) -> Vec<char> {
    let mut out = Vec::with_capacity(run.len());
    let mut at = 0;
    for (a, b, c) in plan {
        out.extend(&run[at..a - base]);
        out.extend(c.text.chars());
        at = b - base;
    }
    out.extend(&run[at..]);
    out
}

/// Whether a reading under `kind` looks like repaired Chinese. A UTF-8 reading (valid UTF-8
/// is strong evidence by itself) must hold Han characters or Chinese punctuation and nothing
/// odd; other readings must be mostly Han, since a run of symbols may re-read as other
/// symbols.
fn reads_as_chinese(kind: Kind, text: &str) -> bool {
    if kind.to_utf8() {
        return !text.chars().any(is_odd)
            && text.chars().any(|c| {
                crate::segment::merge::is_han(c) || lm::is_common_punct(c) || is_fullwidth(c)
            });
    }
    mostly_han(text)
}

/// Whether `c` is a full-width form (`，`, `（`, `１`, `Ａ`).
fn is_fullwidth(c: char) -> bool {
    ('\u{FF01}'..='\u{FF5E}').contains(&c)
}

/// Whether `text` reads as Chinese: Han characters with Chinese punctuation and full-width
/// forms (`（ｌｅａｒｎｉｎｇ）`), at least twice as many as other non-ASCII chars.
fn mostly_han(text: &str) -> bool {
    let (mut han, mut chinese, mut other) = (0usize, 0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        if crate::segment::merge::is_han(c) {
            han += 1;
        } else if lm::is_common_punct(c) || is_fullwidth(c) {
            chinese += 1;
        } else {
            other += 1;
        }
    }
    han > 0 && han + chinese >= 2 * other.max(1) && han * 4 >= han + chinese
}

/// Shortest stretch repaired inside a longer run: two or three odd chars next to clean
/// text are too little evidence (traditional characters read poorly under a simplified
/// dictionary, for one).
const SUB_MIN: usize = 4;

/// Chars of context either side of a run given to the language model.
const CONTEXT: usize = 16;
/// Most rounds of repair of one run.
const MAX_ROUNDS: usize = 3;

/// One record for a run repaired in several rounds: the smallest span that changed.
fn combined<'a>(
    line: usize,
    (start, rstart): (usize, usize),
    run: &[char],
    fixed: &[char],
    choices: impl Iterator<Item = &'a Choice>,
) -> Repair {
    let pre = run.iter().zip(fixed).take_while(|(a, b)| a == b).count();
    let max_suf = run.len().min(fixed.len()) - pre;
    let suf = run
        .iter()
        .rev()
        .zip(fixed.iter().rev())
        .take(max_suf)
        .take_while(|(a, b)| a == b)
        .count();
    let mut kinds: Vec<&str> = Vec::new();
    let mut gain = f64::INFINITY;
    for c in choices {
        if !kinds.contains(&c.kind.as_str()) {
            kinds.push(&c.kind);
        }
        gain = gain.min(c.gain);
    }
    let after: String = fixed[pre..fixed.len() - suf].iter().collect();
    Repair {
        line,
        start: start + pre,
        end: start + run.len() - suf,
        repaired_start: rstart + pre,
        repaired_end: rstart + pre + after.chars().count(),
        before: run[pre..run.len() - suf].iter().collect(),
        after,
        kind: kinds.join("+"),
        confidence: confidence(gain),
        inferred: Vec::new(),
    }
}

/// A stretch inside a longer run needs a larger gain than a whole run: there are more
/// places to go wrong.
const SUB_MARGIN: f64 = 4.0;
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

/// Stretches `[start, end)` of chars that do not fit their neighbours: bad chars joined
/// across gaps of at most [`GAP`] good ones, at least two bad chars each.
fn bad_clusters(costs: &[f64]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
    for (i, &c) in costs.iter().enumerate() {
        if c >= BAD_CHAR {
            continue;
        }
        match out.last_mut() {
            Some((_, end, n)) if i <= *end + GAP => {
                *end = i + 1;
                *n += 1;
            }
            _ => out.push((i, i + 1, 1)),
        }
    }
    out.into_iter()
        .filter(|&(_, _, n)| n >= 2)
        .map(|(s, e, _)| (s, e))
        .collect()
}

/// The record of one repair.
fn record(
    line: usize,
    start: usize,
    end: usize,
    rstart: usize,
    before: &[char],
    choice: Choice,
) -> Repair {
    let after_len = choice.text.chars().count();
    Repair {
        line,
        start,
        end,
        repaired_start: rstart,
        repaired_end: rstart + after_len,
        before: before.iter().collect(),
        after: choice.text,
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
    }
}

/// Whether the run `[s, e)` is part of a Latin-script word (`Müller`, `Běijīng`, `35μg`),
/// not Chinese mojibake: it touches an ASCII letter, is at most [`LATIN_RUN`] chars long, and
/// holds no Han character.
fn in_latin_word(chars: &[char], s: usize, e: usize) -> bool {
    let touches = (s > 0 && chars[s - 1].is_ascii_alphabetic())
        || chars.get(e).is_some_and(|c| c.is_ascii_alphabetic());
    touches
        && e - s <= LATIN_RUN
        && !chars[s..e]
            .iter()
            .any(|&c| crate::segment::merge::is_han(c))
}

/// Longest run of accented letters taken as part of a Latin word.
const LATIN_RUN: usize = 3;

/// Most ASCII chars between two runs that are joined into one: the digits and commas that
/// mojibake leaves standing (`ï¼Œ6æœˆ25æ—¥`).
const JOIN_GAP: usize = 3;

/// Regions to examine, as `[start, end)` indices: runs of chars that are neither ASCII nor
/// whitespace (a no-break space, U+0085 and the ideographic space count as run chars:
/// ISO-8859-1 reads bytes A0 and 85 as the first two, GBK the pair A1 A1 as the third),
/// joined across gaps of at most [`JOIN_GAP`] ASCII chars within a line.
fn runs(chars: &[char]) -> Vec<(usize, usize)> {
    let in_run = |c: char| {
        matches!(c, '\u{A0}' | '\u{85}' | '\u{3000}') || (!c.is_ascii() && !c.is_whitespace())
    };
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !in_run(chars[i]) {
            i += 1;
            continue;
        }
        let s = i;
        while i < chars.len() && in_run(chars[i]) {
            i += 1;
        }
        // a `?` right after the run may be a legacy decoder's mark of a swallowed byte
        if chars.get(i) == Some(&'?') {
            i += 1;
        }
        match out.last_mut() {
            Some((_, end))
                if s - *end <= JOIN_GAP
                    && chars[*end..s]
                        .iter()
                        .all(|&c| c.is_ascii() && c != '\n' && c != '\r') =>
            {
                *end = i;
            }
            _ => out.push((s, i)),
        }
    }
    out
}
