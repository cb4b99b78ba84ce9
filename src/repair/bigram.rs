//! Character pairs: how much more often two chars stand together than chance would have it.
//!
//! The word model ([`super::lm`]) knows words, not which word follows which; for a char whose
//! bytes were lost, the chars beside it are often all the evidence there is (`开具收款收据`,
//! not `收看`). The table `data/repair/char_bigrams.txt` holds counts of chars and of adjacent
//! pairs from the train splits of public news and web NER corpora (built by
//! `scripts/build_char_bigrams.py`; pairs seen once are left out). `^` and `$` stand for the
//! start and end of a line.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

/// The table, as shipped.
const TABLE: &str = include_str!("../../data/repair/char_bigrams.txt");

/// Weight of the pair counts against the char's own frequency (linear interpolation).
const LAMBDA: f64 = 0.8;

/// Char and pair counts.
#[derive(Debug)]
pub struct Bigrams {
    uni: FxHashMap<char, u32>,
    bi: FxHashMap<(char, char), u32>,
    total: f64,
}

/// The shipped table, parsed once per process.
pub static BIGRAMS: LazyLock<Bigrams> = LazyLock::new(|| Bigrams::parse(TABLE));

impl Bigrams {
    /// Parse `<chars>\t<count>` lines (one char: its count; two: the pair's); `#` starts a
    /// comment line; malformed lines are skipped.
    pub fn parse(text: &str) -> Self {
        let mut uni = FxHashMap::default();
        let mut bi = FxHashMap::default();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let Some((k, n)) = line.split_once('\t') else {
                continue;
            };
            let Ok(n) = n.parse::<u32>() else { continue };
            let mut cs = k.chars();
            match (cs.next(), cs.next(), cs.next()) {
                (Some(a), None, _) => {
                    uni.insert(a, n);
                }
                (Some(a), Some(b), None) => {
                    bi.insert((a, b), n);
                }
                _ => {}
            }
        }
        let total = uni.values().map(|&n| f64::from(n)).sum::<f64>().max(1.0);
        Bigrams { uni, bi, total }
    }

    /// How much more likely `b` is right after `a` than anywhere (log ratio, natural log):
    /// log P(b | a) / P(b), with P(b | a) interpolated with P(b). Positive for pairs that
    /// go together, near log(1 - λ) for pairs never seen; 0 when `b` is unknown.
    pub fn association(&self, a: char, b: char) -> f64 {
        let (a, b) = (fold(a), fold(b));
        let nb = self.uni.get(&b).copied().unwrap_or(0);
        if nb == 0 {
            return 0.0;
        }
        let p_b = f64::from(nb) / self.total;
        let na = self.uni.get(&a).copied().unwrap_or(0);
        let p_ab = if na == 0 {
            p_b
        } else {
            let nab = self.bi.get(&(a, b)).copied().unwrap_or(0);
            LAMBDA * f64::from(nab) / f64::from(na) + (1.0 - LAMBDA) * p_b
        };
        (p_ab / p_b).ln()
    }

    /// The sum of the associations of the adjacent chars of `text`.
    pub fn chain(&self, text: &str) -> f64 {
        text.chars()
            .zip(text.chars().skip(1))
            .map(|(a, b)| self.association(a, b))
            .sum()
    }

    /// The association of `c` with the chars either side of it (`None`: a line edge).
    pub fn fit(&self, before: Option<char>, c: char, after: Option<char>) -> f64 {
        self.association(before.unwrap_or('^'), c) + self.association(c, after.unwrap_or('$'))
    }
}

/// Full-width digits and letters as ASCII, as the table holds them.
fn fold(c: char) -> char {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_that_go_together_score_above_chance() {
        let t = Bigrams::parse("收\t10\n款\t5\n看\t5\n收款\t4\n# comment\n");
        assert!(t.association('收', '款') > 0.0);
        assert!(t.association('收', '看') < 0.0);
        assert_eq!(t.association('收', '鑫'), 0.0);
    }

    #[test]
    fn shipped_table_knows_common_pairs() {
        let t = &*BIGRAMS;
        assert!(t.association('保', '险') > 0.0);
        assert!(t.fit(Some('收'), '款', Some('收')) > t.fit(Some('收'), '看', Some('收')));
        assert!(t.fit(Some('到'), '。', None) > t.fit(Some('到'), '、', None));
        // full-width and ASCII digits are one
        assert_eq!(t.association('１', '９'), t.association('1', '9'));
    }
}
