//! Inferring a character whose other byte was lost, from the surviving byte and context.
//!
//! Every character whose GBK encoding fits the surviving byte is a candidate; each is scored
//! by the language model in its context (a few characters either side), best first.

use std::sync::{Arc, LazyLock, Mutex};

use rustc_hash::FxHashMap;

use super::codec::gbk_pair;
use super::lm::{LanguageModel, is_common_punct};
use super::readings::{HoleBytes, Lost};
use crate::segment::merge::is_han;

/// Most candidates scored in context; when more fit, the most frequent are kept.
pub const MAX_SCORED: usize = 400;

/// Weight of the association with the neighbouring chars ([`super::bigram`]) in a
/// candidate's score.
const PAIR_WEIGHT: f64 = 0.5;

/// Weight of the runs of three chars around a candidate ([`super::bigram::Bigrams::fit3`]).
const TRI_WEIGHT: f64 = 0.5;

/// How many chars of context either side are scored with a candidate.
pub const CONTEXT: usize = 6;

/// The characters whose GBK encoding fits the surviving byte of `lost`: Han characters and
/// common punctuation only (a lost byte of clean text is never a symbol from an odd block).
pub fn fitting_chars(lost: Lost) -> Vec<char> {
    if let Lost::Utf8 { prefix, len } = lost {
        return utf8_completions(&prefix[..usize::from(len)]);
    }
    if let Lost::Hole {
        bytes,
        len,
        mask,
        hole,
        after,
    } = lost
    {
        return hole_completions(bytes, usize::from(len), mask, hole, after);
    }
    if lost == Lost::GbkPair {
        return NOT_BIG5.clone();
    }
    let pairs: Vec<(u8, u8)> = match lost {
        Lost::Lead { trail } => (0x81..=0xFE).map(|l| (l, trail)).collect(),
        Lost::Cp1252Gap { known, lead_lost } => super::readings::CP1252_UNDEFINED
            .iter()
            .map(|&b| if lead_lost { (b, known) } else { (known, b) })
            .collect(),
        Lost::PairGap {
            big5,
            known,
            lead_lost,
            next,
        } => {
            let (hole, decoder) = if big5 {
                (HoleBytes::Gbk, encoding_rs::BIG5)
            } else {
                (HoleBytes::Big5, encoding_rs::GBK)
            };
            return (0x40..=0xFEu8)
                .filter(|&x| {
                    if lead_lost {
                        hole.fits(x, Some(known))
                    } else {
                        hole.fits(x, next)
                    }
                })
                .filter_map(|x| {
                    let pair = if lead_lost { [x, known] } else { [known, x] };
                    let s = super::codec::decode_strict(decoder, &pair)?;
                    let mut cs = s.chars();
                    match (cs.next(), cs.next()) {
                        (Some(c), None) if may_fill(c) => Some(c),
                        _ => None,
                    }
                })
                .collect();
        }
        Lost::Utf8 { .. } | Lost::GbkPair | Lost::Hole { .. } => Vec::new(),
        Lost::Trail { lead } => (0x40..=0xFE)
            .filter(|&t| t != 0x7F)
            .map(|t| (lead, t))
            .collect(),
    };
    pairs
        .into_iter()
        .filter_map(|(l, t)| gbk_pair(l, t))
        .filter(|&c| may_fill(c))
        .collect()
}

/// Whether `c` may stand where bytes were lost: a Han character, common punctuation, or a
/// full-width digit or letter (as GBK text writes numbers and Latin words; a letter only
/// next to another letter, see [`rank`]).
fn may_fill(c: char) -> bool {
    is_han(c) || is_common_punct(c) || ('０'..='９').contains(&c) || is_fullwidth_letter(c)
}

/// Whether `c` is a full-width Latin letter (`Ａ`–`Ｚ`, `ａ`–`ｚ`).
fn is_fullwidth_letter(c: char) -> bool {
    ('Ａ'..='Ｚ').contains(&c) || ('ａ'..='ｚ').contains(&c)
}

/// Whether `c` is a letter of a Latin word, ASCII or full-width.
fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || is_fullwidth_letter(c)
}

/// The Han characters and common punctuation that fill the lost bytes (`mask`) of the UTF-8
/// sequence `bytes[..len]` (followed by `after`) with bytes that fit `hole`.
fn hole_completions(
    bytes: [u8; 4],
    len: usize,
    mask: u8,
    hole: super::readings::HoleBytes,
    after: Option<u8>,
) -> Vec<char> {
    let at: Vec<usize> = (0..len).filter(|&i| mask & (1 << i) != 0).collect();
    let mut out = Vec::new();
    let mut buf = bytes;
    // every assignment of continuation bytes to the lost positions
    for code in 0..64u32.pow(at.len() as u32) {
        for (k, &p) in at.iter().enumerate() {
            buf[p] = 0x80 | ((code >> (6 * k)) & 0x3F) as u8;
        }
        let next = |p: usize| if p + 1 < len { Some(buf[p + 1]) } else { after };
        if !at.iter().all(|&p| hole.fits(buf[p], next(p))) {
            continue;
        }
        if let Ok(s) = std::str::from_utf8(&buf[..len])
            && let Some(c) = s.chars().next()
            && may_fill(c)
        {
            out.push(c);
        }
    }
    out
}

/// [`fitting_chars`] sorted by dictionary frequency, most frequent first; computed once per
/// kind of loss and kept.
fn by_frequency(lost: Lost) -> Arc<Vec<char>> {
    static CACHE: LazyLock<Mutex<FxHashMap<Lost, Arc<Vec<char>>>>> =
        LazyLock::new(Default::default);
    if let Some(v) = CACHE.lock().ok().and_then(|m| m.get(&lost).cloned()) {
        return v;
    }
    let dict = &crate::resources::DICTIONARY;
    let mut buf = [0u8; 4];
    let mut keyed: Vec<(u32, char)> = fitting_chars(lost)
        .into_iter()
        .map(|c| (dict.freq(c.encode_utf8(&mut buf)), c))
        .collect();
    keyed.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let v = Arc::new(keyed.into_iter().map(|(_, c)| c).collect::<Vec<char>>());
    if let Ok(mut m) = CACHE.lock() {
        m.insert(lost, v.clone());
    }
    v
}

/// The Han characters and common punctuation whose GBK pair of bytes a Big5 decoder rejects
/// whole (its trail byte is not ASCII, so both bytes are consumed).
static NOT_BIG5: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
    let mut out = Vec::new();
    for lead in 0x81..=0xFEu8 {
        for trail in (0x80..=0xFEu8).filter(|&t| t != 0x7F) {
            if let Some(c) = gbk_pair(lead, trail)
                && (is_han(c) || is_common_punct(c))
                && super::codec::decode_strict(encoding_rs::BIG5, &[lead, trail]).is_none()
            {
                out.push(c);
            }
        }
    }
    out
});

/// The Han characters and common punctuation whose UTF-8 encoding starts with `prefix`
/// (two- and three-byte sequences; a four-byte one has too many completions to judge).
fn utf8_completions(prefix: &[u8]) -> Vec<char> {
    let total = super::readings::utf8_len(prefix[0]);
    if total == 0 || total > 3 || prefix.len() >= total {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut buf = [0u8; 3];
    buf[..prefix.len()].copy_from_slice(prefix);
    let missing = total - prefix.len();
    for n in 0..(1u32 << (6 * missing)) {
        for k in 0..missing {
            buf[prefix.len() + k] = 0x80 | ((n >> (6 * (missing - 1 - k))) & 0x3F) as u8;
        }
        if let Ok(s) = std::str::from_utf8(&buf[..total])
            && let Some(c) = s.chars().next()
            && (is_han(c) || is_common_punct(c) || super::lm::is_text_symbol(c))
        {
            out.push(c);
        }
    }
    out
}

/// Opening and closing marks that come in pairs.
pub(super) const PAIRS: [(char, char); 8] = [
    ('“', '”'),
    ('‘', '’'),
    ('「', '」'),
    ('『', '』'),
    ('（', '）'),
    ('《', '》'),
    ('【', '】'),
    ('〈', '〉'),
];

/// Characters that commonly follow a number: dates, times, money, measure words.
const AFTER_NUMBER: &str = "年月日号时点分秒元角万亿岁天周次个名位家项件台人倍米克吨度";

/// Bonus for a closing mark where its opening mark is open on the line.
const PAIR_BONUS: f64 = 4.0;
/// More bonus for a closing mark where nothing closes the open mark later on the line.
const UNCLOSED_BONUS: f64 = 2.0;
/// Bonus for a question mark after a question word in its sentence.
const QUESTION_BONUS: f64 = 4.0;

/// Words that make a sentence a question.
const QUESTION_WORDS: [&str; 12] = [
    "吗",
    "呢",
    "什么",
    "为什么",
    "如何",
    "怎么",
    "怎样",
    "谁",
    "哪",
    "是否",
    "难道",
    "多少",
];

/// How well `c` fits its line beyond what the word model sees (log-probability units):
/// paired marks must pair up (a closing mark is likely where one is open), a question mark
/// needs a question, digits come in runs, and a number is followed by a unit or a date part.
pub fn fit_bonus(c: char, left: &str, right: &str) -> f64 {
    LineFacts::new(left, right).bonus(c)
}

/// What [`fit_bonus`] needs to know of a line, worked out once for all candidates.
struct LineFacts {
    /// For each pair of marks: whether one is open on the left, and whether the right
    /// closes one.
    pairs: [(bool, bool); PAIRS.len()],
    question: bool,
    /// The char before is a digit: `Some(true)` when full-width.
    digit_before: Option<bool>,
    /// A number ends right before, or before a space (`5 月`, as text that spaces out
    /// numbers writes them).
    number_before: bool,
    /// The char after is a digit: `Some(true)` when full-width.
    digit_after: Option<bool>,
    /// The line goes on with a mark that ends a clause (`，`, `,`, `。`, …).
    clause_mark_after: bool,
}

/// Marks that end a clause or sentence: two of them in a row (`。,`) hardly occur, where a
/// closing mark before one (`」,`, `）。`) is common.
fn ends_clause(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '、' | '；' | '：' | '！' | '？' | ',' | '.' | ';' | ':' | '!' | '?'
    )
}

/// Whether `x` is a digit (`Some`), and a full-width one (`Some(true)`).
fn digit_width(x: char) -> Option<bool> {
    if x.is_ascii_digit() {
        Some(false)
    } else if ('０'..='９').contains(&x) {
        Some(true)
    } else {
        None
    }
}

impl LineFacts {
    fn new(left: &str, right: &str) -> Self {
        let left_line = left.rsplit('\n').next().unwrap_or("");
        let right_line = right.split('\n').next().unwrap_or("");
        let mut pairs = [(false, false); PAIRS.len()];
        for (k, (open, close)) in PAIRS.iter().enumerate() {
            let opens = left_line.matches(*open).count();
            let closes = left_line.matches(*close).count();
            pairs[k] = (opens > closes, right_line.contains(*close));
        }
        let sentence = left_line.rsplit(['。', '！', '？']).next().unwrap_or("");
        LineFacts {
            pairs,
            question: QUESTION_WORDS.iter().any(|w| sentence.contains(w)),
            digit_before: left.chars().next_back().and_then(digit_width),
            number_before: left
                .trim_end_matches(' ')
                .chars()
                .next_back()
                .and_then(digit_width)
                .is_some(),
            digit_after: right.chars().next().and_then(digit_width),
            clause_mark_after: right.chars().next().is_some_and(ends_clause),
        }
    }

    fn bonus(&self, c: char) -> f64 {
        let mut bonus = 0.0;
        for (k, (open, close)) in PAIRS.iter().enumerate() {
            let (is_open, closed_later) = self.pairs[k];
            if c == *close {
                // an open mark that nothing closes later on the line wants closing here
                bonus += match (is_open, closed_later) {
                    (true, false) => PAIR_BONUS + UNCLOSED_BONUS,
                    (true, true) => PAIR_BONUS,
                    (false, _) => -8.0,
                };
            } else if c == *open && !closed_later {
                bonus -= 3.0;
            }
        }
        if self.clause_mark_after && ends_clause(c) {
            bonus -= 6.0;
        }
        if c == '？' || c == '?' {
            bonus += if self.question { QUESTION_BONUS } else { -1.5 };
        }
        if self.number_before && AFTER_NUMBER.contains(c) {
            bonus += 2.0;
        }
        if let Some(wide) = digit_width(c) {
            // a digit stands beside other digits of its width (`１.9６` is no number); alone
            // it is no better guess than any char
            let beside = self.digit_before == Some(wide) || self.digit_after == Some(wide);
            bonus += if beside { 3.0 } else { -6.0 };
        }
        bonus
    }
}

/// Scores of the fitting chars of one lost byte in one context, before the line's bonuses:
/// the same stretch is read many times while its extent is searched.
type Key = (
    Lost,
    String,
    String,
    usize,
    [Option<char>; 2],
    [Option<char>; 2],
    bool,
);

/// Scored candidates, in the order of [`by_frequency`].
type Scored = Arc<Vec<(char, f64)>>;

thread_local! {
    static SCORES: std::cell::RefCell<FxHashMap<Key, Scored>> =
        std::cell::RefCell::new(FxHashMap::default());
}

/// Entries kept in [`SCORES`] before it is emptied.
const CACHE_LIMIT: usize = 4096;

/// Rank the characters that fit `lost` between `left` and `right` (the neighbouring text),
/// best first, keeping `top` of them; when more than `limit` fit, only the `limit` most
/// frequent are scored. Scores are log-probabilities of `left + c + right`, plus how well `c`
/// fits its line ([`fit_bonus`]) and goes with the chars beside it (the char-pair table, `bigram.rs`).
/// Also returns the probability of the best one among all that fit (a softmax of the scores).
pub fn rank(
    lm: &LanguageModel,
    lost: Lost,
    left: &str,
    right: &str,
    top: usize,
    limit: usize,
) -> (Vec<(char, f64)>, f64) {
    let (line_left, line_right) = (left, right);
    let left: String = {
        let cs: Vec<char> = left.chars().collect();
        cs[cs.len().saturating_sub(CONTEXT)..].iter().collect()
    };
    let right: String = right.chars().take(CONTEXT).collect();
    let mut lc = line_left.chars().rev().take_while(|&c| c != '\n');
    let before2 = [lc.next(), lc.next()];
    let mut rc = line_right.chars().take_while(|&c| c != '\n' && c != '\r');
    let after2 = [rc.next(), rc.next()];
    let (before, after) = (before2[0], after2[0]);
    let key: Key = (
        lost,
        left,
        right,
        limit,
        before2,
        after2,
        lm.reads_traditional(),
    );
    let base = SCORES.with(|m| m.borrow().get(&key).cloned());
    let base = match base {
        Some(v) => v,
        None => {
            let (_, left, right, ..) = &key;
            // the most frequent characters first: a rare one would need overwhelming context
            let v: Scored = Arc::new(
                by_frequency(lost)
                    .iter()
                    // a letter stands only inside a Latin word
                    .filter(|&&c| {
                        !is_fullwidth_letter(c)
                            || before.is_some_and(is_letter)
                            || after.is_some_and(is_letter)
                    })
                    .take(limit)
                    .map(|&c| {
                        let mut s = String::with_capacity(left.len() + right.len() + 4);
                        s.push_str(left);
                        s.push(c);
                        s.push_str(right);
                        let t = &*super::bigram::BIGRAMS;
                        let pairs = t.fit(before, c, after);
                        let runs = t.fit3(before2, c, after2);
                        (c, lm.score(&s) + PAIR_WEIGHT * pairs + TRI_WEIGHT * runs)
                    })
                    .collect(),
            );
            SCORES.with(|m| {
                let mut m = m.borrow_mut();
                if m.len() >= CACHE_LIMIT {
                    m.clear();
                }
                m.insert(key, v.clone());
            });
            v
        }
    };
    let facts = LineFacts::new(line_left, line_right);
    let mut scored: Vec<(char, f64)> = base
        .iter()
        .map(|&(c, s)| {
            (
                c,
                s + facts.bonus(c) + super::cache::fit(before2, c, after2),
            )
        })
        .collect();
    if after.is_none() {
        // the last char of its line: the marks inside the line say which mark ends it
        end_of_line(&mut scored, &base, line_left);
    }
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let p_best = match scored.first() {
        Some(&(_, best)) => 1.0 / scored.iter().map(|&(_, s)| (s - best).exp()).sum::<f64>(),
        None => 0.0,
    };
    scored.truncate(top);
    (scored, p_best)
}

/// How many candidates of each of two lost chars side by side are judged together.
const PAIR_CANDIDATES: usize = 8;

/// The best pair of chars for two lost chars side by side (`lost.0` right after `left`,
/// `lost.1` right before `right`), judged together: the best few of the first (judged
/// without the second), each with the best few of the second after it, scored as a whole
/// with the same models as [`rank`].
pub fn best_pair(
    lm: &LanguageModel,
    lost: (Lost, Lost),
    left: &str,
    right: &str,
    limit: usize,
) -> Option<(char, char)> {
    let (firsts, _) = rank(lm, lost.0, left, right, PAIR_CANDIDATES, limit);
    // digits come in runs, but two lost ones make no run without a digit that survived
    // beside them (`－－` is no `００`)
    let is_digit = |c: Option<char>| c.and_then(digit_width).is_some();
    let survived = is_digit(left.chars().next_back()) || is_digit(right.chars().next());
    let mut best: Option<(f64, char, char)> = None;
    for &(c1, _) in &firsts {
        let with = format!("{left}{c1}");
        let (seconds, _) = rank(lm, lost.1, &with, right, PAIR_CANDIDATES, limit);
        for &(c2, s2) in &seconds {
            if is_digit(Some(c1)) && is_digit(Some(c2)) && !survived {
                continue;
            }
            // the second's score covers the text around it, the first included; add what
            // only the first's own fit says (its neighbour on the left, the line's marks)
            let s = s2 + fit_first(c1, c2, left, right);
            if best.is_none_or(|b| s > b.0) {
                best = Some((s, c1, c2));
            }
        }
    }
    best.map(|(_, c1, c2)| (c1, c2))
}

/// What the first of two chars side by side adds to the score of the second ([`rank`]'s):
/// its association with the char before it, the runs of three it starts, and how well it
/// fits its line.
fn fit_first(c1: char, c2: char, left: &str, right: &str) -> f64 {
    let mut lc = left.chars().rev().take_while(|&c| c != '\n');
    let before2 = [lc.next(), lc.next()];
    let t = &*super::bigram::BIGRAMS;
    let pairs = before2[0].map_or(0.0, |b| t.association(b, c1));
    let runs = before2[0].map_or(0.0, |b1| t.association3(before2[1].unwrap_or('^'), b1, c1))
        + t.association3(before2[0].unwrap_or('^'), c1, c2);
    let mut after = String::with_capacity(right.len() + 4);
    after.push(c2);
    after.push_str(right);
    PAIR_WEIGHT * pairs + TRI_WEIGHT * runs + LineFacts::new(left, &after).bonus(c1)
}

/// Move the scores of the end marks among `scored` (whose scores before the line's bonuses
/// are `base`) to what [`line_end`] gives a line that reads `line_left` before its end.
fn end_of_line(scored: &mut [(char, f64)], base: &[(char, f64)], line_left: &str) {
    use super::line_end::{ENDS, LINE_ENDS, line_class};
    let mut model = [None; ENDS.len()];
    for &(c, s) in base {
        if let Some(i) = ENDS.iter().position(|&e| e == c) {
            model[i] = Some(s);
        }
    }
    if model.iter().flatten().count() < 2 {
        return;
    }
    let line = line_left.rsplit('\n').next().unwrap_or("");
    let bonus = LINE_ENDS.bonus(line_class(line), &model);
    for (c, s) in scored.iter_mut() {
        if let Some(i) = ENDS.iter().position(|&e| e == *c) {
            *s += bonus[i];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_fit_their_line() {
        assert!(fit_bonus('）', "见附表（第三", "") > fit_bonus('）', "见附表第三", ""));
        assert!(fit_bonus('？', "你为什么不来", "") > fit_bonus('？', "你不来", ""));
        assert!(fit_bonus('２', "", "１世纪") > fit_bonus('也', "", "１世纪"));
        // a digit of the other width is no neighbour
        assert!(fit_bonus('，', "赔率1.96", "") > fit_bonus('３', "赔率1.96", ""));
        assert!(fit_bonus('3', "赔率1.96", "") > fit_bonus('，', "赔率1.96", ""));
    }

    #[test]
    fn infers_from_context() {
        let lm = LanguageModel::new();
        let (r, p) = rank(
            &lm,
            Lost::Trail { lead: 0xCE },
            "表达了悲观，认",
            " Transformer",
            5,
            MAX_SCORED,
        );
        assert!(p > 0.9, "{p}");
        assert_eq!(r[0].0, '为');
        let (r, _) = rank(
            &lm,
            Lost::Lead { trail: 0xE1 },
            "OpenAI ",
            "成功——投资",
            5,
            MAX_SCORED,
        );
        assert_eq!(r[0].0, '会');
    }
}
