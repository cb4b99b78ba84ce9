//! Character bigrams, for choosing a character whose bytes were lost: the word model knows
//! words, but not which character follows which across word boundaries (`，让`, `了野`).
//!
//! The counts come from the NER training corpora (`data/lm/char_bigrams.txt`, built by
//! `scripts/build_char_bigrams.py`; bigrams seen fewer than three times are left out).
//! Full-width digits and letters are folded to ASCII; `^` and `$` stand for the start and the
//! end of a line.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

const TABLE: &str = include_str!("../../data/lm/char_bigrams.txt");
/// Weight of the unigram in the interpolation (a pseudo-count).
const ALPHA: f64 = 20.0;

/// Bigram and left-char counts.
#[derive(Debug)]
pub struct CharBigrams {
    pairs: FxHashMap<(char, char), u32>,
    totals: FxHashMap<char, u32>,
    grand: f64,
}

/// The embedded table, parsed once.
pub static BIGRAMS: LazyLock<CharBigrams> = LazyLock::new(|| {
    let mut pairs = FxHashMap::default();
    let mut totals = FxHashMap::default();
    for line in TABLE.lines().filter(|l| !l.starts_with("# ")) {
        let mut it = line.split(' ');
        let (Some(a), Some(b), Some(n)) = (it.next(), it.next(), it.next()) else {
            continue;
        };
        let (Some(a), Ok(n)) = (a.chars().next(), n.parse::<u32>()) else {
            continue;
        };
        if b == "*" {
            totals.insert(a, n);
        } else if let Some(b) = b.chars().next() {
            pairs.insert((a, b), n);
        }
    }
    let grand = totals.values().map(|&n| f64::from(n)).sum::<f64>().max(1.0);
    CharBigrams {
        pairs,
        totals,
        grand,
    }
});

fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\n' | '\r' => '$',
        _ => c,
    }
}

impl CharBigrams {
    /// `ln P(b | a)`, interpolated with the unigram of `b` (add-one smoothed).
    pub fn logp(&self, a: char, b: char) -> f64 {
        let (a, b) = (fold(a), fold(b));
        let pair = f64::from(self.pairs.get(&(a, b)).copied().unwrap_or(0));
        let left = f64::from(self.totals.get(&a).copied().unwrap_or(0));
        let uni = (f64::from(self.totals.get(&b).copied().unwrap_or(0)) + 1.0) / (self.grand + 1.0);
        ((pair + ALPHA * uni) / (left + ALPHA)).ln()
    }

    /// `ln P(c | before) + ln P(after | c)`: how well `c` fits between its neighbours
    /// (`None` for the start or the end of the text).
    pub fn fit(&self, before: Option<char>, c: char, after: Option<char>) -> f64 {
        self.logp(before.unwrap_or('^'), c) + self.logp(c, after.unwrap_or('$'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_pairs_beat_rare_ones() {
        let b = &*BIGRAMS;
        assert!(b.logp('中', '国') > b.logp('中', '鹅'));
        assert!(b.fit(Some('，'), '让', Some('这')) > b.fit(Some('，'), '人', Some('这')));
    }
}
