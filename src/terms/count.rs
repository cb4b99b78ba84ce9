//! Counting candidate terms.

use rustc_hash::FxHashMap as HashMap;

use super::TermCount;

/// Candidate terms of a document with their counts, in order of first occurrence.
#[derive(Debug, Clone, Default)]
pub struct Counts<'a> {
    order: Vec<&'a str>,
    counts: HashMap<&'a str, usize>,
}

impl<'a> Counts<'a> {
    /// Count `terms` (already filtered).
    pub fn from_terms(terms: impl IntoIterator<Item = &'a str>) -> Self {
        let mut c = Counts::default();
        for t in terms {
            let n = c.counts.entry(t).or_insert(0);
            if *n == 0 {
                c.order.push(t);
            }
            *n += 1;
        }
        c
    }

    /// Each distinct term and its count, in order of first occurrence.
    pub fn iter(&self) -> impl Iterator<Item = (&'a str, usize)> + '_ {
        self.order.iter().map(|&t| (t, self.counts[t]))
    }

    /// Number of distinct terms.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether there is no term.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The `top_n` most frequent terms, by count (descending) then term.
    pub fn top(&self, top_n: usize) -> Vec<TermCount> {
        let mut v: Vec<(&str, usize)> = self.iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        v.truncate(top_n);
        v.into_iter()
            .map(|(term, count)| TermCount {
                term: term.to_owned(),
                count,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_in_first_occurrence_order() {
        let c = Counts::from_terms(["乙", "甲", "乙", "丙", "乙", "甲"]);
        assert_eq!(
            c.iter().collect::<Vec<_>>(),
            [("乙", 3), ("甲", 2), ("丙", 1)]
        );
        assert_eq!(c.len(), 3);
        assert!(Counts::from_terms([]).is_empty());
    }

    #[test]
    fn top_by_count_then_term() {
        let c = Counts::from_terms(["b", "c", "a", "c", "b", "d"]);
        let top: Vec<(String, usize)> = c.top(3).into_iter().map(|t| (t.term, t.count)).collect();
        assert_eq!(top, [("b".into(), 2), ("c".into(), 2), ("a".into(), 1)]);
        assert!(c.top(0).is_empty());
    }
}
