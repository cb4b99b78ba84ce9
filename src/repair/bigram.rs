//! Character pairs: how much more often two chars stand together than chance would have it.
//!
//! The word model ([`super::lm`]) knows words, not which word follows which; for a char whose
//! bytes were lost, the chars beside it are often all the evidence there is (`开具收款收据`,
//! not `收看`). The table `data/repair/char_bigrams.txt` holds counts of chars and of adjacent
//! pairs from the train splits of public news and web NER corpora (built by
//! `scripts/build_char_bigrams.py`; pairs seen once are left out). `^` and `$` stand for the
//! start and end of a line. Runs of three chars seen at least three times in the same text
//! (`data/repair/char_trigrams.txt`, `scripts/build_char_trigrams.py`) sharpen the pairs where
//! the char before says more than one char can (`月收入`, not `下收入`; `日、22日`).

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

/// The table, as shipped.
const TABLE: &str = include_str!("../../data/repair/char_bigrams.txt");
/// The trigram table, as shipped.
const TRI_TABLE: &str = include_str!("../../data/repair/char_trigrams.txt");

/// How many sightings of a pair make its trigram counts worth as much as the pair's own
/// continuations: the weight of the trigram estimate is `n / (n + TRI_PRIOR)`.
const TRI_PRIOR: f64 = 20.0;

/// Weight of the pair counts against the char's own frequency (linear interpolation).
const LAMBDA: f64 = 0.8;

/// Char and pair counts.
#[derive(Debug)]
pub struct Bigrams {
    uni: FxHashMap<char, u32>,
    bi: FxHashMap<(char, char), u32>,
    tri: FxHashMap<(char, char, char), u32>,
    total: f64,
}

/// The shipped table, parsed once per process.
pub static BIGRAMS: LazyLock<Bigrams> = LazyLock::new(|| Bigrams::parse_all(&[TABLE, TRI_TABLE]));

impl Bigrams {
    /// Parse tables of `<chars>\t<count>` lines (one char: its count; two: the pair's;
    /// three: the run's); `#` starts a comment line; malformed lines are skipped.
    pub fn parse_all(texts: &[&str]) -> Self {
        let mut uni = FxHashMap::default();
        let mut bi = FxHashMap::default();
        let mut tri = FxHashMap::default();
        for line in texts
            .iter()
            .flat_map(|t| t.lines())
            .filter(|l| !l.starts_with('#'))
        {
            let Some((k, n)) = line.split_once('\t') else {
                continue;
            };
            let Ok(n) = n.parse::<u32>() else { continue };
            let mut cs = k.chars();
            match (cs.next(), cs.next(), cs.next(), cs.next()) {
                (Some(a), None, _, _) => {
                    uni.insert(a, n);
                }
                (Some(a), Some(b), None, _) => {
                    bi.insert((a, b), n);
                }
                (Some(a), Some(b), Some(c), None) => {
                    tri.insert((a, b, c), n);
                }
                _ => {}
            }
        }
        let total = uni.values().map(|&n| f64::from(n)).sum::<f64>().max(1.0);
        Bigrams {
            uni,
            bi,
            tri,
            total,
        }
    }

    /// P(b | a), interpolated with P(b); `None` when `b` is unknown.
    fn cond(&self, a: char, b: char) -> Option<f64> {
        let nb = self.uni.get(&b).copied().unwrap_or(0);
        if nb == 0 {
            return None;
        }
        let p_b = f64::from(nb) / self.total;
        let na = self.uni.get(&a).copied().unwrap_or(0);
        Some(if na == 0 {
            p_b
        } else {
            let nab = self.bi.get(&(a, b)).copied().unwrap_or(0);
            LAMBDA * f64::from(nab) / f64::from(na) + (1.0 - LAMBDA) * p_b
        })
    }

    /// How much more likely `c` is after `a b` than after `b` alone (log ratio, never below
    /// 0): P(c | a b) is the trigram estimate interpolated with P(c | b), weighted by how
    /// often `a b` was seen. 0 when `c` is unknown or `a b` never seen.
    pub fn association3(&self, a: char, b: char, c: char) -> f64 {
        let (a, b, c) = (fold(a), fold(b), fold(c));
        // an unseen run counts 0 (see below): most are, so look it up first
        let nabc = f64::from(self.tri.get(&(a, b, c)).copied().unwrap_or(0));
        if nabc == 0.0 {
            return 0.0;
        }
        let Some(p_cb) = self.cond(b, c) else {
            return 0.0;
        };
        let nab = f64::from(self.bi.get(&(a, b)).copied().unwrap_or(0));
        if nab == 0.0 {
            return 0.0;
        }
        let w = nab / (nab + TRI_PRIOR);
        let p = w * (nabc / nab).min(1.0) + (1.0 - w) * p_cb;
        // Only evidence for: 2.5M chars of text leave most runs of three unseen, and
        // unseen says little.
        (p / p_cb).ln().max(0.0)
    }

    /// The trigram associations of `c` with the two chars either side of it (`None`: a line
    /// edge, or beyond it): what three chars in a row say beyond [`Self::fit`].
    pub fn fit3(&self, before: [Option<char>; 2], c: char, after: [Option<char>; 2]) -> f64 {
        let edge_l = |x: Option<char>| x.unwrap_or('^');
        let edge_r = |x: Option<char>| x.unwrap_or('$');
        let mut s = 0.0;
        // before[0] is the char right before `c`
        if let Some(b1) = before[0] {
            s += self.association3(edge_l(before[1]), b1, c);
        }
        s += self.association3(edge_l(before[0]), c, edge_r(after[0]));
        if let Some(a1) = after[0] {
            s += self.association3(c, a1, edge_r(after[1]));
        }
        s
    }

    /// How much more likely `b` is right after `a` than anywhere (log ratio, natural log):
    /// log P(b | a) / P(b), with P(b | a) interpolated with P(b). Positive for pairs that
    /// go together, near log(1 - λ) for pairs never seen; 0 when `b` is unknown.
    pub fn association(&self, a: char, b: char) -> f64 {
        let (a, b) = (fold(a), fold(b));
        match self.cond(a, b) {
            None => 0.0,
            Some(p_ab) => {
                let p_b = f64::from(self.uni[&b]) / self.total;
                (p_ab / p_b).ln()
            }
        }
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
        let t = Bigrams::parse_all(&["收\t10\n款\t5\n看\t5\n收款\t4\n# comment\n"]);
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

    #[test]
    fn runs_of_three_add_what_the_char_before_says() {
        let t = Bigrams::parse_all(&[
            "月\t30\n下\t90\n收\t40\n入\t40\n款\t10\n月收\t6\n下收\t6\n收入\t30\n收款\t8\n月收入\t5\n",
        ]);
        assert!(t.association3('月', '收', '入') > 0.0);
        // a run never seen says nothing, and neither does an unseen pair before it
        assert_eq!(t.association3('下', '收', '入'), 0.0);
        assert_eq!(t.association3('入', '月', '收'), 0.0);
        assert!(
            t.fit3([Some('月'), None], '收', [Some('入'), None])
                > t.fit3([Some('下'), None], '收', [Some('入'), None])
        );
        let shipped = &*BIGRAMS;
        assert!(shipped.association3('月', '收', '入') > shipped.association3('下', '收', '入'));
    }
}
