//! Candidate mentions proposed by the rules, and overlap resolution.

use super::EntityType;

/// How much a rule's evidence counts when two candidates of equal length compete.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Evidence {
    /// A trained sequence model's tag.
    Model = 0,
    /// Part-of-speech plus shape (a surname, transliteration characters).
    Shape = 1,
    /// A rule with an explicit cue (a suffix, a measure word, a title in 《》).
    Rule = 2,
    /// A name of the embedded gazetteers.
    Lexicon = 3,
}

/// A proposed mention: a span, a type, and the key that groups mentions into entities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// Entity type.
    pub kind: EntityType,
    /// Grouping key: mentions with the same key are one entity.
    pub key: String,
    /// Strength of the evidence.
    pub evidence: Evidence,
}

impl Candidate {
    /// A candidate whose key is derived from its type and text.
    pub fn new(start: usize, end: usize, kind: EntityType, text: &str, ev: Evidence) -> Self {
        Candidate {
            start,
            end,
            kind,
            key: text_key(kind, text),
            evidence: ev,
        }
    }

    /// Length in chars.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether two candidates share a char.
    pub fn overlaps(&self, other: &Candidate) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// The default grouping key of a mention: its type and its text without spaces.
pub(crate) fn text_key(kind: EntityType, text: &str) -> String {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    format!("{}:{t}", kind.as_str())
}

/// Keep a set of non-overlapping candidates: longest first, then strongest evidence, then
/// earliest. The result is sorted by position.
pub(crate) fn resolve(mut cands: Vec<Candidate>) -> Vec<Candidate> {
    cands.retain(|c| c.end > c.start);
    cands.sort_by(|a, b| {
        b.len()
            .cmp(&a.len())
            .then(b.evidence.cmp(&a.evidence))
            .then(a.start.cmp(&b.start))
    });
    let mut kept: Vec<Candidate> = Vec::with_capacity(cands.len());
    for c in cands {
        if !kept.iter().any(|k| k.overlaps(&c)) {
            kept.push(c);
        }
    }
    kept.sort_by_key(|c| (c.start, c.end));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(start: usize, end: usize, kind: EntityType, ev: Evidence) -> Candidate {
        Candidate::new(start, end, kind, "x", ev)
    }

    #[test]
    fn longest_then_evidence_wins() {
        let kept = resolve(vec![
            cand(0, 3, EntityType::Per, Evidence::Shape),
            cand(0, 5, EntityType::Org, Evidence::Rule),
            cand(6, 9, EntityType::Per, Evidence::Shape),
            cand(6, 9, EntityType::Org, Evidence::Lexicon),
        ]);
        assert_eq!(kept.len(), 2);
        assert_eq!(
            (kept[0].start, kept[0].end, kept[0].kind),
            (0, 5, EntityType::Org)
        );
        assert_eq!(kept[1].kind, EntityType::Org);
    }

    #[test]
    fn key_ignores_spaces() {
        assert_eq!(
            text_key(EntityType::Money, "10 亿美元"),
            text_key(EntityType::Money, "10亿美元")
        );
    }
}
