//! The mark that ends a line, by the marks inside it.
//!
//! Where the bytes of a line's last mark were lost, the surviving bytes often leave a choice
//! between marks (`锛?`: `，`, `；`, `？`, `！`, `：`, …; `銆?`: `。` or `、`). Char pairs
//! know how often each mark ends a line, but not that a line whose clauses are parted by
//! `，` seldom ends in `；`, while a line with no mark inside ends in `；` as often as in
//! `，` (items of a list). The table `data/repair/line_ends.txt` counts, in the train splits
//! of public news and web NER corpora, the end marks of sentences by the last mark inside
//! them (built by `scripts/build_line_ends.py`).
//!
//! The word model and the char pairs already give each end mark a score; [`LineEnds::bonus`]
//! moves those scores, within the same total, to the distribution the table gives for the
//! line's class, so that marks still compete fairly with other chars (a closing quote, a
//! Han char).

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

/// The table, as shipped.
const TABLE: &str = include_str!("../../data/repair/line_ends.txt");

/// The marks a line may end with that the table counts.
pub const ENDS: [char; 7] = ['。', '，', '、', '；', '：', '！', '？'];

/// Weight of the end distribution of all lines in a class's estimate, in sentences: a rare
/// class leans on the overall distribution.
const PRIOR: f64 = 50.0;

/// End marks by class of line.
#[derive(Debug)]
pub struct LineEnds {
    /// For each class (see [`line_class`]), ln P(end mark | class) over [`ENDS`].
    by_class: FxHashMap<(char, char), [f64; ENDS.len()]>,
    /// ln P(end mark) over all lines.
    all: [f64; ENDS.len()],
}

/// The shipped table, parsed once per process.
pub static LINE_ENDS: LazyLock<LineEnds> = LazyLock::new(|| LineEnds::parse(TABLE));

/// The class of `c` as a mark inside a line: `，`, `、`, `；`, `：`, or `。` for the marks
/// that end a sentence; ASCII marks as their full-width forms (not `.`, which digits use).
/// `None` when `c` is no such mark.
pub fn mark_class(c: char) -> Option<char> {
    match c {
        '。' | '！' | '？' | '!' | '?' => Some('。'),
        '，' | ',' => Some('，'),
        '；' | ';' => Some('；'),
        '：' | ':' => Some('：'),
        '、' => Some('、'),
        _ => None,
    }
}

/// Lines of at most this many chars before their end are short (`s`).
const SHORT: usize = 15;
/// Lines of at most this many chars are of middle length (`m`); longer ones are long (`l`).
const LONG: usize = 40;

/// The class of a line from its text before the end: its last mark's class (`-` if none)
/// and its length (`s`, `m`, `l`).
pub fn line_class(line: &str) -> (char, char) {
    let n = line.chars().count();
    let len = if n <= SHORT {
        's'
    } else if n <= LONG {
        'm'
    } else {
        'l'
    };
    (line.chars().rev().find_map(mark_class).unwrap_or('-'), len)
}

impl LineEnds {
    /// Parse `<class>\t<mark>\t<count>` lines; `#` starts a comment; malformed lines and
    /// marks outside [`ENDS`] are skipped.
    pub fn parse(text: &str) -> Self {
        let mut counts: FxHashMap<(char, char), [f64; ENDS.len()]> = FxHashMap::default();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let mut f = line.split('\t');
            let (Some(cls), Some(end), Some(n)) = (f.next(), f.next(), f.next()) else {
                continue;
            };
            let mut cls = cls.chars();
            let (Some(mark), Some(len), Some(end), Ok(n)) =
                (cls.next(), cls.next(), end.chars().next(), n.parse::<u32>())
            else {
                continue;
            };
            let cls = (mark, len);
            if let Some(i) = ENDS.iter().position(|&e| e == end) {
                counts.entry(cls).or_insert([0.0; ENDS.len()])[i] += f64::from(n);
            }
        }
        let mut total = [1.0; ENDS.len()];
        for row in counts.values() {
            for (t, n) in total.iter_mut().zip(row) {
                *t += n;
            }
        }
        let sum: f64 = total.iter().sum();
        let p_all = total.map(|n| n / sum);
        let by_class = counts
            .into_iter()
            .map(|(cls, row)| {
                let n: f64 = row.iter().sum();
                let mut p = [0.0; ENDS.len()];
                for i in 0..ENDS.len() {
                    p[i] = ((row[i] + PRIOR * p_all[i]) / (n + PRIOR)).ln();
                }
                (cls, p)
            })
            .collect();
        LineEnds {
            by_class,
            all: p_all.map(f64::ln),
        }
    }

    /// ln P(`end` | the line's class) for each end mark, or over all lines for a class the
    /// table lacks.
    pub fn log_probs(&self, class: (char, char)) -> &[f64; ENDS.len()] {
        self.by_class.get(&class).unwrap_or(&self.all)
    }

    /// What to add to the scores `model` gives the end marks of a line of `class` (`None`:
    /// a mark that is no candidate) so that, with the same total probability, the candidates
    /// among them follow the table: for each candidate mark,
    /// `ln P(mark | class, candidates) + ln Σ exp(model) − model[mark]`; 0 for the others.
    pub fn bonus(
        &self,
        class: (char, char),
        model: &[Option<f64>; ENDS.len()],
    ) -> [f64; ENDS.len()] {
        let mut out = [0.0; ENDS.len()];
        let logsumexp = |xs: &mut dyn Iterator<Item = f64>| {
            let v: Vec<f64> = xs.collect();
            let top = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            top + v.iter().map(|x| (x - top).exp()).sum::<f64>().ln()
        };
        let lp = self.log_probs(class);
        let mass = logsumexp(&mut model.iter().flatten().copied());
        let norm = logsumexp(
            &mut (0..ENDS.len())
                .filter(|&i| model[i].is_some())
                .map(|i| lp[i]),
        );
        if !mass.is_finite() || !norm.is_finite() {
            return out;
        }
        for (i, m) in model.iter().enumerate() {
            if let Some(m) = m {
                out[i] = lp[i] - norm + mass - m;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_of_lines() {
        assert_eq!(line_class("名副其实毋庸多议"), ('-', 's'));
        assert_eq!(line_class("面对铁窗，蒋天才回顾自己"), ('，', 's'));
        assert_eq!(line_class("大海、天空"), ('、', 's'));
        assert_eq!(line_class("他说: 好"), ('：', 's'));
        assert_eq!(line_class("对吗? 对"), ('。', 's'));
        assert_eq!(line_class(&"好".repeat(41)), ('-', 'l'));
        assert_eq!(line_class(&"好".repeat(40)), ('-', 'm'));
    }

    #[test]
    fn the_class_moves_the_end_marks() {
        let t = LineEnds::parse("-s\t；\t30\n-s\t，\t20\n，s\t；\t10\n，s\t，\t40\n");
        let semi = ENDS.iter().position(|&e| e == '；').unwrap_or(0);
        let comma = ENDS.iter().position(|&e| e == '，').unwrap_or(0);
        let flat = [Some(0.0); ENDS.len()];
        let none = t.bonus(('-', 's'), &flat);
        let commas = t.bonus(('，', 's'), &flat);
        assert!(none[semi] > none[comma]);
        assert!(commas[comma] > commas[semi]);
        // the total probability of the end marks is kept
        let total: f64 = none.iter().map(|b| b.exp()).sum();
        assert!((total - ENDS.len() as f64).abs() < 1e-9, "{total}");
    }

    #[test]
    fn shipped_table_knows_lists() {
        let t = &*LINE_ENDS;
        let semi = ENDS.iter().position(|&e| e == '；').unwrap_or(0);
        let comma = ENDS.iter().position(|&e| e == '，').unwrap_or(0);
        assert!(t.log_probs(('-', 's'))[semi] > t.log_probs(('-', 's'))[comma]);
        assert!(t.log_probs(('，', 'l'))[comma] > t.log_probs(('，', 'l'))[semi]);
    }
}
